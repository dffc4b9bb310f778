import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { PipelineOutput } from '../../src/schemas/result.schema.js';
import { PostgresTicketStore } from '../../src/tickets/postgres.ticket-store.js';
import { SqliteTicketStore } from '../../src/tickets/sqlite.ticket-store.js';
import type { Feedback, Review } from '../../src/schemas/review.schema.js';
import type { NewTicket, ReviewDecision, TicketStore } from '../../src/tickets/ticket-store.js';
import { sampleTicket, tempDir } from '../helpers/build-test-app.js';
import { createTestDatabase } from '../helpers/postgres.js';

interface Adapter {
  name: string;
  setup: () => Promise<void>;
  open: () => Promise<TicketStore>;
  teardown: () => Promise<void>;
}

const dir = tempDir('store-contract-');
let pgDb: Awaited<ReturnType<typeof createTestDatabase>> | undefined;
let sqliteFile = 0;

const adapters: Adapter[] = [
  {
    name: 'sqlite',
    setup: async () => undefined,
    open: async () => new SqliteTicketStore(`${dir.path}/store-${++sqliteFile}.db`),
    teardown: async () => dir.remove(),
  },
  {
    name: 'postgres',
    setup: async () => {
      pgDb = await createTestDatabase('contract');
    },
    open: async () => {
      const store = await PostgresTicketStore.open({ connectionString: pgDb!.url });
      await store.pool.query('TRUNCATE tickets CASCADE');
      return store;
    },
    teardown: async () => pgDb?.drop(),
  },
];

const OUTPUT = {
  analysis: { category: 'technical', priority: 'high', nested: { z: 1, a: [1, 2, 3] } },
  knowledge: { articles: [] },
  response: { response_text: 'Héllo — “quotes” and émoji 🚀' },
  provider: 'local',
  degraded: false,
} as unknown as PipelineOutput;

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

