import { POSTGRES_MIGRATIONS } from '../../src/tickets/migrations/postgres.migrations.js';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { PostgresTicketStore } from '../../src/tickets/postgres.ticket-store.js';
import { sampleTicket } from '../helpers/build-test-app.js';
import { createTestDatabase } from '../helpers/postgres.js';
import { buildQueueApp, startStatusServer, waitFor, type QueueApp } from '../helpers/queue-harness.js';

/** The durable queue on PostgreSQL: pg-boss jobs committed with their tickets, several workers, duplicates from several replicas. */
describe('PostgreSQL queue (pg-boss)', () => {
  let db: Awaited<ReturnType<typeof createTestDatabase>>;
  let status: Awaited<ReturnType<typeof startStatusServer>>;
  let sql: pg.Pool;
  const opened: QueueApp[] = [];
  const open = async (env: Record<string, string> = {}) => {
    const a = await buildQueueApp({ env: { DATABASE_URL: db.url, ...env }, statusUrl: status.url });
    opened.push(a);
    return a;
  };

  beforeAll(async () => {
    db = await createTestDatabase('pgqueue');
    status = await startStatusServer();
    sql = new pg.Pool({ connectionString: db.url, max: 2 });
  });
  afterAll(async () => {
    for (const a of opened) await a.close().catch(() => undefined);
    await sql?.end();
    await status?.close();
    await db?.drop();
  });

  it('answers 202 + Location at once and the worker takes the ticket from queued to completed', async () => {
    const a = await open();
    const res = await a.app.inject({ method: 'POST', url: '/tickets', headers: { prefer: 'respond-async' }, payload: { ...sampleTicket, ticket_id: 'PG-ASYNC-1' } });
    expect(res.statusCode).toBe(202);
    expect(res.headers.location).toBe('/tickets/PG-ASYNC-1');
    expect(res.json()).toMatchObject({ status: 'queued', attempts: 0 });
    const { rows } = await sql.query(`SELECT state, data FROM pgboss.job WHERE name = 'tickets' AND data->>'ticketId' = 'PG-ASYNC-1'`);
    expect(rows).toEqual([{ state: 'created', data: { ticketId: 'PG-ASYNC-1' } }]);

    await a.deps.worker.start();
    const done = await waitFor(
      async () => (await a.app.inject({ method: 'GET', url: '/tickets/PG-ASYNC-1' })).json(),
      (r) => r.status === 'completed',
    );
    expect(done).toMatchObject({ status: 'completed', attempts: 1, analysis: { category: expect.any(String) } });
    expect(done.response.response_text.length).toBeGreaterThan(50);
    await a.close();
    opened.pop();
  });

  it('retries a failing ticket through pg-boss with backoff, then marks it failed with the reason', async () => {
    const w = await open({ QUEUE_MAX_ATTEMPTS: '2' });
    const calls: number[] = [];
    vi.spyOn(w.deps.orchestrator, 'process').mockImplementation(async () => {
      calls.push(Date.now());
      throw new Error(`model provider unavailable (call ${calls.length})`);
    });
    await w.app.inject({ method: 'POST', url: '/tickets?async=true', payload: { ...sampleTicket, ticket_id: 'PG-FAIL-1' } });
    await w.deps.worker.start();
    const r = await waitFor(() => w.deps.store.get('PG-FAIL-1'), (x) => x?.status === 'failed', 20_000, 100);
    expect(r).toMatchObject({ status: 'failed', attempts: 2, error: 'model provider unavailable (call 2)' });
    expect(calls).toHaveLength(2);
    // pg-boss's retry delay is whole seconds (1 s here, doubled per retry, with jitter).
    expect(calls[1]! - calls[0]!).toBeGreaterThanOrEqual(900);
    const job = await sql.query(`SELECT state, retry_count FROM pgboss.job WHERE data->>'ticketId' = 'PG-FAIL-1'`);
    expect(job.rows).toEqual([{ state: 'completed', retry_count: 1 }]);
    await w.close();
    opened.splice(opened.indexOf(w), 1);
  });

  it('migrates once when several processes start together on an empty database, and again is a no-op', async () => {
    const fresh = await createTestDatabase('migrate');
    try {
      const stores = await Promise.all([1, 2, 3].map(() => PostgresTicketStore.open({ connectionString: fresh.url })));
      const { rows } = await stores[0]!.pool.query('SELECT version FROM schema_migrations ORDER BY version');
      // Every migration exactly once, however many processes raced to apply them.
      expect(rows).toEqual(POSTGRES_MIGRATIONS.map((_, i) => ({ version: i + 1 })));
      await Promise.all(stores.map((st) => st.close()));
      const again = await PostgresTicketStore.open({ connectionString: fresh.url });
      expect(await again.ping()).toEqual({ status: 'up' });
      await again.close();
    } finally {
      await fresh.drop();
    }
  });

  it('commits the ticket and its job together: a failing job send leaves no ticket behind', async () => {
    const store = await PostgresTicketStore.open({
      connectionString: db.url,
      enqueue: async () => {
        throw new Error('queue unavailable');
      },
    });
    try {
      const t = { ticket_id: 'PG-TX-1', ticket: { ...sampleTicket, ticket_id: 'PG-TX-1' }, status: 'queued' as const, created_at: new Date().toISOString() };
      await expect(store.insert(t)).rejects.toThrow('queue unavailable');
      expect(await store.get('PG-TX-1')).toBeUndefined();
    } finally {
      await store.close();
    }
  });

  it('sends a new job for a queued ticket whose job is gone, and completes it', async () => {
    // A ticket queued with no job at all: what a job lost to exhausted retries or a manual delete leaves behind.
    const bare = await PostgresTicketStore.open({ connectionString: db.url });
    await bare.insert({ ticket_id: 'PG-ORPHAN', ticket: { ...sampleTicket, ticket_id: 'PG-ORPHAN' }, status: 'queued', created_at: new Date().toISOString() });
    await bare.close();
    const w = await open();
    await w.deps.worker.start();
    const r = await waitFor(() => w.deps.store.get('PG-ORPHAN'), (x) => x?.status === 'completed', 20_000, 100);
    expect(r).toMatchObject({ status: 'completed', attempts: 1 });
    await w.close();
    opened.splice(opened.indexOf(w), 1);
  });

  it('two workers on one database process 200 queued tickets exactly once each', async () => {
    const producer = await open({ RUN_WORKER: 'false' });
    const ids = Array.from({ length: 200 }, (_, i) => `PG-MANY-${i}`);
    for (let i = 0; i < ids.length; i += 20) {
      const batch = ids.slice(i, i + 20).map((id) => producer.app.inject({ method: 'POST', url: '/tickets?async=true', payload: { ...sampleTicket, ticket_id: id } }));
      expect((await Promise.all(batch)).map((r) => r.statusCode)).toEqual(Array(batch.length).fill(202));
    }
    // Long leases: this test is about two live workers sharing a queue, and a CPU-starved machine must not make a
    // slow worker look dead (that path is the crash test's).
    const live = { WORKER_CONCURRENCY: '4', QUEUE_LEASE_MS: '30000', QUEUE_JOB_EXPIRE_SECONDS: '120' };
    const w1 = await open(live);
    const w2 = await open(live);
    // The pipeline is CPU work (~20-50 ms a ticket here) that says nothing about the queue: run it for real once,
    // then let each run take 5 ms of waiting, so 8 loops really overlap instead of queueing behind one CPU.
    const output = await w1.deps.orchestrator.process('PG-MANY-sample', { ...sampleTicket }, undefined);
    const runs = new Map<string, number>();
    for (const w of [w1, w2]) {
      vi.spyOn(w.deps.orchestrator, 'process').mockImplementation(async (id) => {
        runs.set(id, (runs.get(id) ?? 0) + 1);
        await new Promise((r) => setTimeout(r, 5));
        return output;
      });
    }
    await Promise.all([w1.deps.worker.start(), w2.deps.worker.start()]);
    const counts = await waitFor(
      async () => (await sql.query<{ status: string; n: string }>(`SELECT status, COUNT(*) AS n FROM tickets WHERE ticket_id LIKE 'PG-MANY-%' GROUP BY status`)).rows,
      (rows) => rows.length === 1 && rows[0]!.status === 'completed' && rows[0]!.n === '200',
      60_000,
      200,
    );
    expect(counts).toEqual([{ status: 'completed', n: '200' }]);
    expect(runs.size).toBe(200);
    expect([...runs.values()].every((n) => n === 1)).toBe(true);
    // Both workers took part, and every ticket took exactly one attempt.
    expect(w1.deps.worker.processed).toBeGreaterThan(0);
    expect(w2.deps.worker.processed).toBeGreaterThan(0);
    expect(w1.deps.worker.processed + w2.deps.worker.processed).toBe(200);
    const attempts = await sql.query(`SELECT DISTINCT attempts FROM tickets WHERE ticket_id LIKE 'PG-MANY-%'`);
    expect(attempts.rows).toEqual([{ attempts: 1 }]);
  });

  it('concurrent duplicate POSTs on two app instances make one ticket (ticket_id and Idempotency-Key)', async () => {
    const [a, b] = [await open({ RUN_WORKER: 'false' }), await open({ RUN_WORKER: 'false' })];
    const byId = await Promise.all(
      Array.from({ length: 16 }, (_, i) =>
        (i % 2 ? a : b).app.inject({ method: 'POST', url: '/tickets?async=true', payload: { ...sampleTicket, ticket_id: 'PG-DUP-1' } }),
      ),
    );
    expect(byId.map((r) => r.statusCode).sort()).toEqual([...Array(15).fill(200), 202]);
    expect(new Set(byId.map((r) => r.json().ticket_id))).toEqual(new Set(['PG-DUP-1']));

    const byKey = await Promise.all(
      Array.from({ length: 16 }, (_, i) =>
        (i % 2 ? a : b).app.inject({
          method: 'POST',
          url: '/tickets',
          headers: { prefer: 'respond-async', 'idempotency-key': 'order-7781-retry' },
          payload: sampleTicket,
        }),
      ),
    );
    expect(byKey.map((r) => r.statusCode).sort()).toEqual([...Array(15).fill(200), 202]);
    const ids = new Set(byKey.map((r) => r.json().ticket_id));
    expect(ids.size).toBe(1);
    const [id] = [...ids];
    const rows = await sql.query(`SELECT COUNT(*)::int AS n FROM tickets WHERE idempotency_key = 'order-7781-retry'`);
    expect(rows.rows[0].n).toBe(1);
    const jobs = await sql.query(`SELECT COUNT(*)::int AS n FROM pgboss.job WHERE data->>'ticketId' IN ('PG-DUP-1', $1)`, [id]);
    expect(jobs.rows[0].n).toBe(2);
  });
});
