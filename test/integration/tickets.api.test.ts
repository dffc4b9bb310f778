import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { TicketResultSchema } from '../../src/schemas/result.schema.js';
import { buildTestApp, sampleTicket, type TestApp } from '../helpers/build-test-app.js';

let t: TestApp;
beforeAll(async () => {
  t = await buildTestApp({ env: { MAX_SUBJECT_LENGTH: '40', MAX_BODY_LENGTH: '300', BODY_LIMIT_BYTES: '4096' } });
});
afterAll(() => t.close());

const post = (payload: unknown, headers: Record<string, string> = {}) =>
  t.app.inject({ method: 'POST', url: '/tickets', payload: payload as string, headers: { 'content-type': 'application/json', ...headers } });

describe('POST /tickets', () => {
  it('processes a ticket and answers 201 with the full result', async () => {
    const res = await post(sampleTicket);
    expect(res.statusCode).toBe(201);
    const body = TicketResultSchema.parse(res.json());
    expect(body.status).toBe('completed');
    expect(body.ticket_id).toMatch(/^TKT-/);
    expect(res.headers.location).toBe(`/tickets/${body.ticket_id}`);
    expect(body.ticket.subject).toBe(sampleTicket.subject);
    expect(body.analysis?.error_codes).toContain('E2003');
    expect(body.analysis?.category).toBe('technical');
    expect(body.knowledge?.articles.length).toBeGreaterThan(0);
    expect(body.system_status?.overall).not.toBe('unknown');
    expect(body.response?.response_text).toMatch(/^Hi \w+,/);
    expect(body.response?.cited_articles).toContain(body.knowledge?.articles[0]?.article_id);
    expect(body.metrics?.cost_usd).toBe(0);
    expect(body.metrics?.tokens).toEqual({ input: 0, output: 0, cache_read: 0, cache_write: 0 });
    expect(body.trace?.map((s) => s.agent)).toEqual(['analyzer', 'knowledge', 'status', 'synthesis']);
    expect(body.trace?.every((s) => s.outcome === 'ok')).toBe(true);
    expect(body.provider).toBe('local');
    expect(body.completed_at).not.toBeNull();
    expect(res.headers['x-request-id']).toBeTruthy();
  });

  it('returns the stored result with 200 for a known ticket_id, without processing it again', async () => {
    const first = await post({ ...sampleTicket, ticket_id: 'HD-42' });
    expect(first.statusCode).toBe(201);
    const second = await post({ ...sampleTicket, ticket_id: 'HD-42', body: 'a different body the second time' });
    expect(second.statusCode).toBe(200);
    expect(second.json()).toEqual(first.json());
    const stored = await t.deps.store.get('HD-42');
    expect(stored?.attempts).toBe(1);
  });

  it('greets an unknown customer neutrally instead of failing', async () => {
    const res = await post({ ...sampleTicket, customer_id: 'CUST-DOES-NOT-EXIST' });
    expect(res.statusCode).toBe(201);
    expect(res.json().response.response_text).toMatch(/^Hello,/);
  });
});

describe('GET /tickets/:id', () => {
  it('returns a stored ticket', async () => {
    const created = (await post({ ...sampleTicket, ticket_id: 'HD-GET-1' })).json();
    const res = await t.app.inject({ method: 'GET', url: '/tickets/HD-GET-1' });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toEqual(created);
  });

  it('answers 404 problem+json for an unknown id', async () => {
    const res = await t.app.inject({ method: 'GET', url: '/tickets/NOPE-1' });
    expect(res.statusCode).toBe(404);
    expect(res.headers['content-type']).toMatch(/^application\/problem\+json/);
    expect(res.json()).toMatchObject({ status: 404, code: 'not_found', detail: 'ticket "NOPE-1" was not found' });
  });

  it('rejects an id with characters outside the allowed set', async () => {
    const res = await t.app.inject({ method: 'GET', url: '/tickets/bad%20id' });
    expect(res.statusCode).toBe(400);
    expect(res.json().errors[0].field).toBe('id');
  });
});

describe('bad input', () => {
  const problem = (res: { statusCode: number; headers: Record<string, unknown>; json: () => any }) => {
    expect(res.headers['content-type']).toMatch(/^application\/problem\+json/);
    return res.json();
  };

  it.each([
    ['missing subject', { body: 'text' }, 'subject', /required/],
    ['missing body', { subject: 'text' }, 'body', /required/],
    ['empty subject', { subject: '   ', body: 'text' }, 'subject', /must not be empty/],
    ['empty body', { subject: 'text', body: '' }, 'body', /must not be empty/],
    ['subject of the wrong type', { subject: 42, body: 'text' }, 'subject', /must be a string/],
    ['customer_id of the wrong type', { subject: 's', body: 'b', customer_id: 7 }, 'customer_id', /expected string/],
    ['a bad timestamp', { subject: 's', body: 'b', timestamp: 'yesterday' }, 'timestamp', /datetime/i],
    ['metadata that is not an object', { subject: 's', body: 'b', metadata: 'x' }, 'metadata', /expected record|object/i],
    ['subject over the configured limit', { subject: 'x'.repeat(41), body: 'b' }, 'subject', /at most 40 characters/],
    ['body over the configured limit', { subject: 's', body: 'x'.repeat(301) }, 'body', /at most 300 characters/],
    ['an unsafe ticket_id', { ticket_id: 'a/b', subject: 's', body: 'b' }, 'ticket_id', /may contain only/],
  ])('%s gives 400 naming the field', async (_name, payload, field, message) => {
    const res = await post(payload);
    expect(res.statusCode).toBe(400);
    const body = problem(res);
    expect(body.code).toBe('validation_failed');
    const err = body.errors.find((e: { field: string }) => e.field === field);
    expect(err, JSON.stringify(body.errors)).toBeDefined();
    expect(err.message).toMatch(message);
  });

  it('a JSON value that is not an object gives 400', async () => {
    const res = await post('["subject"]');
    expect(res.statusCode).toBe(400);
    expect(problem(res).errors[0]).toEqual({ field: 'body', message: 'the body must be a JSON object' });
  });

  it('malformed JSON gives 400 malformed_json', async () => {
    const res = await post('{"subject": "x", ');
    expect(res.statusCode).toBe(400);
    expect(problem(res)).toMatchObject({ code: 'malformed_json' });
  });

  it('an empty JSON body gives 400', async () => {
    const res = await post('');
    expect(res.statusCode).toBe(400);
    expect(problem(res).code).toBe('empty_body');
  });

  it('an unknown content type gives 415 naming the type', async () => {
    const res = await t.app.inject({ method: 'POST', url: '/tickets', payload: 'subject=x', headers: { 'content-type': 'text/plain' } });
    expect(res.statusCode).toBe(415);
    expect(problem(res).detail).toContain('text/plain');
  });

  it('a body over the size limit gives 413', async () => {
    const res = await post({ subject: 's', body: 'b', metadata: { pad: 'x'.repeat(5000) } });
    expect(res.statusCode).toBe(413);
    expect(problem(res)).toMatchObject({ code: 'body_too_large', detail: expect.stringContaining('4096 bytes') });
  });

  it('an unknown route gives a 404 problem', async () => {
    const res = await t.app.inject({ method: 'GET', url: '/nowhere' });
    expect(res.statusCode).toBe(404);
    expect(problem(res).code).toBe('route_not_found');
  });
});
