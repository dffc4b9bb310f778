import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Command } from 'commander';
import { completedOutput, summarizeRun } from '../../evaluation/run-summary.js';
import { accuracy, FIELDS, loadScenarios, percentile, scoreScenario } from '../../evaluation/scenarios.js';
import { progress, withDeps } from '../runtime.js';

export function registerScenariosCommand(program: Command): void {
  program
    .command('scenarios')
    .description('run the 15 test cases, print expected against actual, write data/api_responses/')
    .option('--file <path>', 'scenarios file', 'data/sample_tickets/test_cases.json')
    .option('--out <dir>', 'where to write results', 'data/api_responses')
    .option('--json', 'print the summary as JSON instead of a table')
    .action(async (opts: { file: string; out: string; json?: boolean }) => {
      const scenarios = loadScenarios(opts.file);
      await withDeps({}, async (deps) => {
        const bar = progress('scenarios', scenarios.length);
        const outcomes = [];
        for (const s of scenarios) {
          const { record } = await deps.tickets.submit(s.ticket);
          outcomes.push(scoreScenario(s, record));
          bar.tick(s.id);
        }
        bar.done();
        mkdirSync(opts.out, { recursive: true });
        for (const o of outcomes) writeFileSync(join(opts.out, `${o.id}.json`), `${JSON.stringify(o.result, null, 2)}\n`);
        const latencies = outcomes.map((o) => o.latency_ms).sort((a, b) => a - b);
        // Quality, tokens and cost come from the shared run summary (eval run prints the same figures).
        const run = summarizeRun(
          outcomes.flatMap((o) => {
            const output = completedOutput(o.result);
            return output ? [{ id: o.id, correct: {}, output }] : [];
          }),
        );
        const summary = {
          scenarios: outcomes.length,
          accuracy: accuracy(outcomes),
          quality: run.quality,
          latency_ms: { p50: percentile(latencies, 50), p95: percentile(latencies, 95), max: latencies.at(-1) ?? 0 },
          tokens: run.tokens,
          cost_usd: { total: outcomes.reduce((s, o) => s + o.cost_usd, 0), per_ticket: run.cost_usd.per_ticket },
          provider: deps.provider.name,
        };
        const report = {
          summary,
          cases: outcomes.map(({ id, name, expected, actual, correct, latency_ms, cost_usd, result }) => ({
            id,
            name,
            expected,
            actual,
            correct,
            quality: result.quality?.score ?? null,
            failed_checks: result.quality?.failed ?? [],
            latency_ms,
            cost_usd,
          })),
        };
        writeFileSync(join(opts.out, 'test_results.json'), `${JSON.stringify(report, null, 2)}\n`);
        if (opts.json) {
          process.stdout.write(`${JSON.stringify(summary, null, 2)}\n`);
          return;
        }
        const rows = outcomes.map((o) => ({
          id: o.id,
          ...Object.fromEntries(FIELDS.map((f) => [f, `${o.correct[f] ? '✓' : '✗'} ${o.actual[f]}${o.correct[f] ? '' : ` (want ${o.expected[f]})`}`])),
          quality: `${(o.result.quality?.score ?? 0).toFixed(3)}${o.result.quality?.failed.length ? ` ✗ ${o.result.quality.failed.join(',')}` : ''}`,
          ms: o.latency_ms,
        }));
        console.table(rows);
        const pct = (x: number) => `${(x * 100).toFixed(1)}%`;
        process.stdout.write(
          `accuracy: ${FIELDS.map((f) => `${f} ${pct(summary.accuracy[f])}`).join(', ')}\n` +
            `quality: mean ${summary.quality.mean.toFixed(3)} [${summary.quality.ci[0].toFixed(3)}, ${summary.quality.ci[1].toFixed(3)}], min ${summary.quality.min.toFixed(3)}; ` +
            `failed checks: ${Object.entries(summary.quality.failed_checks).map(([k, v]) => `${k} ${v}`).join(', ') || 'none'}\n` +
            `latency: p50 ${summary.latency_ms.p50} ms, p95 ${summary.latency_ms.p95} ms; cost $${summary.cost_usd.total.toFixed(4)} ` +
            `($${summary.cost_usd.per_ticket.toFixed(6)} per ticket, ${summary.tokens.input + summary.tokens.output} tokens)\n` +
            `results written to ${join(opts.out, 'test_results.json')}\n`,
        );
      });
    });
}
