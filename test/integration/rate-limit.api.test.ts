import { randomBytes } from 'node:crypto';
import { Redis } from 'ioredis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildTestApp, type TestApp } from '../helpers/build-test-app.js';

const key = (label: string) => `sak_${label}_${randomBytes(16).toString('hex')}`;
const REDIS_URL = process.env.TEST_REDIS_URL ?? 'redis://127.0.0.1:6379';

async function redisReachable(): Promise<boolean> {
  const probe = new Redis(REDIS_URL, {
    lazyConnect: true,
    connectTimeout: 500,
    maxRetriesPerRequest: 0,
    retryStrategy: () => null,
  });
  try {
    await probe.connect();
    return (await probe.ping()) === 'PONG';
  } catch {
    return false;
  } finally {
    probe.disconnect();
  }
}
// Redis runs on the development and CI machines; elsewhere the shared-store tests are skipped, never in CI.
const hasRedis = (await redisReachable()) || process.env.CI === 'true';

const get = (t: TestApp, url: string, apiKey?: string) =>
  t.app.inject({ method: 'GET', url, headers: apiKey ? { 'x-api-key': apiKey } : {} });

describe('rate limit per API key (in memory)', () => {
  const A = key('a');
  const B = key('b');
  let t: TestApp;
  beforeAll(async () => {
    t = await buildTestApp({ env: { API_KEYS: `a=${A},b=${B}`, RATE_LIMIT_PER_MINUTE: '2' } });
  });
  afterAll(() => t.close());

  it('answers 429 problem+json with Retry-After once a key used its budget, and leaves other keys alone', async () => {
    expect((await get(t, '/tickets/RL-1', A)).statusCode).toBe(404);
    const second = await get(t, '/tickets/RL-2', A);
    expect(second.statusCode).toBe(404);
    expect(second.headers['x-ratelimit-remaining']).toBe('0');

    const limited = await get(t, '/tickets/RL-3', A);
    expect(limited.statusCode).toBe(429);
    expect(limited.headers['content-type']).toMatch(/^application\/problem\+json/);
    expect(Number(limited.headers['retry-after'])).toBeGreaterThan(0);
    expect(Number(limited.headers['retry-after'])).toBeLessThanOrEqual(60);
    expect(limited.json()).toMatchObject({
      status: 429,
      code: 'rate_limited',
      detail: expect.stringContaining('2 requests per minute'),
    });

    expect((await get(t, '/tickets/RL-4', B)).statusCode).toBe(404);
  });

  it('never limits the health probes', async () => {
    for (let i = 0; i < 5; i++) expect((await get(t, '/health')).statusCode).toBe(200);
  });
});

describe.runIf(hasRedis)('rate limit shared through Redis (REDIS_URL)', () => {
  const A = key('shared');
  const replicas: TestApp[] = [];
  beforeAll(async () => {
    for (let i = 0; i < 2; i++) {
      replicas.push(
        await buildTestApp({ env: { API_KEYS: `shared=${A}`, RATE_LIMIT_PER_MINUTE: '3', REDIS_URL } }),
      );
    }
  });
  afterAll(async () => {
    for (const r of replicas) await r.close();
  });

  it('counts a key across replicas, and stores the key name, never the key', async () => {
    const [one, two] = replicas as [TestApp, TestApp];
    expect((await get(one, '/tickets/RS-1', A)).statusCode).toBe(404);
    expect((await get(two, '/tickets/RS-2', A)).statusCode).toBe(404);
    expect((await get(one, '/tickets/RS-3', A)).statusCode).toBe(404);
    const limited = await get(two, '/tickets/RS-4', A);
    expect(limited.statusCode).toBe(429);
    expect(limited.headers['retry-after']).toBeDefined();

    const redis = new Redis(REDIS_URL);
    try {
      const keys = await redis.keys('support-agent:rate-limit:*');
      expect(keys).toContain('support-agent:rate-limit:key:shared');
      expect(keys.join(' ')).not.toContain(A);
    } finally {
      redis.disconnect();
    }
    const ready = await get(one, '/health/ready', A);
    expect(ready.json().checks.rate_limit_store).toMatchObject({ status: 'up', required: false });
  });
});

describe('rate limit with Redis unreachable', () => {
  it('lets requests through rather than failing them, and /health/ready shows the store down', async () => {
    const A = key('down');
    const t = await buildTestApp({
      env: { API_KEYS: `down=${A}`, RATE_LIMIT_PER_MINUTE: '1', REDIS_URL: 'redis://127.0.0.1:9' },
    });
    try {
      for (let i = 0; i < 3; i++) expect((await get(t, `/tickets/RD-${i}`, A)).statusCode).toBe(404);
      const ready = await get(t, '/health/ready', A);
      expect(ready.statusCode).toBe(200);
      expect(ready.json()).toMatchObject({
        status: 'degraded',
        checks: { rate_limit_store: { status: 'down', required: false } },
      });
    } finally {
      await t.close();
    }
  });
});
