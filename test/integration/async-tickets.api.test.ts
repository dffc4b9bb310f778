import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { silentLogger } from '../../src/logger.js';
import { TableJobSource } from '../../src/queue/table.job-source.js';
import { TicketWorker } from '../../src/queue/ticket-worker.js';
import type { PipelineOutput } from '../../src/schemas/result.schema.js';
import { SqliteTicketStore } from '../../src/tickets/sqlite.ticket-store.js';
import { TicketProcessor } from '../../src/tickets/ticket-processor.js';
import { sampleTicket, tempDir } from '../helpers/build-test-app.js';
import { buildQueueApp, startStatusServer, waitFor, type QueueApp } from '../helpers/queue-harness.js';

describe('asynchronous tickets on SQLite (the tickets table is the queue)', () => {
  const dir = tempDir('async-');
  let status: Awaited<ReturnType<typeof startStatusServer>>;
  let t: QueueApp;

  beforeAll(async () => {
    status = await startStatusServer(40);
    t = await buildQueueApp({ env: { DATABASE_URL: `sqlite:${join(dir.path, 'async.db')}` }, statusUrl: status.url });
  });
  afterAll(async () => {
    await t?.close();
    await status?.close();
    dir.remove();
  });

  it('answers 202 with Location at once, then shows queued, processing and completed', async () => {
    const res = await t.app.inject({ method: 'POST', url: '/tickets', headers: { prefer: 'respond-async, wait=0' }, payload: { ...sampleTicket, ticket_id: 'AS-1' } });
    expect(res.statusCode).toBe(202);
    expect(res.headers.location).toBe('/tickets/AS-1');
    expect(res.headers['preference-applied']).toBe('respond-async');
    expect(res.json()).toMatchObject({ ticket_id: 'AS-1', status: 'queued', attempts: 0, completed_at: null });
    expect(res.json().analysis).toBeUndefined();
    expect((await t.app.inject({ method: 'GET', url: '/tickets/AS-1' })).json().status).toBe('queued');
    // Operators see the waiting ticket as queue depth on /metrics.
    const metrics = (await t.app.inject({ method: 'GET', url: '/metrics' })).body;
    expect(metrics).toMatch(/^support_queue_depth 1$/m);

    await t.deps.worker.start();
    const seen = new Set<string>();
    const done = await waitFor(
      async () => {
        const r = (await t.app.inject({ method: 'GET', url: '/tickets/AS-1' })).json();
        seen.add(r.status);
        return r;
      },
      (r) => r.status === 'completed',
      10_000,
      5,
    );
    // The mock status API answers after 40 ms, so the ticket is seen while a worker holds it.
    expect(seen).toContain('processing');
    expect(done).toMatchObject({ status: 'completed', attempts: 1 });
    expect(done.response.response_text.length).toBeGreaterThan(50);
  });

  it('?async=true queues too; without either the POST stays synchronous (201)', async () => {
    const queued = await t.app.inject({ method: 'POST', url: '/tickets?async=true', payload: { ...sampleTicket, ticket_id: 'AS-2' } });
    expect(queued.statusCode).toBe(202);
    const sync = await t.app.inject({ method: 'POST', url: '/tickets', payload: { ...sampleTicket, ticket_id: 'AS-3' } });
    expect(sync.statusCode).toBe(201);
    expect(sync.json().status).toBe('completed');
    const again = await t.app.inject({ method: 'POST', url: '/tickets?async=true', payload: { ...sampleTicket, ticket_id: 'AS-3' } });
    expect(again.statusCode).toBe(200);
    expect(again.json()).toEqual(sync.json());
  });

  it('Idempotency-Key: retries give the same ticket; the key reused for another request is 422', async () => {
    const headers = { 'idempotency-key': 'client-req-42', prefer: 'respond-async' };
    const results = await Promise.all(Array.from({ length: 8 }, () => t.app.inject({ method: 'POST', url: '/tickets', headers, payload: sampleTicket })));
    expect(results.filter((r) => r.statusCode === 202)).toHaveLength(1);
    expect(results.filter((r) => r.statusCode === 200)).toHaveLength(7);
    expect(new Set(results.map((r) => r.json().ticket_id)).size).toBe(1);
    // Same request, keys re-ordered: still the same request.
    const reordered = Object.fromEntries(Object.entries(sampleTicket).reverse());
    expect((await t.app.inject({ method: 'POST', url: '/tickets', headers, payload: reordered })).statusCode).toBe(200);
    const other = await t.app.inject({ method: 'POST', url: '/tickets', headers, payload: { ...sampleTicket, body: 'something else entirely' } });
    expect(other.statusCode).toBe(422);
    expect(other.json()).toMatchObject({ code: 'idempotency_key_reused' });
    const bad = await t.app.inject({ method: 'POST', url: '/tickets', headers: { 'idempotency-key': 'has space' }, payload: sampleTicket });
    expect(bad.statusCode).toBe(400);
  });

  it('the webhooks sub-resource answers 404 for an unknown ticket and an empty list without a callback', async () => {
    expect((await t.app.inject({ method: 'GET', url: '/tickets/NOPE/webhooks' })).statusCode).toBe(404);
    expect((await t.app.inject({ method: 'GET', url: '/tickets/AS-3/webhooks' })).json()).toEqual({ ticket_id: 'AS-3', state: null, attempts: [] });
  });
});

