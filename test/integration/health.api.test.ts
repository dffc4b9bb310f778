import { describe, expect, it } from 'vitest';
import { buildTestApp } from '../helpers/build-test-app.js';

describe('GET /health', () => {
  it('answers 200 with the status of each part and the version, and nothing internal', async () => {
    const t = await buildTestApp({ statusUrl: 'http://127.0.0.1:9' });
    try {
      const res = await t.app.inject({ method: 'GET', url: '/health' });
      expect(res.statusCode).toBe(200);
      const body = res.json();
      expect(body).toMatchObject({
        status: 'degraded',
        version: expect.stringMatching(/^\d+\.\d+\.\d+/),
        checks: { store: 'up', knowledge_index: 'up', status_api: 'down', provider: 'up' },
      });
      expect(JSON.stringify(body)).not.toMatch(/127\.0\.0\.1|ECONNREFUSED|articles|latency/);
    } finally {
      await t.close();
    }
  });
});

describe('GET /health/ready', () => {
  it('answers 200 with each part up and the version', async () => {
    const t = await buildTestApp();
    try {
      const res = await t.app.inject({ method: 'GET', url: '/health/ready' });
      expect(res.statusCode).toBe(200);
      const body = res.json();
      expect(body.status).toBe('ok');
      expect(body.version).toMatch(/^\d+\.\d+\.\d+/);
      for (const part of ['store', 'knowledge_index', 'status_api', 'provider', 'load']) expect(body.checks[part].status).toBe('up');
      // Keys are off in this app, so the details are shown.
      expect(body.checks.knowledge_index.detail).toMatch(/articles/);
    } finally {
      await t.close();
    }
  });

  it('stays 200 but degraded when the status API is down', async () => {
    const t = await buildTestApp({ statusUrl: 'http://127.0.0.1:9' });
    try {
      const res = await t.app.inject({ method: 'GET', url: '/health/ready' });
      expect(res.statusCode).toBe(200);
      expect(res.json()).toMatchObject({ status: 'degraded', checks: { status_api: { status: 'down', required: false } } });
    } finally {
      await t.close();
    }
  });

  it('answers 503 when the store is down, on /health/ready and /health, while the liveness probe stays 200', async () => {
    const t = await buildTestApp();
    try {
      await t.deps.store.close();
      const res = await t.app.inject({ method: 'GET', url: '/health/ready' });
      expect(res.statusCode).toBe(503);
      expect(res.json()).toMatchObject({ status: 'down', checks: { store: { status: 'down', required: true } } });
      const open = await t.app.inject({ method: 'GET', url: '/health' });
      expect(open.statusCode).toBe(503);
      expect(open.json()).toMatchObject({ status: 'down', checks: { store: 'down', knowledge_index: 'up' } });
      const live = await t.app.inject({ method: 'GET', url: '/health/live' });
      expect(live.statusCode).toBe(200);
      expect(live.json()).toEqual({ status: 'ok' });
    } finally {
      await t.close();
    }
  });
});
