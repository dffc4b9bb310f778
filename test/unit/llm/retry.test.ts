import { describe, expect, it } from 'vitest';
import { LlmError } from '../../../src/llm/llm.errors.js';
import { PriceTable } from '../../../src/llm/pricing.js';
import { backoffMs, retryAfterMs, withRetries } from '../../../src/llm/retry.js';

const headers = (h: Record<string, string>) => new Headers(h);

describe('retry arithmetic', () => {
  it('backs off 0.5 s · 2^n up to the cap, minus at most 25% jitter', () => {
    const p = { baseDelayMs: 500, maxDelayMs: 8000 };
    expect([0, 1, 2, 3, 4, 5].map((n) => backoffMs(n, p, () => 0))).toEqual([500, 1000, 2000, 4000, 8000, 8000]);
    expect(backoffMs(1, p, () => 1)).toBe(750);
    expect(backoffMs(1, p, () => 0.5)).toBe(875);
  });

  it('reads retry-after-ms, retry-after seconds and an HTTP date', () => {
    expect(retryAfterMs(headers({ 'retry-after-ms': '120' }))).toBe(120);
    expect(retryAfterMs(headers({ 'retry-after': '2' }))).toBe(2000);
    const now = Date.parse('2026-11-24T10:00:00Z');
    expect(retryAfterMs(headers({ 'retry-after': 'Tue, 24 Nov 2026 10:00:05 GMT' }), now)).toBe(5000);
    expect(retryAfterMs(headers({}))).toBeUndefined();
    expect(retryAfterMs(headers({ 'retry-after': 'soon' }))).toBeUndefined();
  });

  it('retries retryable errors only, up to the limit, and skips a retry-after longer than the bound', async () => {
    const slept: number[] = [];
    const policy = { maxRetries: 2, baseDelayMs: 10, maxDelayMs: 100, maxRetryAfterMs: 1000, random: () => 0, sleep: async (ms: number) => void slept.push(ms) };
    let calls = 0;
    await expect(withRetries(async () => { calls++; throw new LlmError('x', 'server_error', 'boom'); }, policy)).rejects.toThrow('boom');
    expect(calls).toBe(3);
    expect(slept).toEqual([10, 20]);
    calls = 0;
    await expect(withRetries(async () => { calls++; throw new LlmError('x', 'bad_request', 'no'); }, policy)).rejects.toThrow('no');
    expect(calls).toBe(1);
    calls = 0;
    await expect(withRetries(async () => { calls++; throw new LlmError('x', 'rate_limited', 'later', { retryAfterMs: 60_000 }); }, policy)).rejects.toThrow('later');
    expect(calls).toBe(1);
  });
});

describe('PriceTable', () => {
  const t = new PriceTable({ m: { input: 3, output: 15, cache_read: 0.3, cache_write: 3.75 } });
  it('multiplies each kind of token by its price per million', () => {
    expect(t.cost('m', { input: 1000, output: 500, cache_read: 2000, cache_write: 4000 })).toBeCloseTo((3000 + 7500 + 600 + 15000) / 1e6, 12);
    expect(t.cost('m-20251001', { input: 1e6, output: 0, cache_read: 0, cache_write: 0 })).toBe(3);
  });
  it('prices an unknown model at 0 and reports it once', () => {
    const seen: string[] = [];
    const u = new PriceTable({}, (m) => seen.push(m));
    u.cost('mystery', { input: 1, output: 1, cache_read: 0, cache_write: 0 });
    u.cost('mystery', { input: 1, output: 1, cache_read: 0, cache_write: 0 });
    expect(seen).toEqual(['mystery']);
  });
});
