import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { verifyWebhook, WEBHOOK_HEADERS } from '../../src/webhooks/webhook-signature.js';
import { buildTestApp, sampleTicket, tempDir } from '../helpers/build-test-app.js';
import { buildQueueApp, startStatusServer, waitFor, type QueueApp } from '../helpers/queue-harness.js';

const SECRET = 'whsec_test_5b1c0e';

interface Received {
  headers: IncomingHttpHeaders;
  body: string;
  verified: ReturnType<typeof verifyWebhook>;
}

/** A helpdesk's webhook receiver over real HTTP: answers the scripted statuses in turn and verifies each signature. */
async function startReceiver(statuses: number[]): Promise<{ url: string; received: Received[]; close: () => Promise<void> }> {
  const received: Received[] = [];
  const server: Server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const body = Buffer.concat(chunks).toString('utf8');
      const verified = verifyWebhook({
        secret: SECRET,
        body,
        timestamp: req.headers[WEBHOOK_HEADERS.timestamp] as string | undefined,
        signature: req.headers[WEBHOOK_HEADERS.signature] as string | undefined,
      });
      received.push({ headers: req.headers, body, verified });
      res.writeHead(statuses[received.length - 1] ?? 204).end();
    });
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const { port } = server.address() as AddressInfo;
  return { url: `http://127.0.0.1:${port}/hooks/tickets`, received, close: () => new Promise((r) => server.close(() => r())) };
}

