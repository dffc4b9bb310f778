import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildTestApp, tempDir, type TestApp } from '../helpers/build-test-app.js';

const KEY = 'console-test-key-0123456789abcdef';

describe('/console without a build', () => {
  let t: TestApp;
  const dir = tempDir('console-missing-');
  beforeAll(async () => {
    t = await buildTestApp({ consoleDir: join(dir.path, 'dist') });
  });
  afterAll(async () => {
    await t.close();
    dir.remove();
  });

  it.each(['/console', '/console/', '/console/assets/app.js'])('%s answers 503 problem+json saying to run npm run build', async (url) => {
    const res = await t.app.inject({ url });
    expect(res.statusCode).toBe(503);
    expect(res.headers['content-type']).toMatch(/application\/problem\+json/);
    expect(res.json()).toMatchObject({ status: 503, code: 'console_not_built' });
    expect(res.json().detail).toMatch(/npm run build/);
  });
});

describe('/console with a build', () => {
  let t: TestApp;
  const dir = tempDir('console-built-');
  beforeAll(async () => {
    mkdirSync(join(dir.path, 'assets'));
    writeFileSync(join(dir.path, 'index.html'), '<!doctype html><title>c</title><script type="module" src="/console/assets/app-1.js"></script>');
    writeFileSync(join(dir.path, 'assets', 'app-1.js'), 'console.log(1)');
    t = await buildTestApp({ consoleDir: dir.path, env: { API_KEYS: `ops=${KEY}` } });
  });
  afterAll(async () => {
    await t.close();
    dir.remove();
  });

  it('serves the page without a key (the page asks for one), while the API it calls still needs one', async () => {
    const page = await t.app.inject({ url: '/console/' });
    expect(page.statusCode).toBe(200);
    expect(page.headers['content-type']).toMatch(/text\/html/);
    expect(page.headers['cache-control']).toBe('no-cache');
    expect((await t.app.inject({ url: '/stats/series' })).statusCode).toBe(401);
    expect((await t.app.inject({ url: '/stats/series', headers: { authorization: `Bearer ${KEY}` } })).statusCode).toBe(200);
  });

  it('redirects /console to /console/ and caches hashed assets for good', async () => {
    const res = await t.app.inject({ url: '/console' });
    expect(res.statusCode).toBe(302);
    expect(res.headers.location).toBe('/console/');
    const js = await t.app.inject({ url: '/console/assets/app-1.js' });
    expect(js.statusCode).toBe(200);
    expect(js.headers['content-type']).toMatch(/javascript/);
    expect(js.headers['cache-control']).toMatch(/immutable/);
    expect((await t.app.inject({ url: '/console/assets/missing.js' })).statusCode).toBe(404);
  });

  it('allows only its own scripts and styles, and never upgrades its requests to https', async () => {
    const csp = String((await t.app.inject({ url: '/console/' })).headers['content-security-policy']);
    expect(csp).toContain("script-src 'self'");
    expect(csp).toContain("style-src 'self'");
    expect(csp).toContain("connect-src 'self'");
    expect(csp).not.toContain('unsafe-inline');
    expect(csp).not.toContain('upgrade-insecure-requests');
    // The API keeps helmet's policy.
    expect(String((await t.app.inject({ url: '/health' })).headers['content-security-policy'])).toContain('upgrade-insecure-requests');
  });

  it('stays out of the OpenAPI document', async () => {
    const doc = (await t.app.inject({ url: '/docs/json' })).json();
    expect(Object.keys(doc.paths).some((p) => p.startsWith('/console'))).toBe(false);
    expect(Object.keys(doc.paths)).toContain('/stats/series');
  });
});
