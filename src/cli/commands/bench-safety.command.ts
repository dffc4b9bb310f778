import type { Command } from 'commander';
import { buildApp } from '../../app.js';
import type { Config } from '../../config.js';
import { loadScenarios, percentile } from '../../evaluation/scenarios.js';
import { analyzerPrompt } from '../../orchestrator/prompts/analyzer.prompt.js';
import { PiiRedactor } from '../../privacy/pii-redactor.js';
import { generateApiKey, parseApiKeys } from '../../security/api-keys.js';
import { progress, withDeps } from '../runtime.js';

const PII_LINE =
  'Reach me at jane.doe@example.com or +44 20 7946 0958; card 4111 1111 1111 1111; refund to DE89 3704 0044 0532 0130 00.';

function timeEach(
  rounds: number,
  items: string[],
  fn: (s: string) => unknown,
): { p50_us: number; p99_us: number } {
  const times: number[] = [];
  for (let r = 0; r < rounds; r++) {
    for (const item of items) {
      const t0 = performance.now();
      fn(item);
      times.push((performance.now() - t0) * 1000);
    }
  }
  times.sort((a, b) => a - b);
  return {
    p50_us: Math.round(percentile(times, 50) * 10) / 10,
    p99_us: Math.round(percentile(times, 99) * 10) / 10,
  };
}

/** `bench safety`: what redaction costs per prompt, and what keys + rate limit cost per request, each beside a baseline from the same run. */
export function registerSafetyBench(program: Command): void {
  const bench = program.commands.find((c) => c.name() === 'bench') ?? program.command('bench');
  bench
    .command('safety')
    .description(
      'cost of PII redaction per prompt and of API keys + rate limit per request, against baselines in the same run',
    )
    .option('-n, --requests <n>', 'HTTP requests per measurement', '500')
    .option('--rounds <n>', 'redaction rounds over the scenario prompts', '200')
    .option('--file <path>', 'tickets to use', 'data/sample_tickets/test_cases.json')
    .action(async (opts: { requests: string; rounds: string; file: string }) => {
      const n = Number(opts.requests);
      const tickets = loadScenarios(opts.file).map((s) => s.ticket);
      // Analyzer prompts as they would leave, half of them with a line of personal data added.
      const prompts = tickets.map(
        (t, i) => analyzerPrompt({ ticket: i % 2 ? { ...t, body: `${t.body}\n${PII_LINE}` } : t }).user,
      );
      const redactor = new PiiRedactor();
      const rounds = Number(opts.rounds);
      const redaction = {
        prompts: prompts.length * rounds,
        mean_prompt_chars: Math.round(prompts.reduce((a, p) => a + p.length, 0) / prompts.length),
        redact: timeEach(rounds, prompts, (p) => redactor.session().redact(p)),
        baseline_build_prompt: timeEach(
          rounds,
          tickets.map((_t, i) => String(i)),
          (i) => analyzerPrompt({ ticket: tickets[Number(i)]! }),
        ),
      };

      await withDeps({}, async (deps, config) => {
        const { record } = await deps.tickets.submit({ ...tickets[0]!, ticket_id: 'BENCH-SAFETY-1' });
        const key = generateApiKey();
        const variant = (keys: boolean, perMinute: number, redisUrl?: string): Config => ({
          ...config,
          auth: { apiKeys: keys ? parseApiKeys(`bench=${key}`) : [], required: false },
          redisUrl,
          limits: { ...config.limits, rateLimitPerMinute: perMinute, maxConcurrentRequests: 10_000 },
        });
        const variants: [string, Config][] = [
          ['open_no_limit', variant(false, 0)],
          // The same app again: its difference from the first is the noise floor of this run.
          ['open_no_limit_again', variant(false, 0)],
          ['key_and_rate_limit_memory', variant(true, 1_000_000_000)],
        ];
        if (config.redisUrl)
          variants.push(['key_and_rate_limit_redis', variant(true, 1_000_000_000, config.redisUrl)]);
        // All variants run side by side and each round sends one request to each, in a shuffled order, so load
        // from elsewhere on the machine (and its drift) falls on every variant alike.
        const servers = [];
        for (const [name, cfg] of variants) {
          const app = await buildApp({ config: cfg, deps });
          const base = await app.listen({ host: '127.0.0.1', port: 0 });
          servers.push({ name, app, base, times: [] as number[] });
        }
        const get = (base: string) =>
          fetch(`${base}/tickets/${record.ticket_id}`, { headers: { authorization: `Bearer ${key}` } }).then(
            async (res) => (await res.arrayBuffer(), res.status === 200),
          );
        for (const s of servers) for (let i = 0; i < 50; i++) await get(s.base);
        let errors = 0;
        const bar = progress('GET /tickets/:id, variants interleaved', n * servers.length);
        for (let round = 0; round < n; round++) {
          // A fresh order each round, so no variant always runs first (or right after another).
          const order = [...servers].sort(() => Math.random() - 0.5);
          for (const s of order) {
            const t0 = performance.now();
            if (!(await get(s.base).catch(() => false))) errors++;
            s.times.push(performance.now() - t0);
            bar.tick();
          }
        }
        bar.done();
        const r2 = (x: number) => Math.round(x * 1000) / 1000;
        const http: Record<string, { p50_ms: number; p99_ms: number }> = {};
        for (const s of servers) {
          s.times.sort((a, b) => a - b);
          http[s.name] = { p50_ms: r2(percentile(s.times, 50)), p99_ms: r2(percentile(s.times, 99)) };
          await s.app.close();
        }
        const baseline = http.open_no_limit!.p50_ms;
        const overhead = Object.fromEntries(
          Object.entries(http)
            .filter(([k]) => k !== 'open_no_limit')
            .map(([k, v]) => [k, r2(v.p50_ms - baseline)]),
        );
        const result = {
          benchmark: 'safety',
          redaction,
          http: { requests_per_variant: n, errors, ...http },
          overhead_p50_ms: overhead,
        };
        process.stdout.write(`${JSON.stringify(result, null, 2)}\n`);
      });
    });
}
