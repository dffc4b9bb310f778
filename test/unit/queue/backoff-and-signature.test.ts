import { describe, expect, it } from 'vitest';
import { loadConfig } from '../../../src/config.js';
import { backoffMs } from '../../../src/tickets/ticket-processor.js';
import { signWebhook, verifyWebhook } from '../../../src/webhooks/webhook-signature.js';

describe('backoffMs', () => {
  const policy = { baseDelayMs: 1000, maxDelayMs: 10_000 };
  it('doubles per attempt, with up to 100% jitter, and stops at the cap', () => {
    expect([1, 2, 3, 4].map((a) => backoffMs(a, policy, () => 0))).toEqual([1000, 2000, 4000, 8000]);
    expect([1, 2, 3].map((a) => backoffMs(a, policy, () => 0.999))).toEqual([1999, 3998, 7996]);
    expect(backoffMs(5, policy, () => 0)).toBe(10_000);
    expect(backoffMs(30, policy, () => 0.5)).toBe(10_000);
  });
});

describe('webhook signatures', () => {
  const body = '{"event":"ticket.completed","ticket":{"ticket_id":"T-1"}}';
  it('signs "<timestamp>.<body>" with HMAC-SHA256 (a known vector, so receivers in any language can check theirs)', () => {
    // Computed independently: printf '1700000000.hello' | openssl dgst -sha256 -hmac secret
    expect(signWebhook('secret', 1700000000, 'hello')).toBe('sha256=47b1df0ab12338b2685470b0d2b37033add7c3b2bc8172f313e77413f1bb78c8');
  });
  it('verifies a fresh, untouched delivery and rejects stale, altered, missing or foreign ones', () => {
    const ts = 1_800_000_000;
    const signature = signWebhook('s3cret', ts, body);
    const base = { secret: 's3cret', body, timestamp: String(ts), signature, nowSeconds: ts + 10 };
    expect(verifyWebhook(base)).toEqual({ ok: true });
    expect(verifyWebhook({ ...base, nowSeconds: ts + 301 })).toEqual({ ok: false, reason: 'timestamp outside the tolerance window' });
    expect(verifyWebhook({ ...base, body: body.replace('T-1', 'T-2') })).toEqual({ ok: false, reason: 'signature mismatch' });
    expect(verifyWebhook({ ...base, timestamp: String(ts + 1), nowSeconds: ts })).toEqual({ ok: false, reason: 'signature mismatch' });
    expect(verifyWebhook({ ...base, secret: 'other' })).toEqual({ ok: false, reason: 'signature mismatch' });
    expect(verifyWebhook({ ...base, signature: undefined })).toEqual({ ok: false, reason: 'missing signature' });
    expect(verifyWebhook({ ...base, timestamp: 'yesterday' })).toEqual({ ok: false, reason: 'missing or malformed timestamp' });
    expect(verifyWebhook({ ...base, signature: 'sha256=00' })).toEqual({ ok: false, reason: 'signature mismatch' });
  });
});

describe('queue and webhook configuration', () => {
  it('has safe defaults and rejects bad values by name', () => {
    const c = loadConfig({});
    expect(c.queue).toMatchObject({ runWorker: true, maxAttempts: 3, leaseMs: 30_000, concurrency: 2 });
    expect(c.webhooks).toMatchObject({ secret: undefined, maxAttempts: 5 });
    expect(() => loadConfig({ QUEUE_LEASE_MS: '5' })).toThrow(/QUEUE_LEASE_MS/);
    expect(() => loadConfig({ WEBHOOK_SECRET: 'x', WORKER_CONCURRENCY: '0' })).toThrow(/WORKER_CONCURRENCY/);
  });
});
