import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildTestApp, type TestApp } from '../helpers/build-test-app.js';

let t: TestApp;
beforeAll(async () => {
  t = await buildTestApp();
});
afterAll(() => t.close());

describe('OpenAPI', () => {
  it('serves the document at /docs/json, identical to openapi/openapi.json (run `npm run openapi` after API changes)', async () => {
    const res = await t.app.inject({ method: 'GET', url: '/docs/json' });
    expect(res.statusCode).toBe(200);
    const served = res.json();
    const checkedIn = JSON.parse(readFileSync('openapi/openapi.json', 'utf8'));
    expect(served).toEqual(checkedIn);
    expect(served.openapi).toMatch(/^3\./);
    expect(Object.keys(served.paths)).toEqual(expect.arrayContaining(['/tickets', '/tickets/{id}', '/health']));
  });

  it('documents the ticket body limits and problem responses', async () => {
    const doc = (await t.app.inject({ method: 'GET', url: '/docs/json' })).json();
    const op = doc.paths['/tickets'].post;
    const schema = op.requestBody.content['application/json'].schema;
    expect(schema.required).toEqual(expect.arrayContaining(['subject', 'body']));
    expect(schema.properties.subject.maxLength).toBe(500);
    expect(schema.properties.body.maxLength).toBe(20000);
    expect(Object.keys(op.responses)).toEqual(expect.arrayContaining(['200', '201', '400', '413', '415']));
  });

  it('serves Swagger UI at /docs', async () => {
    const res = await t.app.inject({ method: 'GET', url: '/docs/' });
    expect(res.statusCode).toBe(200);
    expect(res.body).toContain('swagger');
  });
});