describe.each(adapters)('TicketStore contract: $name', (adapter) => {
  let store: TicketStore;
  let n = 0;
  const ticket = (over: Partial<NewTicket> = {}): NewTicket => {
    n++;
    const id = over.ticket_id ?? `T-${n}`;
    // Strictly increasing creation times, so "oldest first" has one right answer.
    return { ticket_id: id, ticket: { ...sampleTicket, ticket_id: id }, status: 'queued', created_at: new Date(Date.UTC(2026, 0, 1) + n * 1000).toISOString(), ...over };
  };

  beforeAll(adapter.setup);
  afterAll(adapter.teardown);
  beforeEach(async () => {
    await store?.close();
    store = await adapter.open();
  });
  afterAll(async () => store?.close());

  it('inserts once: a second insert of the same id returns the stored record untouched', async () => {
    const first = await store.insert(ticket({ ticket_id: 'DUP-1' }));
    expect(first.created).toBe(true);
    expect(first.record).toMatchObject({ ticket_id: 'DUP-1', status: 'queued', attempts: 0, completed_at: null });
    const again = await store.insert(ticket({ ticket_id: 'DUP-1', status: 'processing' }));
    expect(again.created).toBe(false);
    expect(again.record).toEqual(first.record);
    expect(await store.get('missing')).toBeUndefined();
  });

  it('makes one ticket out of many concurrent inserts of the same id', async () => {
    const results = await Promise.all(Array.from({ length: 12 }, () => store.insert(ticket({ ticket_id: 'RACE-1' }))));
    expect(results.filter((r) => r.created)).toHaveLength(1);
    expect(new Set(results.map((r) => r.record.ticket_id))).toEqual(new Set(['RACE-1']));
  });

  it('treats an idempotency key as the identity of the request', async () => {
    const a = await store.insert(ticket({ ticket_id: 'IK-A', idempotency_key: 'key-1', request_hash: 'h1' }));
    const b = await store.insert(ticket({ ticket_id: 'IK-B', idempotency_key: 'key-1', request_hash: 'h2' }));
    expect(a.created).toBe(true);
    expect(b.created).toBe(false);
    expect(b.record.ticket_id).toBe('IK-A');
    expect(b.request_hash).toBe('h1');
    expect(await store.get('IK-B')).toBeUndefined();
  });

  it('round-trips the result document exactly, key order and unicode included', async () => {
    const { record } = await store.insert(ticket({ ticket_id: 'RT-1', status: 'processing' }));
    expect(record.attempts).toBe(1);
    const at = new Date().toISOString();
    expect(await store.complete('RT-1', OUTPUT, at)).toBe(true);
    const got = await store.get('RT-1');
    expect(got).toMatchObject({ status: 'completed', completed_at: at, created_at: record.created_at });
    expect(JSON.stringify(got?.analysis)).toBe(JSON.stringify(OUTPUT.analysis));
    expect(got?.response).toEqual(OUTPUT.response);
  });

  it('gives a lease to one claimer at a time and lets another take it once it lapses', async () => {
    await store.insert(ticket({ ticket_id: 'L-1' }));
    const a = await store.claim('L-1', { owner: 'worker-a', ms: 150 });
    expect(a.kind).toBe('claimed');
    expect(a.kind === 'claimed' && a.record).toMatchObject({ status: 'processing', attempts: 1 });
    expect((await store.claim('L-1', { owner: 'worker-b', ms: 150 })).kind).toBe('busy');
    expect(await store.renewLease('L-1', { owner: 'worker-b', ms: 150 })).toBe(false);
    expect(await store.renewLease('L-1', { owner: 'worker-a', ms: 150 })).toBe(true);
    await sleep(250);
    const b = await store.claim('L-1', { owner: 'worker-b', ms: 10_000 });
    expect(b.kind === 'claimed' && b.record.attempts).toBe(2);
    // The first worker lost the ticket: its writes are fenced off.
    expect(await store.complete('L-1', OUTPUT, new Date().toISOString(), 'worker-a')).toBe(false);
    expect(await store.renewLease('L-1', { owner: 'worker-a', ms: 150 })).toBe(false);
    expect(await store.complete('L-1', OUTPUT, new Date().toISOString(), 'worker-b')).toBe(true);
    const done = await store.claim('L-1', { owner: 'worker-c', ms: 150 });
    expect(done.kind).toBe('finished');
    expect((await store.claim('nope', { owner: 'worker-c', ms: 150 })).kind).toBe('missing');
  });

  it('hands each queued ticket to exactly one of many concurrent claimNext callers', async () => {
    for (let i = 0; i < 20; i++) await store.insert(ticket({ ticket_id: `Q-${i}` }));
    const claimed = await Promise.all(Array.from({ length: 30 }, (_, i) => store.claimNext({ owner: `w-${i % 3}`, ms: 60_000 })));
    const ids = claimed.filter((r) => r !== undefined).map((r) => r.ticket_id);
    expect(ids).toHaveLength(20);
    expect(new Set(ids).size).toBe(20);
    expect(await store.claimNext({ owner: 'late', ms: 60_000 })).toBeUndefined();
  });

  it('claimNext takes over a ticket whose worker died (lease lapsed), oldest first', async () => {
    await store.insert(ticket({ ticket_id: 'DEAD-1', status: 'processing', lease: { owner: 'dead', ms: 100 } }));
    expect(await store.claimNext({ owner: 'alive', ms: 60_000 })).toBeUndefined();
    await sleep(200);
    const taken = await store.claimNext({ owner: 'alive', ms: 60_000 });
    expect(taken).toMatchObject({ ticket_id: 'DEAD-1', status: 'processing', attempts: 2 });
  });

  it('release puts a ticket back with its error, not due before retryAt', async () => {
    await store.insert(ticket({ ticket_id: 'R-1' }));
    const c = await store.claimNext({ owner: 'w', ms: 60_000 });
    expect(c?.ticket_id).toBe('R-1');
    expect(await store.release('R-1', 'other', 'x', new Date().toISOString())).toBe(false);
    expect(await store.release('R-1', 'w', 'boom: upstream 500', new Date(Date.now() + 300).toISOString())).toBe(true);
    expect(await store.get('R-1')).toMatchObject({ status: 'queued', error: 'boom: upstream 500', attempts: 1 });
    expect(await store.claimNext({ owner: 'w', ms: 60_000 })).toBeUndefined();
    await sleep(400);
    expect((await store.claimNext({ owner: 'w', ms: 60_000 }))?.attempts).toBe(2);
    expect(await store.fail('R-1', 'gave up', new Date().toISOString(), 'w')).toBe(true);
    expect(await store.get('R-1')).toMatchObject({ status: 'failed', error: 'gave up' });
  });

  it('lists unfinished tickets oldest first', async () => {
    await store.insert(ticket({ ticket_id: 'U-1' }));
    await store.insert(ticket({ ticket_id: 'U-2', status: 'processing' }));
    await store.insert(ticket({ ticket_id: 'U-3', status: 'processing' }));
    await store.complete('U-3', OUTPUT, new Date().toISOString());
    expect((await store.listUnfinished(10)).map((t) => t.ticket_id)).toEqual(['U-1', 'U-2']);
    expect((await store.listUnfinished(10, 'processing')).map((t) => t.ticket_id)).toEqual(['U-2']);
    expect((await store.listUnfinished(10, 'queued')).map((t) => t.ticket_id)).toEqual(['U-1']);
    expect(await store.countQueued()).toBe(1);
  });

  it('records webhook attempts and shows the delivery state on the ticket', async () => {
    await store.insert(ticket({ ticket_id: 'W-1', status: 'processing' }));
    await store.setWebhookState('W-1', 'pending');
    const at = new Date().toISOString();
    await store.recordWebhookAttempt('W-1', { attempt: 1, url: 'http://x/y', status_code: 500, ok: false, error: 'HTTP 500', duration_ms: 3.5, attempted_at: at });
    await store.recordWebhookAttempt('W-1', { attempt: 2, url: 'http://x/y', status_code: 204, ok: true, error: null, duration_ms: 1, attempted_at: at });
    await store.setWebhookState('W-1', 'delivered');
    expect((await store.get('W-1'))?.webhook).toEqual({ state: 'delivered', attempts: 2 });
    const attempts = await store.listWebhookAttempts('W-1');
    expect(attempts).toEqual([
      { attempt: 1, url: 'http://x/y', status_code: 500, ok: false, error: 'HTTP 500', duration_ms: 3.5, attempted_at: at },
      { attempt: 2, url: 'http://x/y', status_code: 204, ok: true, error: null, duration_ms: 1, attempted_at: at },
    ]);
    expect(await store.ping()).toEqual({ status: 'up' });
  });

  it('lists finished tickets whose webhook never finished delivering, and nothing else', async () => {
    const withCallback = (id: string) => ({ ...sampleTicket, ticket_id: id, callback_url: 'http://127.0.0.1:9/hook' });
    let t = Date.UTC(2026, 0, 2);
    const now = () => new Date((t += 1000)).toISOString();
    await store.insert(ticket({ ticket_id: 'R-1', status: 'processing', ticket: withCallback('R-1') }));
    await store.complete('R-1', OUTPUT, now()); // crashed before delivery began: no state yet
    await store.insert(ticket({ ticket_id: 'R-2', status: 'processing', ticket: withCallback('R-2') }));
    await store.fail('R-2', 'boom', now());
    await store.setWebhookState('R-2', 'pending'); // crashed mid-delivery
    await store.insert(ticket({ ticket_id: 'R-3', status: 'processing', ticket: withCallback('R-3') }));
    await store.complete('R-3', OUTPUT, now());
    await store.setWebhookState('R-3', 'delivered');
    await store.insert(ticket({ ticket_id: 'R-4', status: 'processing', ticket: withCallback('R-4') }));
    await store.complete('R-4', OUTPUT, now());
    await store.setWebhookState('R-4', 'failed'); // gave up after its attempts: not retried forever
    await store.insert(ticket({ ticket_id: 'R-5', status: 'processing' }));
    await store.complete('R-5', OUTPUT, now()); // no callback_url
    await store.insert(ticket({ ticket_id: 'R-6', status: 'queued', ticket: withCallback('R-6') })); // not finished
    expect((await store.listUndeliveredWebhooks(10)).map((t) => t.ticket_id)).toEqual(['R-1', 'R-2']);
    expect((await store.listUndeliveredWebhooks(1)).map((t) => t.ticket_id)).toEqual(['R-1']);
  });

  it('keeps staff events in an outbox until their delivery ends, oldest first, one per event id', async () => {
    const ev = (id: string, at: string) => ({ event_id: id, type: 'ticket.escalated', ticket_id: 'T-1', at, data: { tier: 'enterprise', reasons: ['données supprimées'] } });
    await store.enqueueStaffEvent(ev('e-2', '2026-01-01T00:00:02.000Z'));
    await store.enqueueStaffEvent(ev('e-1', '2026-01-01T00:00:01.000Z'));
    await store.enqueueStaffEvent(ev('e-3', '2026-01-01T00:00:03.000Z'));
    await store.enqueueStaffEvent({ ...ev('e-1', '2026-01-01T00:00:09.000Z'), data: { other: true } }); // a repeat is ignored
    expect(await store.listPendingStaffEvents(10)).toEqual([ev('e-1', '2026-01-01T00:00:01.000Z'), ev('e-2', '2026-01-01T00:00:02.000Z'), ev('e-3', '2026-01-01T00:00:03.000Z')]);
    await store.finishStaffEvent('e-1', 'delivered', 2);
    await store.finishStaffEvent('e-3', 'failed', 5);
    expect((await store.listPendingStaffEvents(10)).map((e) => e.event_id)).toEqual(['e-2']);
    expect(await store.listPendingStaffEvents(0)).toEqual([]);
  });

  it('projects finished tickets in a time window for /stats, newest first, filtered by variant', async () => {
    const withVariant = (variant: string, score: number) =>
      ({
        ...OUTPUT,
        variant,
        analysis: { category: 'billing', priority: 'high', requires_human_escalation: true },
        quality: { score, failed: ['tone'] },
        metrics: { latency_ms: { total: 12.5 }, tokens: { input: 10, output: 5 }, cost_usd: 0.25 },
      }) as unknown as PipelineOutput;
    const t0 = Date.UTC(2026, 5, 1);
    for (const [id, variant, minute] of [['S-1', 'a', 1], ['S-2', 'b', 2], ['S-3', 'a', 3]] as const) {
      await store.insert(ticket({ ticket_id: id, status: 'processing' }));
      await store.complete(id, withVariant(variant, 0.5 + minute / 10), new Date(t0 + minute * 60_000).toISOString());
    }
    await store.insert(ticket({ ticket_id: 'S-4', status: 'processing' }));
    await store.fail('S-4', 'boom', new Date(t0 + 4 * 60_000).toISOString());
    const window = { since: new Date(t0).toISOString(), until: new Date(t0 + 4 * 60_000).toISOString(), limit: 10 };
    const all = await store.statsRows(window);
    expect(all.map((r) => r.ticket_id)).toEqual(['S-4', 'S-3', 'S-2', 'S-1']);
    expect(all[1]).toMatchObject({
      status: 'completed',
      variant: 'a',
      category: 'billing',
      priority: 'high',
      escalated: true,
      quality: 0.8,
      quality_failed: ['tone'],
      latency_ms: 12.5,
      tokens_input: 10,
      tokens_output: 5,
      cost_usd: 0.25,
    });
    expect(all[1]?.completed_at).toBe(new Date(t0 + 3 * 60_000).toISOString());
    expect(all[0]).toMatchObject({ status: 'failed', variant: null, quality_failed: [], tokens_input: 0, cost_usd: 0 });
    expect((await store.statsRows({ ...window, variant: 'a' })).map((r) => r.ticket_id)).toEqual(['S-3', 'S-1']);
    expect((await store.statsRows({ ...window, until: new Date(t0 + 2 * 60_000).toISOString() })).map((r) => r.ticket_id)).toEqual(['S-2', 'S-1']);
    expect(await store.statsRows({ ...window, limit: 1 })).toHaveLength(1);
  });

  const held = (priority: string, over: Partial<Review> = {}): PipelineOutput =>
    ({
      ...OUTPUT,
      analysis: { category: 'billing', priority, sentiment: 'negative' },
      review: {
        state: 'pending_review',
        reasons: ['escalated: the analysis requires a human'],
        tier: 'enterprise',
        due_at: '2026-01-02T00:00:00.000Z',
        history: [{ action: 'hold', at: '2026-01-01T00:00:00.000Z', reason: 'escalated' }],
        ...over,
      },
    }) as unknown as PipelineOutput;
  const decision = (action: 'approve' | 'edit' | 'reject', reviewer: string): ReviewDecision => {
    const event = { action, at: new Date().toISOString(), reviewer, ...(action === 'edit' ? { response_text: `edited by ${reviewer}` } : {}) };
    const state = action === 'approve' ? 'approved' : action === 'edit' ? 'edited' : 'rejected';
    return {
      review: { ...held('high').review!, state, reviewer, decided_at: event.at, history: [...held('high').review!.history, event] },
      response_text: action === 'edit' ? `edited by ${reviewer}` : 'Héllo — “quotes” and émoji 🚀',
      event,
    };
  };

  it('a review decision is a compare-and-set: only a completed pending_review ticket, exactly one of concurrent decisions wins', async () => {
    await store.insert(ticket({ ticket_id: 'RV-1' }));
    expect(await store.decideReview('RV-1', decision('approve', 'a'))).toMatchObject({ kind: 'conflict', status: 'queued', state: null });
    expect(await store.decideReview('missing', decision('approve', 'a'))).toEqual({ kind: 'missing' });
    await store.complete('RV-1', held('high'), new Date().toISOString());
    const outcomes = await Promise.all(['a', 'b', 'c', 'd'].map((r, i) => store.decideReview('RV-1', decision(i % 2 ? 'edit' : 'reject', r))));
    const won = outcomes.filter((o) => o.kind === 'decided');
    expect(won).toHaveLength(1);
    expect(outcomes.filter((o) => o.kind === 'conflict')).toHaveLength(3);
    const record = (await store.get('RV-1'))!;
    const winner = won[0]!.kind === 'decided' ? won[0]!.record : undefined;
    expect(record).toEqual(winner);
    expect(['edited', 'rejected']).toContain(record.review!.state);
    // The audit trail: the policy's hold (written with the result), then the one decision that won.
    const events = await store.listReviewEvents('RV-1');
    expect(events.map((e) => e.action)).toEqual(['hold', record.review!.state === 'edited' ? 'edit' : 'reject']);
    expect(events[1]!.reviewer).toBe(record.review!.reviewer);
    if (record.review!.state === 'edited') expect(record.response!.response_text).toBe(`edited by ${record.review!.reviewer}`);
  });

  it('lists a review queue by priority then age, or by age, with a total', async () => {
    const priorities = ['low', 'critical', 'medium', 'critical', 'high'];
    for (const [i, p] of priorities.entries()) {
      await store.insert(ticket({ ticket_id: `Q-${i}` }));
      await store.complete(`Q-${i}`, held(p), new Date().toISOString());
    }
    await store.insert(ticket({ ticket_id: 'Q-auto' }));
    await store.complete('Q-auto', held('critical', { state: 'auto_approved', reasons: [] }), new Date().toISOString());
    const byPriority = await store.listReviews({ state: 'pending_review', sort: 'priority', limit: 50, offset: 0 });
    expect(byPriority.total).toBe(5);
    expect(byPriority.items.map((r) => r.ticket_id)).toEqual(['Q-1', 'Q-3', 'Q-4', 'Q-2', 'Q-0']);
    const byAge = await store.listReviews({ state: 'pending_review', sort: 'age', limit: 2, offset: 1 });
    expect(byAge).toMatchObject({ total: 5 });
    expect(byAge.items.map((r) => r.ticket_id)).toEqual(['Q-1', 'Q-2']);
    expect((await store.listReviews({ state: 'auto_approved', sort: 'age', limit: 50, offset: 0 })).items.map((r) => r.ticket_id)).toEqual(['Q-auto']);
    const now = new Date();
    const counts = await store.reviewCounts(new Date(now.getTime() - 60_000).toISOString(), now.toISOString());
    expect(counts).toEqual({ auto_approved: 1, pending_review: 5, approved: 0, edited: 0, rejected: 0 });
  });

  it('stores feedback, summarises it in a window, and lists the latest correction per ticket for export', async () => {
    for (const id of ['F-1', 'F-2']) {
      await store.insert(ticket({ ticket_id: id }));
      await store.complete(id, held('high'), new Date().toISOString());
    }
    const fb = (id: string, n: number, rating: 'up' | 'down', corrected: Feedback['corrected']): Feedback => ({
      feedback_id: `FB-${n}`,
      ticket_id: id,
      rating,
      reason: rating === 'down' ? 'wrong label' : null,
      corrected,
      created_at: new Date(Date.UTC(2026, 2, 1, 0, 0, n)).toISOString(),
    });
    await store.addFeedback(fb('F-1', 1, 'down', { category: 'technical' }));
    await store.addFeedback(fb('F-1', 2, 'down', { category: 'other', priority: 'low' }));
    await store.addFeedback(fb('F-2', 3, 'up', null));
    await store.addFeedback(fb('F-2', 4, 'down', { sentiment: 'angry' }));
    await expect(store.addFeedback(fb('nope', 5, 'up', null))).rejects.toThrow();
    expect(await store.feedbackSummary('2026-03-01T00:00:00.000Z', '2026-03-01T00:00:03.000Z')).toEqual({
      up: 1,
      down: 2,
      corrections: { category: 2, priority: 1, sentiment: 0 },
    });
    const rows = await store.listCorrections();
    expect(rows).toEqual([
      {
        ticket_id: 'F-1',
        subject: sampleTicket.subject,
        body: sampleTicket.body,
        analysis: { category: 'billing', priority: 'high', sentiment: 'negative' },
        corrected: { category: 'other', priority: 'low' },
      },
      {
        ticket_id: 'F-2',
        subject: sampleTicket.subject,
        body: sampleTicket.body,
        analysis: { category: 'billing', priority: 'high', sentiment: 'negative' },
        corrected: { sentiment: 'angry' },
      },
    ]);
  });
});
