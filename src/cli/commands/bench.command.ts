import type { Command } from 'commander';
import { buildApp } from '../../app.js';
import { loadScenarios, percentile } from '../../evaluation/scenarios.js';
import { progress, withDeps } from '../runtime.js';
import { registerBenchLoadCommand } from './bench-load.command.js';
import { registerPipelineBench } from './bench-pipeline.command.js';
import { registerBenchIndexCommand } from './bench-index.command.js';

interface LatencyStats {
  requests: number;
  errors: number;
  p50_ms: number;
  p95_ms: number;
  p99_ms: number;
  mean_ms: number;
  requests_per_s: number;
}

async function measure(n: number, concurrency: number, send: (i: number) => Promise<boolean>, label: string): Promise<LatencyStats> {
  const times: number[] = [];
  let errors = 0;
  let next = 0;
  const bar = progress(label, n);
  const started = performance.now();
  const worker = async () => {
    while (next < n) {
      const i = next++;
      const t0 = performance.now();
      const ok = await send(i).catch(() => false);
      times.push(performance.now() - t0);
      if (!ok) errors++;
      bar.tick();
    }
  };
  await Promise.all(Array.from({ length: concurrency }, worker));
  const wall = (performance.now() - started) / 1000;
  bar.done();
  times.sort((a, b) => a - b);
  const r = (x: number) => Math.round(x * 100) / 100;
  return {
    requests: n,
    errors,
    p50_ms: r(percentile(times, 50)),
    p95_ms: r(percentile(times, 95)),
    p99_ms: r(percentile(times, 99)),
    mean_ms: r(times.reduce((a, b) => a + b, 0) / Math.max(1, times.length)),
    requests_per_s: r(n / wall),
  };
}

export function registerBenchCommands(program: Command): void {
  const bench = program.command('bench').description('benchmarks that print JSON figures');
  registerBenchLoadCommand(bench);
  registerBenchIndexCommand(bench);
  bench
    .command('api')
    .description('latency of POST /tickets over real HTTP in the offline mode, against GET /tickets/:id in the same run')
    .option('-n, --requests <n>', 'requests per measurement', '200')
    .option('-c, --concurrency <c>', 'requests in flight', '1')
    .option('--file <path>', 'tickets to cycle through', 'data/sample_tickets/test_cases.json')
    .action(async (opts: { requests: string; concurrency: string; file: string }) => {
      const n = Number(opts.requests);
      const concurrency = Number(opts.concurrency);
      const tickets = loadScenarios(opts.file).map((s) => ({ ...s.ticket, ticket_id: undefined }));
      await withDeps({}, async (deps, config) => {
        // Keys and limits off: this measures the pipeline (bench safety measures their cost).
        const app = await buildApp({
          config: { ...config, auth: { apiKeys: [], required: false }, limits: { ...config.limits, rateLimitPerMinute: 0, maxConcurrentRequests: 10_000 } },
          deps,
        });
        const base = await app.listen({ host: '127.0.0.1', port: 0 });
        const run = Date.now().toString(36);
        const post = (i: number) =>
          fetch(`${base}/tickets`, {
            method: 'POST',
            headers: { 'content-type': 'application/json' },
            body: JSON.stringify({ ...tickets[i % tickets.length], ticket_id: `BENCH-${run}-${i}` }),
          }).then(async (res) => (await res.arrayBuffer(), res.status === 201));
        // Warm up JIT and caches so the figures describe the steady state.
        for (let i = 0; i < 10; i++) await post(n + i);
        const postStats = await measure(n, concurrency, post, 'POST /tickets');
        const get = (i: number) => fetch(`${base}/tickets/BENCH-${run}-${i % n}`).then(async (res) => (await res.arrayBuffer(), res.status === 200));
        const getStats = await measure(n, concurrency, get, 'GET /tickets/:id');
        await app.close();
        const result = {
          benchmark: 'api',
          provider: deps.provider.name,
          store: deps.store.kind,
          concurrency,
          post_tickets: postStats,
          get_ticket_baseline: getStats,
          pipeline_overhead_p50_ms: Math.round((postStats.p50_ms - getStats.p50_ms) * 100) / 100,
        };
        process.stdout.write(`${JSON.stringify(result, null, 2)}\n`);
      });
    });
  registerPipelineBench(bench);
}
