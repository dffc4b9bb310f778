import { request } from 'node:http';
import { describe, expect, it } from 'vitest';
import { LocalProvider } from '../../src/llm/local.provider.js';
import { buildTestApp, sampleTicket, type TestApp } from '../helpers/build-test-app.js';
import { GatedProvider } from '../helpers/recording-provider.js';

/** Waits (bounded) for a condition the server reaches on its own, e.g. a request entering the queue. */
async function until(cond: () => boolean, what: string): Promise<void> {
  for (let i = 0; i < 500; i++) {
    if (cond()) return;
    await new Promise((r) => setTimeout(r, 5));
  }
  throw new Error(`timed out waiting for ${what}`);
}

const post = (t: TestApp, id: string) =>
  t.app.inject({ method: 'POST', url: '/tickets', payload: { ...sampleTicket, ticket_id: id } });

function expectOverloaded(
  res: { statusCode: number; headers: Record<string, unknown>; json: () => any },
  retryAfter: string,
) {
  expect(res.statusCode).toBe(503);
  expect(res.headers['content-type']).toMatch(/^application\/problem\+json/);
  expect(res.headers['retry-after']).toBe(retryAfter);
  expect(res.json().code).toBe('overloaded');
}

describe('load shedding: bounded admission queue (MAX_CONCURRENT_REQUESTS, MAX_QUEUED_REQUESTS)', () => {
  it('runs one, queues one, and answers 503 + Retry-After at once to the next, while health stays reachable', async () => {
    const gated = new GatedProvider(new LocalProvider());
    const t = await buildTestApp({
      env: { MAX_CONCURRENT_REQUESTS: '1', MAX_QUEUED_REQUESTS: '1', REQUEST_QUEUE_TIMEOUT_MS: '0' },
      parts: { provider: gated },
    });
    try {
      const first = post(t, 'LS-1');
      await gated.entered(1);
      const second = post(t, 'LS-2');
      await until(() => t.app.admission.queued === 1, 'the second request to queue');

      const third = await post(t, 'LS-3');
      expectOverloaded(third, '1');
      expect(third.json().detail).toMatch(/limit of 1 concurrent requests and its queue is full/);
      expect((await t.app.inject({ method: 'GET', url: '/health' })).statusCode).toBe(200);
      const ready = await t.app.inject({ method: 'GET', url: '/health/ready' });
      expect(ready.json().checks.load.detail).toBe('1 requests in flight, 1 queued');

      gated.open();
      expect((await first).statusCode).toBe(201);
      expect((await second).statusCode).toBe(201);
      expect(await t.deps.store.get('LS-3')).toBeUndefined();
      expect([t.app.admission.active, t.app.admission.queued]).toEqual([0, 0]);
    } finally {
      gated.open();
      await t.close();
    }
  });

  it('answers 503 to a request that waited REQUEST_QUEUE_TIMEOUT_MS without a slot', async () => {
    const gated = new GatedProvider(new LocalProvider());
    const t = await buildTestApp({
      env: { MAX_CONCURRENT_REQUESTS: '1', MAX_QUEUED_REQUESTS: '4', REQUEST_QUEUE_TIMEOUT_MS: '50' },
      parts: { provider: gated },
    });
    try {
      const first = post(t, 'LT-1');
      await gated.entered(1);
      const waited = await post(t, 'LT-2');
      expectOverloaded(waited, '1');
      expect(waited.json().detail).toMatch(/no request slot freed within 50 ms/);
      gated.open();
      expect((await first).statusCode).toBe(201);
    } finally {
      gated.open();
      await t.close();
    }
  });

  it('keeps the slot of a client that hung up until its work is done, then frees it', async () => {
    const gated = new GatedProvider(new LocalProvider());
    const t = await buildTestApp({
      env: { MAX_CONCURRENT_REQUESTS: '1', MAX_QUEUED_REQUESTS: '0' },
      parts: { provider: gated },
    });
    const url = await t.app.listen({ host: '127.0.0.1', port: 0 });
    try {
      // A plain one-connection client (no pool that opens spare connections), hung up mid-request.
      const req = request(`${url}/tickets`, {
        method: 'POST',
        agent: false,
        headers: { 'content-type': 'application/json' },
      });
      const hungUp = new Promise((resolve) => req.on('error', (e: NodeJS.ErrnoException) => resolve(e.code)));
      req.end(JSON.stringify({ ...sampleTicket, ticket_id: 'LH-1' }));
      await gated.entered(1);
      req.destroy(Object.assign(new Error('client hung up'), { code: 'HUNG_UP' }));
      expect(await hungUp).toBe('HUNG_UP');
      let open = 1;
      await until(
        () => (t.app.server.getConnections((_e, n) => (open = n)), open === 0),
        'the server to see the hang-up',
      );

      // The work goes on, so the slot stays taken: no over-admission.
      expectOverloaded(await post(t, 'LH-2'), '1');
      gated.open();
      await until(() => t.app.admission.active === 0, 'the abandoned request to finish');
      expect((await t.deps.store.get('LH-1'))?.status).toBe('completed');
      expect((await post(t, 'LH-3')).statusCode).toBe(201);
    } finally {
      gated.open();
      await t.close();
    }
  });
});

describe('load shedding: @fastify/under-pressure', () => {
  it('answers 503 + Retry-After while the process is over a threshold, but not to the health probes', async () => {
    // A heap threshold of 1 byte is crossed at the first sample: a deterministic "under pressure". The
    // event-loop check is off: with a 10 ms sample a sample can be empty, which under-pressure reads as infinite.
    const t = await buildTestApp({
      env: { MAX_HEAP_USED_BYTES: '1', MAX_EVENT_LOOP_DELAY_MS: '0' },
      adjustConfig: (c) => ({
        ...c,
        limits: { ...c.limits, pressure: { ...c.limits.pressure, sampleIntervalMs: 10 } },
      }),
    });
    try {
      await until(() => t.app.isUnderPressure(), 'the first pressure sample');
      const res = await post(t, 'UP-1');
      expectOverloaded(res, '5');
      expect(res.json().detail).toMatch(/under pressure \(heapUsedBytes\)/);
      expect(await t.deps.store.get('UP-1')).toBeUndefined();

      expect((await t.app.inject({ method: 'GET', url: '/health' })).statusCode).toBe(200);
      const ready = await t.app.inject({ method: 'GET', url: '/health/ready' });
      expect(ready.statusCode).toBe(200);
      expect(ready.json()).toMatchObject({
        status: 'degraded',
        checks: { load: { status: 'degraded', required: false } },
      });
    } finally {
      await t.close();
    }
  });
});
