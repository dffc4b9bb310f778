import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sampleTicket } from '../helpers/build-test-app.js';
import { ADMIN_URL, createTestDatabase, withDatabase } from '../helpers/postgres.js';
import { buildQueueApp, startStatusServer, waitFor, type QueueApp } from '../helpers/queue-harness.js';
import { TcpProxy } from '../helpers/tcp-proxy.js';

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/**
 * PostgreSQL "restarted" mid-run: the app and its worker reach the database through a proxy that the test cuts
 * for two seconds (every connection dropped, new ones refused) and restores. Every ticket that was accepted
 * (202) before, during or after the outage must end up completed.
 */
describe('PostgreSQL restarted during a run', () => {
  let db: Awaited<ReturnType<typeof createTestDatabase>>;
  let status: Awaited<ReturnType<typeof startStatusServer>>;
  let proxy: TcpProxy;
  let direct: pg.Pool;
  let app: QueueApp | undefined;

  beforeAll(async () => {
    db = await createTestDatabase('outage');
    status = await startStatusServer(30);
    proxy = new TcpProxy(Number(new URL(ADMIN_URL).port || 5432), new URL(ADMIN_URL).hostname);
    await proxy.start();
    direct = new pg.Pool({ connectionString: db.url, max: 2 });
  });
  afterAll(async () => {
    await app?.close();
    await proxy?.close();
    await direct?.end();
    await status?.close();
    await db?.drop();
  });

  it('completes every accepted ticket', async () => {
    app = await buildQueueApp({ env: { DATABASE_URL: withDatabase(ADMIN_URL, db.name, proxy.port) }, statusUrl: status.url });
    await app.deps.worker.start();

    const accepted: string[] = [];
    const refused: number[] = [];
    let unfinishedAtCut = -1;
    const submit = async (i: number) => {
      const res = await app!.app.inject({ method: 'POST', url: '/tickets?async=true', payload: { ...sampleTicket, ticket_id: `OUT-${i}` } });
      if (res.statusCode === 202) accepted.push(`OUT-${i}`);
      else refused.push(res.statusCode);
    };
    const outage = (async () => {
      await sleep(600);
      // Cut while work is in flight, as a restart mid-run finds it. On an idle machine the worker can keep up
      // with the submissions, so wait (up to ~2 s) for a moment when a ticket is queued or processing.
      for (let i = 0; i < 400 && unfinishedAtCut <= 0; i++) {
        const { rows } = await direct.query(`SELECT COUNT(*)::int AS n FROM tickets WHERE status IN ('queued','processing')`);
        unfinishedAtCut = rows[0].n;
      }
      await proxy.cut();
      await sleep(2000);
      await proxy.restore();
    })();
    const pending: Promise<void>[] = [];
    for (let i = 0; i < 80; i++) {
      pending.push(submit(i));
      await sleep(50);
    }
    await Promise.all([...pending, outage]);

    // The outage really happened mid-run: work was in flight, and submissions during it were refused.
    expect(unfinishedAtCut).toBeGreaterThan(0);
    expect(refused.length).toBeGreaterThan(0);
    expect(accepted.length).toBeGreaterThan(15);

    const rows = await waitFor(
      async () => (await direct.query<{ ticket_id: string; status: string }>('SELECT ticket_id, status FROM tickets WHERE ticket_id = ANY($1)', [accepted])).rows,
      (r) => r.length === accepted.length && r.every((t) => t.status === 'completed'),
      45_000,
      200,
    );
    expect(rows.filter((t) => t.status !== 'completed')).toEqual([]);
    expect(rows).toHaveLength(accepted.length);
  });
});
