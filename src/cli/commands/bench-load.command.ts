import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import autocannon from 'autocannon';
import type { Command } from 'commander';
import pg from 'pg';
import { buildApp } from '../../app.js';
import { createDeps } from '../../container.js';
import { loadScenarios } from '../../evaluation/scenarios.js';
import { cliLogger, configOrExit } from '../runtime.js';

interface LoadStats {
  requests_per_s: number;
  p50_ms: number;
  p99_ms: number;
  requests: number;
  errors: number;
  non_2xx: number;
}

function stats(r: autocannon.Result): LoadStats {
  return {
    requests_per_s: Math.round(r.requests.average * 10) / 10,
    p50_ms: r.latency.p50,
    p99_ms: r.latency.p99,
    requests: r.requests.total,
    errors: r.errors + r.timeouts,
    non_2xx: r.non2xx,
  };
}

/** Creates a scratch database on the server the admin URL names, and drops it afterwards. */
async function scratchPostgres(adminUrl: string): Promise<{ url: string; drop: () => Promise<void> }> {
  const name = `sa_bench_${randomBytes(4).toString('hex')}`;
  const admin = async (sql: string) => {
    const c = new pg.Client({ connectionString: adminUrl });
    await c.connect();
    try {
      await c.query(sql);
    } finally {
      await c.end();
    }
  };
  await admin(`CREATE DATABASE ${name}`);
  const u = new URL(adminUrl);
  u.pathname = `/${name}`;
  return { url: u.toString(), drop: () => admin(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`) };
}

interface Opts {
  duration: string;
  connections: string;
  stores: string;
  postgresUrl: string;
  json?: boolean;
}

/** One store: the API on a free port, then autocannon against a no-op route, sync POST, async POST and GET. */
async function runStore(store: 'sqlite' | 'postgres', o: Opts): Promise<Record<string, unknown>> {
  const duration = Number(o.duration);
  const connections = Number(o.connections);
  const tmp = mkdtempSync(join(tmpdir(), 'bench-load-'));
  const scratch = store === 'postgres' ? await scratchPostgres(o.postgresUrl) : undefined;
  const config = configOrExit({
    DATABASE_URL: scratch ? scratch.url : `sqlite:${join(tmp, 'load.db')}`,
    // Measure the pipeline and the store, not the safety layer: no keys, no rate limit, no load shedding.
    RATE_LIMIT_PER_MINUTE: '0',
    MAX_CONCURRENT_REQUESTS: '100000',
    MAX_EVENT_LOOP_DELAY_MS: '0',
    API_KEYS: '',
    REQUIRE_API_KEYS: 'false',
    RECOVER_ON_START: 'false',
  });
  const deps = await createDeps(config, cliLogger(config));
  const app = await buildApp({ config, deps });
  // The ceiling: the same server, plugins and hooks, and a handler that does nothing.
  app.get('/bench/noop', { schema: { hide: true } }, async () => ({ ok: true }));
  const base = await app.listen({ host: '127.0.0.1', port: 0 });
  const tickets = loadScenarios('data/sample_tickets/test_cases.json').map((s) => ({ ...s.ticket, ticket_id: undefined }));
  const run = Date.now().toString(36);
  const created: string[] = [];
  let n = 0;
  const fire = (title: string, opts: Partial<autocannon.Options>) => {
    process.stderr.write(`bench load (${store}): ${title} for ${duration} s, ${connections} connections\n`);
    return autocannon({ url: base, duration, connections, title, ...opts });
  };
  const post = (prefer?: string): Partial<autocannon.Options> => ({
    requests: [
      {
        method: 'POST',
        path: '/tickets',
        headers: { 'content-type': 'application/json', ...(prefer ? { prefer } : {}) },
        setupRequest: (req) => {
          const id = `LOAD-${run}-${n++}`;
          if (!prefer) created.push(id);
          return { ...req, body: JSON.stringify({ ...tickets[n % tickets.length], ticket_id: id }) };
        },
      },
    ],
  });
  try {
    const noop = stats(await fire('GET /bench/noop', { requests: [{ method: 'GET', path: '/bench/noop' }] }));
    const postSync = stats(await fire('POST /tickets (sync)', post()));
    const postAsync = stats(await fire('POST /tickets (Prefer: respond-async)', post('respond-async')));
    let g = 0;
    const get = stats(
      await fire('GET /tickets/:id', {
        requests: [{ method: 'GET', setupRequest: (req) => ({ ...req, path: `/tickets/${created[g++ % Math.max(1, created.length)]}` }) }],
      }),
    );
    const ratio = (s: LoadStats) => Math.round((s.requests_per_s / Math.max(1, noop.requests_per_s)) * 1000) / 1000;
    return {
      store,
      queue: store === 'postgres' ? 'pg-boss' : 'table',
      noop_ceiling: noop,
      post_tickets_sync: { ...postSync, share_of_ceiling: ratio(postSync) },
      post_tickets_async: { ...postAsync, share_of_ceiling: ratio(postAsync) },
      get_ticket: { ...get, share_of_ceiling: ratio(get) },
    };
  } finally {
    await app.close();
    await deps.close();
    await scratch?.drop();
    rmSync(tmp, { recursive: true, force: true });
  }
}

export function registerBenchLoadCommand(bench: Command): void {
  bench
    .command('load')
    .description('HTTP load (autocannon) on POST /tickets (sync and async) and GET /tickets/:id, on SQLite and PostgreSQL, beside a no-op route of the same server')
    .option('-d, --duration <s>', 'seconds per measurement', '5')
    .option('-c, --connections <n>', 'concurrent connections', '10')
    .option('--stores <list>', 'sqlite, postgres or both (comma-separated)', 'sqlite,postgres')
    .option('--postgres-url <url>', 'a PostgreSQL server to create a scratch database on', 'postgres://postgres@127.0.0.1:5432/postgres')
    .option('--json', 'print JSON only')
    .action(async (o: Opts) => {
      const stores = o.stores.split(',').map((s) => s.trim());
      const bad = stores.filter((s) => s !== 'sqlite' && s !== 'postgres');
      if (bad.length > 0 || !(Number(o.duration) > 0) || !(Number(o.connections) > 0)) {
        process.stderr.write(`bench load: --stores takes sqlite and/or postgres (got "${o.stores}"); --duration and --connections take positive numbers\n`);
        process.exitCode = 2;
        return;
      }
      const results = [];
      for (const s of stores) results.push(await runStore(s as 'sqlite' | 'postgres', o));
      const report = { benchmark: 'load', provider: 'local', duration_s: Number(o.duration), connections: Number(o.connections), worker: 'not running (async POST measures acceptance)', results };
      if (o.json) {
        process.stdout.write(`${JSON.stringify(report, null, 2)}\n`);
        return;
      }
      const rows = results.flatMap((r) =>
        (['noop_ceiling', 'post_tickets_sync', 'post_tickets_async', 'get_ticket'] as const).map((k) => {
          const s = r[k] as LoadStats;
          return `${String(r.store).padEnd(9)} ${k.padEnd(19)} ${String(s.requests_per_s).padStart(9)} ${String(s.p50_ms).padStart(7)} ${String(s.p99_ms).padStart(7)} ${String(s.errors + s.non_2xx).padStart(7)}`;
        }),
      );
      process.stdout.write(`${'store'.padEnd(9)} ${'route'.padEnd(19)} ${'req/s'.padStart(9)} ${'p50 ms'.padStart(7)} ${'p99 ms'.padStart(7)} ${'errors'.padStart(7)}\n${rows.join('\n')}\n`);
    });
}
