import type { PipelineOutput, TicketResult } from '../schemas/result.schema.js';
import { LABELS, type Label } from './dataset.js';
import { percentile } from './scenarios.js';
import { type Interval, meanCI, proportionCI } from './stats/paired-tests.js';

/** One ticket's outcome in an evaluation run. */
export interface RunRow {
  id: string;
  correct: Partial<Record<Label, boolean>>;
  output: PipelineOutput;
}

export interface RunSummary {
  tickets: number;
  accuracy: Partial<Record<Label, { value: number; ci: Interval; n: number }>>;
  quality: { mean: number; ci: Interval; min: number; failed_checks: Record<string, number> };
  latency_ms: { p50: number; p95: number; max: number; mean: number };
  tokens: { input: number; output: number; per_ticket: number };
  cost_usd: { total: number; per_ticket: number };
  degraded: number;
}

/** The pipeline output of a completed stored ticket (undefined while it is unfinished or failed). */
export function completedOutput(r: TicketResult): PipelineOutput | undefined {
  const { analysis, knowledge, system_status, response, metrics, trace, provider, degraded } = r;
  if (!analysis || !knowledge || !system_status || !response || !metrics || !trace || provider === undefined || degraded === undefined) return undefined;
  return { analysis, knowledge, system_status, response, metrics, trace, provider, degraded, variant: r.variant, quality: r.quality };
}

const r4 = (x: number) => Math.round(x * 10_000) / 10_000;

/** Accuracy per label with exact confidence intervals, quality, latency, tokens and cost. */
export function summarizeRun(rows: readonly RunRow[]): RunSummary {
  const accuracy: RunSummary['accuracy'] = {};
  for (const label of LABELS) {
    const scored = rows.map((r) => r.correct[label]).filter((c): c is boolean => c !== undefined);
    if (scored.length === 0) continue;
    const p = proportionCI(scored.filter(Boolean).length, scored.length);
    accuracy[label] = { value: r4(p.value), ci: [r4(p.ci[0]), r4(p.ci[1])], n: scored.length };
  }
  const scores = rows.map((r) => r.output.quality?.score ?? 0);
  const q = meanCI(scores);
  const failed: Record<string, number> = {};
  for (const r of rows) for (const f of r.output.quality?.failed ?? []) failed[f] = (failed[f] ?? 0) + 1;
  const latencies = rows.map((r) => r.output.metrics.latency_ms.total).sort((a, b) => a - b);
  const inTokens = rows.reduce((s, r) => s + r.output.metrics.tokens.input, 0);
  const outTokens = rows.reduce((s, r) => s + r.output.metrics.tokens.output, 0);
  const cost = rows.reduce((s, r) => s + r.output.metrics.cost_usd, 0);
  const n = Math.max(1, rows.length);
  return {
    tickets: rows.length,
    accuracy,
    quality: { mean: r4(q.value), ci: [r4(Math.max(0, q.ci[0])), r4(Math.min(1, q.ci[1]))], min: Math.min(...scores), failed_checks: failed },
    latency_ms: {
      p50: percentile(latencies, 50),
      p95: percentile(latencies, 95),
      max: latencies.at(-1) ?? 0,
      mean: Math.round((latencies.reduce((s, x) => s + x, 0) / n) * 100) / 100,
    },
    tokens: { input: inTokens, output: outTokens, per_ticket: Math.round((inTokens + outTokens) / n) },
    cost_usd: { total: Math.round(cost * 1e6) / 1e6, per_ticket: Math.round((cost / n) * 1e6) / 1e6 },
    degraded: rows.filter((r) => r.output.degraded).length,
  };
}

/** The summary in a few readable lines. */
export function formatSummary(s: RunSummary): string {
  const pct = (x: number) => `${(x * 100).toFixed(1)}%`;
  const acc = Object.entries(s.accuracy)
    .map(([k, v]) => `${k} ${pct(v.value)} [${pct(v.ci[0])}, ${pct(v.ci[1])}] (n=${v.n})`)
    .join(', ');
  const failed = Object.entries(s.quality.failed_checks).map(([k, v]) => `${k} ${v}`).join(', ') || 'none';
  return [
    `accuracy: ${acc}`,
    `quality: mean ${s.quality.mean.toFixed(3)} [${s.quality.ci[0].toFixed(3)}, ${s.quality.ci[1].toFixed(3)}], min ${s.quality.min.toFixed(3)}; failed checks: ${failed}`,
    `latency: p50 ${s.latency_ms.p50} ms, p95 ${s.latency_ms.p95} ms, max ${s.latency_ms.max} ms`,
    `cost: $${s.cost_usd.total.toFixed(4)} total, $${s.cost_usd.per_ticket.toFixed(6)} per ticket; tokens ${s.tokens.input} in, ${s.tokens.output} out`,
  ].join('\n');
}
