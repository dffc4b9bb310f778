import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { hashApiKey } from '../../src/security/api-keys.js';
import { buildTestApp, sampleTicket, type TestApp } from '../helpers/build-test-app.js';

const KEY_A = 'sak_test-helpdesk-key-aaaaaaaaaaaaaaaaaaaaaaaaaa';
const KEY_B = 'sak_test-console-key-bbbbbbbbbbbbbbbbbbbbbbbbbbb';

let t: TestApp;
beforeAll(async () => {
  t = await buildTestApp({
    // One key given as written (hashed at start), one given only as its hash.
    env: { API_KEYS: `helpdesk=${KEY_A},console=sha256:${hashApiKey(KEY_B)}` },
  });
});
afterAll(() => t.close());

const inject = (
  method: 'GET' | 'POST',
  url: string,
  headers: Record<string, string> = {},
  payload?: unknown,
) => t.app.inject({ method, url, headers, ...(payload ? { payload: payload as object } : {}) });

describe('API keys on protected routes', () => {
  it('answers 401 problem+json without a key, naming both ways to send one', async () => {
    const res = await inject('POST', '/tickets', {}, sampleTicket);
    expect(res.statusCode).toBe(401);
    expect(res.headers['content-type']).toMatch(/^application\/problem\+json/);
    expect(res.headers['www-authenticate']).toBe('Bearer realm="support-agent"');
    expect(res.json()).toMatchObject({
      status: 401,
      code: 'missing_api_key',
      detail: expect.stringContaining('X-API-Key'),
    });
  });

  it('answers 401 for a wrong key, in either header', async () => {
    const cases: [Record<string, string>, string][] = [
      [{ authorization: `Bearer ${KEY_A}x` }, 'invalid_api_key'],
      [{ 'x-api-key': 'sak_wrong' }, 'invalid_api_key'],
      // Only the Bearer scheme carries a key.
      [{ authorization: `Basic ${KEY_A}` }, 'missing_api_key'],
    ];
    for (const [headers, code] of cases) {
      const res = await inject('GET', '/tickets/HD-1', headers);
      expect(res.statusCode).toBe(401);
      expect(res.json().code).toBe(code);
    }
  });

  it('accepts a valid key as a Bearer token or as X-API-Key, including a key configured only by its hash', async () => {
    const created = await inject(
      'POST',
      '/tickets',
      { authorization: `Bearer ${KEY_A}` },
      { ...sampleTicket, ticket_id: 'AUTH-1' },
    );
    expect(created.statusCode).toBe(201);
    const read = await inject('GET', '/tickets/AUTH-1', { 'x-api-key': KEY_B });
    expect(read.statusCode).toBe(200);
    expect(read.json().ticket_id).toBe('AUTH-1');
  });

  it('protects everything under /tickets, /kb and /stats, including unknown routes and other casings', async () => {
    for (const [method, url] of [
      ['GET', '/kb/search'],
      ['POST', '/kb/articles'],
      ['GET', '/stats'],
      ['GET', '/stats?window=1h'],
      ['GET', '/stats/series'],
      // The review queue lists subjects and customers.
      ['GET', '/reviews'],
      ['GET', '/reviews?state=approved'],
      ['GET', '/tickets/HD-1/not-a-route'],
      ['GET', '/TICKETS/HD-1'],
      ['GET', '/kb'],
      // Percent-encoded, dot segments: judged on the route they reach, not only on the raw path.
      ['GET', '/%74ickets/HD-1'],
      ['GET', '/health/../tickets/HD-1'],
    ] as const) {
      const res = await inject(method, url);
      expect(res.statusCode, `${method} ${url}`).toBe(401);
    }
    expect((await inject('GET', '/kb/search?q=export', { 'x-api-key': KEY_A })).statusCode).toBe(200);
    expect((await inject('GET', '/stats', { authorization: `bearer ${KEY_B}` })).statusCode).toBe(200);
    expect((await inject('GET', '/nope')).statusCode).toBe(404);
  });
});

describe('health probes', () => {
  it('/health is open and shows no internals', async () => {
    const res = await inject('GET', '/health');
    expect(res.statusCode).toBe(200);
    const body = res.json();
    expect(Object.keys(body).sort()).toEqual(['checks', 'status', 'version']);
    expect(Object.values(body.checks).every((v) => v === 'up')).toBe(true);
    expect((await inject('GET', '/health/live')).json()).toEqual({ status: 'ok' });
  });

  it('/health/ready is open, but per-part details only reach callers with a valid key', async () => {
    const anonymous = await inject('GET', '/health/ready');
    expect(anonymous.statusCode).toBe(200);
    const body = anonymous.json();
    expect(body.status).toBe('ok');
    for (const part of ['store', 'knowledge_index', 'status_api', 'provider', 'load']) {
      expect(body.checks[part].status).toBe('up');
      expect(body.checks[part].detail).toBeUndefined();
    }
    const wrongKey = await inject('GET', '/health/ready', { 'x-api-key': 'sak_wrong' });
    expect(JSON.stringify(wrongKey.json())).not.toContain('detail');

    const operator = await inject('GET', '/health/ready', { authorization: `Bearer ${KEY_A}` });
    expect(operator.json().checks.knowledge_index.detail).toMatch(/articles/);
    expect(operator.json().checks.load.detail).toMatch(/in flight/);
  });

  it('the OpenAPI document stays open', async () => {
    expect((await inject('GET', '/docs/json')).statusCode).toBe(200);
  });
});
