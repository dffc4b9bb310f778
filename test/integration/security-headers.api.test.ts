import { describe, expect, it } from 'vitest';
import { buildTestApp, sampleTicket } from '../helpers/build-test-app.js';

const KEY = 'sak_console-key-cccccccccccccccccccccccccccccc';

describe('security headers (@fastify/helmet)', () => {
  it('are on every answer: success, problem and health', async () => {
    const t = await buildTestApp({ env: { API_KEYS: `console=${KEY}` } });
    try {
      for (const res of [
        await t.app.inject({ method: 'GET', url: '/health' }),
        await t.app.inject({ method: 'POST', url: '/tickets', payload: sampleTicket }),
        await t.app.inject({ method: 'GET', url: '/nope' }),
      ]) {
        expect(res.headers['x-content-type-options']).toBe('nosniff');
        expect(res.headers['content-security-policy']).toContain("default-src 'self'");
        expect(res.headers['content-security-policy']).toContain("frame-ancestors 'self'");
        expect(res.headers['strict-transport-security']).toMatch(/max-age=\d+/);
        expect(res.headers['referrer-policy']).toBe('no-referrer');
        expect(res.headers['x-powered-by']).toBeUndefined();
      }
      // Swagger UI gets its own policy, which allows its scripts and styles.
      const docs = await t.app.inject({ method: 'GET', url: '/docs' });
      expect(docs.statusCode).toBe(200);
      expect(docs.headers['content-security-policy']).toContain("img-src 'self' data: validator.swagger.io");
    } finally {
      await t.close();
    }
  });
});

describe('CORS', () => {
  const preflight = {
    origin: 'https://console.example',
    'access-control-request-method': 'POST',
    'access-control-request-headers': 'authorization,content-type',
  };

  it('is off unless configured: no CORS headers, no preflight route', async () => {
    const t = await buildTestApp({ env: { API_KEYS: `console=${KEY}` } });
    try {
      const res = await t.app.inject({
        method: 'GET',
        url: '/health',
        headers: { origin: 'https://console.example' },
      });
      expect(res.headers['access-control-allow-origin']).toBeUndefined();
      const pre = await t.app.inject({ method: 'OPTIONS', url: '/tickets', headers: preflight });
      expect(pre.statusCode).toBe(404);
      expect(pre.headers['access-control-allow-origin']).toBeUndefined();
    } finally {
      await t.close();
    }
  });

  it('allows only CORS_ORIGINS; preflights need no key and a browser can read a 401', async () => {
    const t = await buildTestApp({
      env: { API_KEYS: `console=${KEY}`, CORS_ORIGINS: 'https://console.example' },
    });
    try {
      const pre = await t.app.inject({ method: 'OPTIONS', url: '/tickets', headers: preflight });
      expect(pre.statusCode).toBe(204);
      expect(pre.headers['access-control-allow-origin']).toBe('https://console.example');
      expect(String(pre.headers['access-control-allow-headers'])).toContain('x-api-key');

      const unauthorized = await t.app.inject({
        method: 'POST',
        url: '/tickets',
        payload: sampleTicket,
        headers: { origin: 'https://console.example' },
      });
      expect(unauthorized.statusCode).toBe(401);
      expect(unauthorized.headers['access-control-allow-origin']).toBe('https://console.example');

      const ok = await t.app.inject({
        method: 'POST',
        url: '/tickets',
        payload: sampleTicket,
        headers: { origin: 'https://console.example', authorization: `Bearer ${KEY}` },
      });
      expect(ok.statusCode).toBe(201);
      expect(String(ok.headers['access-control-expose-headers'])).toContain('location');

      const other = await t.app.inject({
        method: 'OPTIONS',
        url: '/tickets',
        headers: { ...preflight, origin: 'https://evil.example' },
      });
      expect(other.headers['access-control-allow-origin']).toBeUndefined();
    } finally {
      await t.close();
    }
  });
});