describe('retries of a failing ticket', () => {
  const dir = tempDir('retry-');
  const OUTPUT = { provider: 'fake', degraded: false } as unknown as PipelineOutput;

  function setup(failures: number, maxAttempts: number) {
    const store = new SqliteTicketStore(join(dir.path, `retry-${failures}-${maxAttempts}.db`));
    const calls: number[] = [];
    const orchestrator = {
      process: vi.fn(async () => {
        calls.push(Date.now());
        if (calls.length <= failures) throw new Error(`upstream model returned 503 (call ${calls.length})`);
        return OUTPUT;
      }),
    };
    const processor = new TicketProcessor({ store, orchestrator, log: silentLogger, leaseMs: 5000, retry: { maxAttempts, baseDelayMs: 60, maxDelayMs: 1000 } });
    const worker = new TicketWorker({ source: new TableJobSource(store, () => processor.lease), processor, log: silentLogger, concurrency: 1, pollIntervalMs: 10, sweepIntervalMs: 10_000 });
    return { store, calls, worker };
  }
  afterAll(() => dir.remove());

  it('retries with growing delays and completes when an attempt succeeds', async () => {
    const { store, calls, worker } = setup(2, 3);
    await store.insert({ ticket_id: 'RT-OK', ticket: { ...sampleTicket, ticket_id: 'RT-OK' }, status: 'queued', created_at: new Date().toISOString() });
    await worker.start();
    const r = await waitFor(() => store.get('RT-OK'), (x) => x?.status === 'completed', 10_000, 10);
    await worker.stop();
    expect(r).toMatchObject({ status: 'completed', attempts: 3 });
    expect(r?.error).toBeUndefined();
    // baseDelay 60 ms: the 1st retry waits 60-120 ms, the 2nd 120-240 ms.
    expect(calls[1]! - calls[0]!).toBeGreaterThanOrEqual(60);
    expect(calls[2]! - calls[1]!).toBeGreaterThanOrEqual(120);
    await store.close();
  });

  it('marks the ticket failed with the reason once the attempts run out', async () => {
    const { store, calls, worker } = setup(99, 3);
    await store.insert({ ticket_id: 'RT-BAD', ticket: { ...sampleTicket, ticket_id: 'RT-BAD' }, status: 'queued', created_at: new Date().toISOString() });
    await worker.start();
    const seenQueuedWithError = await waitFor(() => store.get('RT-BAD'), (x) => x?.status === 'queued' && Boolean(x.error), 5000, 5);
    expect(seenQueuedWithError?.error).toContain('upstream model returned 503');
    const r = await waitFor(() => store.get('RT-BAD'), (x) => x?.status === 'failed', 10_000, 10);
    await worker.stop();
    expect(r).toMatchObject({ status: 'failed', attempts: 3, error: 'upstream model returned 503 (call 3)' });
    expect(r?.completed_at).not.toBeNull();
    expect(calls).toHaveLength(3);
    await store.close();
  });
});
