import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../../../src/config.js';
import { loadReviewParts } from '../../../src/container.js';
import { escalationNotice } from '../../../src/review/escalation-notice.js';
import { buildTestApp, sampleTicket, type TestApp } from '../../helpers/build-test-app.js';
import { startWebhookReceiver } from '../../helpers/webhook-receiver.js';

const SECRET = 'whsec_review_test';
const outage = {
  subject: 'Everything is down',
  body: 'Nothing loads for our whole company, we are losing data, this is critical!',
  customer_id: 'CUST-1019', // enterprise: critical answered within 1 hour, around the clock
};
const legal = { ...sampleTicket, subject: 'Charged twice', body: 'I was charged twice this month. Refund it or my lawyer will file a chargeback.', customer_id: 'CUST-1013' };

describe('review workflow over HTTP (SQLite)', () => {
  let t: TestApp;
  let receiver: Awaited<ReturnType<typeof startWebhookReceiver>>;
  const post = (url: string, payload: unknown) => t.app.inject({ method: 'POST', url, payload: payload as object });

  beforeAll(async () => {
    // The first staff delivery is refused with 503: it must be retried, signed again.
    receiver = await startWebhookReceiver(SECRET, [503]);
    t = await buildTestApp({
      parts: {
        webhooks: { secret: SECRET, maxAttempts: 3, retryDelayMs: 1, timeoutMs: 2000, allowPrivateTargets: true },
        review: { ...loadReviewParts(loadConfig({}).review, SECRET), staffWebhookUrl: receiver.url },
      },
    });
  });
  afterAll(async () => {
    await t?.close();
    await receiver?.close();
  });

  it('an escalated ticket is held, tells the customer by when, and notifies staff (signed, retried)', async () => {
    const res = await post('/tickets', outage);
    expect(res.statusCode).toBe(201);
    const r = res.json();
    expect(r.analysis.requires_human_escalation).toBe(true);
    expect(r.review).toMatchObject({ state: 'pending_review', tier: 'enterprise', history: [{ action: 'hold' }] });
    expect(r.review.reasons).toContain('escalated: the analysis requires a human');
    expect(Date.parse(r.review.due_at) - Date.parse(r.created_at)).toBe(3_600_000);
    const notice = escalationNotice({ dueAt: r.review.due_at, language: 'en' });
    expect(r.response.response_text).toContain(notice);
    expect(r.response.response_text.split(notice)).toHaveLength(2);
    await receiver.until((w) => w.some((x) => x.body.type === 'ticket.escalated' && x.headers['x-webhook-attempt'] === '2'));
    const escalated = receiver.received.filter((x) => x.body.type === 'ticket.escalated');
    expect(escalated.map((x) => x.headers['x-webhook-attempt'])).toEqual(['1', '2']);
    expect(escalated.every((x) => x.verified)).toBe(true);
    expect(escalated[1]!.body).toMatchObject({ ticket_id: r.ticket_id, data: { due_at: r.review.due_at, tier: 'enterprise', priority: 'critical' } });
    // Both attempts carried the event's id, and the outbox holds nothing pending once it is delivered.
    expect(escalated[0]!.headers['x-webhook-id']).toBe(escalated[1]!.headers['x-webhook-id']);
    await t.deps.staff.drain();
    expect(await t.deps.store.listPendingStaffEvents(10)).toEqual([]);
  });

  it('a staff event that a crash left pending in the outbox is sent at the next start, once', async () => {
    const event = { event_id: 'evt-crashed-1', type: 'ticket.reviewed', ticket_id: 'T-GONE', at: new Date().toISOString(), data: { action: 'approve' } };
    await t.deps.store.enqueueStaffEvent(event);
    expect(await t.deps.staff.resumePending()).toBe(1);
    await t.deps.staff.drain();
    const sent = receiver.received.filter((x) => x.headers['x-webhook-id'] === 'evt-crashed-1');
    expect(sent).toHaveLength(1);
    expect(sent[0]!.verified).toBe(true);
    expect(sent[0]!.body).toEqual({ type: 'ticket.reviewed', ticket_id: 'T-GONE', at: event.at, data: { action: 'approve' } });
    expect(await t.deps.staff.resumePending()).toBe(0);
  });

  it('an ordinary ticket is auto-approved and not escalated', async () => {
    const r = (await post('/tickets', sampleTicket)).json();
    expect(r.review).toMatchObject({ state: 'auto_approved', reasons: [], history: [{ action: 'auto_approve' }] });
    expect(r.response.response_text).not.toContain('follow up by');
    const res = await post(`/tickets/${r.ticket_id}/review`, { action: 'approve', reviewer: 'ana' });
    expect(res.statusCode).toBe(409);
    expect(res.headers['content-type']).toContain('application/problem+json');
  });

  it('the queue lists held tickets by priority then age, with tier, SLA and reasons', async () => {
    const first = (await post('/tickets', legal)).json();
    const res = await t.app.inject({ url: '/reviews?state=pending_review&sort=priority' });
    expect(res.statusCode).toBe(200);
    const { items, total } = res.json();
    expect(total).toBe(items.length);
    expect(items.map((i: { ticket_id: string }) => i.ticket_id)).toContain(first.ticket_id);
    const ranks = items.map((i: { priority: string }) => ['critical', 'high', 'medium', 'low'].indexOf(i.priority));
    expect(ranks).toEqual([...ranks].sort((a, b) => a - b));
    const item = items.find((i: { ticket_id: string }) => i.ticket_id === first.ticket_id);
    expect(item).toMatchObject({ tier: 'business', state: 'pending_review', overdue: false, customer_id: 'CUST-1013' });
    expect(item.reasons.join(' ')).toMatch(/lawyer/);
    expect((await t.app.inject({ url: '/reviews?sort=oldest' })).statusCode).toBe(400);
  });

  it('rejects bad decisions with 400 naming the field, 404 for an unknown ticket', async () => {
    const { ticket_id: id } = (await post('/tickets', { ...legal, ticket_id: 'RV-BAD' })).json();
    const field = async (payload: unknown) => {
      const res = await post(`/tickets/${id}/review`, payload);
      expect(res.statusCode).toBe(400);
      return res.json().errors.map((e: { field: string }) => e.field);
    };
    expect(await field({ action: 'edit', reviewer: 'ana' })).toContain('response_text');
    expect(await field({ action: 'approve', reviewer: '  ' })).toContain('reviewer');
    expect(await field({ action: 'publish', reviewer: 'ana' })).toContain('action');
    expect((await post('/tickets/NOPE-1/review', { action: 'approve', reviewer: 'ana' })).statusCode).toBe(404);
  });

  it('an edit keeps the draft, replaces the reply, records the audit trail and fires ticket.reviewed; a second decision is 409', async () => {
    const held = (await post('/tickets', { ...legal, ticket_id: 'RV-EDIT' })).json();
    const res = await post('/tickets/RV-EDIT/review', { action: 'edit', response_text: 'Dear customer, we refunded the duplicate charge.', reason: 'tone', reviewer: 'ana@example.com' });
    expect(res.statusCode).toBe(200);
    const r = res.json();
    expect(r.response.response_text).toBe('Dear customer, we refunded the duplicate charge.');
    expect(r.review).toMatchObject({ state: 'edited', reviewer: 'ana@example.com', reason: 'tone', original_response_text: held.response.response_text });
    expect(r.review.history.map((h: { action: string }) => h.action)).toEqual(['hold', 'edit']);
    expect((await t.app.inject({ url: '/tickets/RV-EDIT' })).json()).toEqual(r);
    expect((await t.deps.store.listReviewEvents('RV-EDIT')).map((e) => [e.action, e.reviewer ?? null])).toEqual([
      ['hold', null],
      ['edit', 'ana@example.com'],
    ]);
    const again = await post('/tickets/RV-EDIT/review', { action: 'approve', reviewer: 'bo' });
    expect(again.statusCode).toBe(409);
    await receiver.until((w) => w.some((x) => x.body.type === 'ticket.reviewed' && x.body.ticket_id === 'RV-EDIT'));
    const reviewed = receiver.received.find((x) => x.body.type === 'ticket.reviewed' && x.body.ticket_id === 'RV-EDIT')!;
    expect(reviewed.verified).toBe(true);
    expect(reviewed.body.data).toMatchObject({ action: 'edit', state: 'edited', reviewer: 'ana@example.com' });
  });

  it('two concurrent decisions: exactly one wins, the other gets 409', async () => {
    await post('/tickets', { ...legal, ticket_id: 'RV-RACE' });
    const [a, b] = await Promise.all([
      post('/tickets/RV-RACE/review', { action: 'approve', reviewer: 'ana' }),
      post('/tickets/RV-RACE/review', { action: 'reject', reviewer: 'bo', reason: 'wrong' }),
    ]);
    expect([a.statusCode, b.statusCode].sort()).toEqual([200, 409]);
    expect((await t.deps.store.listReviewEvents('RV-RACE')).map((e) => e.action)).toHaveLength(2);
  });

  it('a queued ticket gets its review on the worker path, and cannot be decided before it completes', async () => {
    const res = await t.app.inject({ method: 'POST', url: '/tickets', headers: { prefer: 'respond-async' }, payload: { ...legal, ticket_id: 'RV-ASYNC' } });
    expect(res.statusCode).toBe(202);
    expect((await post('/tickets/RV-ASYNC/review', { action: 'approve', reviewer: 'ana' })).statusCode).toBe(409);
    expect(await t.deps.processor.claimAndRun('RV-ASYNC')).toBe('done');
    expect((await t.app.inject({ url: '/tickets/RV-ASYNC' })).json().review.state).toBe('pending_review');
    expect((await post('/tickets/RV-ASYNC/review', { action: 'approve', reviewer: 'ana' })).json().review.state).toBe('approved');
  });

  it('feedback is stored with validated labels and counted in /stats with the review states', async () => {
    const { ticket_id: id } = (await post('/tickets', sampleTicket)).json();
    const res = await post(`/tickets/${id}/feedback`, { rating: 'down', reason: 'wrong category', corrected: { category: 'technical', priority: 'high' } });
    expect(res.statusCode).toBe(201);
    expect(res.json()).toMatchObject({ ticket_id: id, rating: 'down', reason: 'wrong category', corrected: { category: 'technical', priority: 'high' } });
    expect((await post(`/tickets/${id}/feedback`, { rating: 'up' })).statusCode).toBe(201);
    const bad = await post(`/tickets/${id}/feedback`, { rating: 'down', corrected: { category: 'legal' } });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().errors.map((e: { field: string }) => e.field)).toContain('corrected.category');
    expect((await post('/tickets/NOPE-2/feedback', { rating: 'up' })).statusCode).toBe(404);
    const stats = (await t.app.inject({ url: '/stats' })).json();
    expect(stats.feedback).toEqual({ up: 1, down: 1, corrections: { category: 1, priority: 1, sentiment: 0 } });
    // Decided: RV-EDIT (edited), RV-ASYNC (approved) and RV-RACE (whichever won); auto: two sample tickets.
    expect(stats.review).toMatchObject({ edited: 1, auto_approved: 2 });
    expect(stats.review.approved + stats.review.rejected).toBe(2);
  });
});