describe('webhooks', () => {
  const dir = tempDir('webhooks-');
  let status: Awaited<ReturnType<typeof startStatusServer>>;
  let t: QueueApp;

  beforeAll(async () => {
    status = await startStatusServer();
    t = await buildQueueApp({
      env: { DATABASE_URL: `sqlite:${join(dir.path, 'hooks.db')}`, WEBHOOK_SECRET: SECRET, WEBHOOK_MAX_ATTEMPTS: '4' },
      statusUrl: status.url,
    });
    await t.deps.worker.start();
  });
  afterAll(async () => {
    await t?.close();
    await status?.close();
    dir.remove();
  });

  it('POSTs the result signed with HMAC-SHA256, retries on 500 with backoff, and records every attempt', async () => {
    const receiver = await startReceiver([500, 500, 204]);
    try {
      const res = await t.app.inject({
        method: 'POST',
        url: '/tickets?async=true',
        payload: { ...sampleTicket, ticket_id: 'HOOK-1', callback_url: receiver.url },
      });
      expect(res.statusCode).toBe(202);
      const record = await waitFor(
        async () => (await t.app.inject({ method: 'GET', url: '/tickets/HOOK-1' })).json(),
        (r) => r.webhook?.state === 'delivered',
      );
      expect(record).toMatchObject({ status: 'completed', webhook: { state: 'delivered', attempts: 3 } });

      expect(receiver.received).toHaveLength(3);
      for (const [i, r] of receiver.received.entries()) {
        expect(r.verified).toEqual({ ok: true });
        expect(r.headers[WEBHOOK_HEADERS.id]).toBe('HOOK-1');
        expect(r.headers[WEBHOOK_HEADERS.event]).toBe('ticket.completed');
        expect(r.headers[WEBHOOK_HEADERS.attempt]).toBe(String(i + 1));
      }
      const payload = JSON.parse(receiver.received[2]!.body);
      expect(payload).toMatchObject({ event: 'ticket.completed', ticket: { ticket_id: 'HOOK-1', status: 'completed' } });
      expect(payload.ticket.response.response_text.length).toBeGreaterThan(50);
      // A body altered in transit, or signed with another secret, does not verify.
      const first = receiver.received[0]!;
      const ts = first.headers[WEBHOOK_HEADERS.timestamp] as string;
      const sig = first.headers[WEBHOOK_HEADERS.signature] as string;
      expect(verifyWebhook({ secret: SECRET, body: first.body.replace('HOOK-1', 'HOOK-2'), timestamp: ts, signature: sig })).toMatchObject({ ok: false });
      expect(verifyWebhook({ secret: 'other', body: first.body, timestamp: ts, signature: sig })).toMatchObject({ ok: false });

      const attempts = (await t.app.inject({ method: 'GET', url: '/tickets/HOOK-1/webhooks' })).json();
      expect(attempts.state).toBe('delivered');
      expect(attempts.attempts.map((a: { attempt: number; status_code: number; ok: boolean }) => [a.attempt, a.status_code, a.ok])).toEqual([
        [1, 500, false],
        [2, 500, false],
        [3, 204, true],
      ]);
      expect(attempts.attempts[0]).toMatchObject({ url: receiver.url, error: 'HTTP 500' });
      // Backoff (WEBHOOK_RETRY_DELAY_MS=20): at least 20 ms before the 2nd attempt, 40 ms before the 3rd.
      const at = attempts.attempts.map((a: { attempted_at: string }) => Date.parse(a.attempted_at));
      expect(at[1] - at[0]).toBeGreaterThanOrEqual(20);
      expect(at[2] - at[1]).toBeGreaterThanOrEqual(40);
    } finally {
      await receiver.close();
    }
  });

  it('gives up after WEBHOOK_MAX_ATTEMPTS and says so; a 4xx other than 408/409/425/429 is not retried', async () => {
    const down = await startReceiver([503, 503, 503, 503, 503]);
    const refusing = await startReceiver([410]);
    try {
      await t.app.inject({ method: 'POST', url: '/tickets', payload: { ...sampleTicket, ticket_id: 'HOOK-DOWN', callback_url: down.url } });
      await t.app.inject({ method: 'POST', url: '/tickets', payload: { ...sampleTicket, ticket_id: 'HOOK-GONE', callback_url: refusing.url } });
      await t.deps.webhooks.drain();
      expect((await t.deps.store.get('HOOK-DOWN'))?.webhook).toEqual({ state: 'failed', attempts: 4 });
      expect(down.received).toHaveLength(4);
      expect((await t.deps.store.get('HOOK-GONE'))?.webhook).toEqual({ state: 'failed', attempts: 1 });
    } finally {
      await down.close();
      await refusing.close();
    }
  });

  it('delivers again, after a restart, the webhooks a crash cut short (before or during delivery)', async () => {
    const receiver = await startReceiver([204, 204]);
    try {
      // Finished tickets as a killed process leaves them: one with no delivery begun, one mid-delivery.
      const output = (await t.app.inject({ method: 'POST', url: '/tickets', payload: { ...sampleTicket, ticket_id: 'HOOK-SRC' } })).json();
      const { ticket: _t, ticket_id: _id, status: _s, created_at: _c, completed_at: _d, attempts: _a, ...pipeline } = output;
      for (const id of ['HOOK-CRASH-1', 'HOOK-CRASH-2']) {
        await t.deps.store.insert({
          ticket_id: id,
          ticket: { ...sampleTicket, ticket_id: id, callback_url: receiver.url },
          status: 'processing',
          created_at: new Date().toISOString(),
        });
        await t.deps.store.complete(id, pipeline, new Date().toISOString());
      }
      await t.deps.store.setWebhookState('HOOK-CRASH-2', 'pending');

      expect(await t.deps.webhooks.resumeUndelivered()).toBe(2);
      await t.deps.webhooks.drain();
      expect(receiver.received.map((r) => r.headers[WEBHOOK_HEADERS.id]).sort()).toEqual(['HOOK-CRASH-1', 'HOOK-CRASH-2']);
      expect(receiver.received.every((r) => r.verified.ok)).toBe(true);
      expect((await t.deps.store.get('HOOK-CRASH-1'))?.webhook).toEqual({ state: 'delivered', attempts: 1 });
      // Delivered ones are not sent a second time by the next restart.
      expect(await t.deps.webhooks.resumeUndelivered()).toBe(0);
    } finally {
      await receiver.close();
    }
  });

  it('with private targets off (production), refuses a callback_url into the local network at POST and at delivery', async () => {
    const strictParts = await buildTestApp({
      parts: { webhooks: { ...t.config.webhooks, secret: SECRET, allowPrivateTargets: false } },
    });
    const receiver = await startReceiver([204]);
    try {
      for (const url of ['http://127.0.0.1:9/x', 'http://169.254.169.254/latest/meta-data', 'http://[::1]/x', 'http://localhost/x']) {
        const res = await strictParts.app.inject({ method: 'POST', url: '/tickets', payload: { ...sampleTicket, callback_url: url } });
        expect(res.statusCode, url).toBe(400);
        expect(res.json()).toMatchObject({ code: 'validation_failed', errors: [{ field: 'callback_url' }] });
      }
      // A ticket accepted earlier (or whose host now resolves inward) is refused at delivery, once, not retried.
      await strictParts.deps.store.insert({
        ticket_id: 'HOOK-INWARD',
        ticket: { ...sampleTicket, ticket_id: 'HOOK-INWARD', callback_url: receiver.url },
        status: 'processing',
        created_at: new Date().toISOString(),
      });
      await strictParts.deps.store.fail('HOOK-INWARD', 'x', new Date().toISOString());
      const record = (await strictParts.deps.store.get('HOOK-INWARD'))!;
      expect(await strictParts.deps.webhooks.deliver(record)).toBe(false);
      expect(receiver.received).toHaveLength(0);
      expect((await strictParts.deps.store.get('HOOK-INWARD'))?.webhook).toEqual({ state: 'failed', attempts: 1 });
      expect((await strictParts.deps.store.listWebhookAttempts('HOOK-INWARD'))[0]?.error).toMatch(/127\.0\.0\.1/);
    } finally {
      await receiver.close();
      await strictParts.close();
    }
  });

  it('refuses a callback_url when no WEBHOOK_SECRET is configured, and has no webhook section without one', async () => {
    const plain = await buildTestApp();
    try {
      const res = await plain.app.inject({ method: 'POST', url: '/tickets', payload: { ...sampleTicket, callback_url: 'http://127.0.0.1:9/x' } });
      expect(res.statusCode).toBe(400);
      expect(res.json()).toMatchObject({ code: 'webhooks_disabled', errors: [{ field: 'callback_url' }] });
      const bad = await plain.app.inject({ method: 'POST', url: '/tickets', payload: { ...sampleTicket, callback_url: 'ftp://example.com/x' } });
      expect(bad.statusCode).toBe(400);
      expect(bad.json().errors[0].field).toBe('callback_url');
      const ok = await plain.app.inject({ method: 'POST', url: '/tickets', payload: sampleTicket });
      expect(ok.statusCode).toBe(201);
      expect(ok.json().webhook).toBeUndefined();
    } finally {
      await plain.close();
    }
  });
});
