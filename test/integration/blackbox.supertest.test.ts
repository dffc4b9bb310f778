import request from 'supertest';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildTestApp, sampleTicket, type TestApp } from '../helpers/build-test-app.js';

let t: TestApp;
beforeAll(async () => {
  t = await buildTestApp();
});
afterAll(() => t.close());

describe('black box over a real socket (supertest)', () => {
  it('POST then GET round-trips a ticket', async () => {
    const created = await request(t.app.server).post('/tickets').send({ ...sampleTicket, ticket_id: 'BB-1' }).expect(201);
    expect(created.headers['content-type']).toMatch(/application\/json/);
    const fetched = await request(t.app.server).get('/tickets/BB-1').expect(200);
    expect(fetched.body).toEqual(created.body);
  });

  it('answers a form-encoded body with 415', async () => {
    const res = await request(t.app.server).post('/tickets').type('form').send('subject=a&body=b').expect(415);
    expect(res.body.code).toBe('unsupported_media_type');
  });
});
