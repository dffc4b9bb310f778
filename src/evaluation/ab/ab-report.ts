import type { Label } from '../dataset.js';
import type { RunRow } from '../run-summary.js';
import {
  type Interval,
  mcnemarExact,
  mcnemarSampleSize,
  meanCI,
  pairedSampleSize,
  pairedTTest,
  proportionCI,
} from '../stats/paired-tests.js';
import type { PairedRun } from './ab-runner.js';

export interface MetricComparison {
  metric: string;
  /** proportion: correct or not per ticket; mean: a number per ticket. */
  kind: 'proportion' | 'mean';
  test: 'mcnemar-exact' | 'paired-t';
  /** Paired tickets the metric was measured on. */
  n: number;
  a: { value: number; ci: Interval };
  b: { value: number; ci: Interval };
  /** b − a, with a paired confidence interval. */
  difference: { value: number; ci: Interval };
  p_value: number;
  significant: boolean;
  /** Pairs needed to detect the observed difference at the chosen alpha and power; null when there is none. */
  sample_size_needed: number | null;
  discordant?: { a_only: number; b_only: number };
  /** Higher is better for accuracy and quality, lower for latency and cost. */
  better: 'higher' | 'lower';
}

export interface AbReport {
  a: string;
  b: string;
  tickets: number;
  alpha: number;
  power: number;
  metrics: MetricComparison[];
  /** Metrics whose difference is significant, with the winner. */
  verdict: { metric: string; winner: string }[];
}

const round = (x: number, d = 4) => (Number.isFinite(x) ? Math.round(x * 10 ** d) / 10 ** d : x);
const roundCI = (ci: Interval, d = 4): Interval => [round(ci[0], d), round(ci[1], d)];
const finite = (n: number) => (Number.isFinite(n) ? n : null);

function compareProportion(metric: string, label: Label, run: PairedRun, alpha: number, power: number): MetricComparison | undefined {
  const pairs = run.a
    .map((ra, i) => [ra.correct[label], run.b[i]?.correct[label]] as const)
    .filter((p): p is readonly [boolean, boolean] => p[0] !== undefined && p[1] !== undefined);
  if (pairs.length === 0) return undefined;
  const a = pairs.map((p) => p[0]);
  const b = pairs.map((p) => p[1]);
  const n = pairs.length;
  const test = mcnemarExact(a, b);
  const diff = pairedTTest(a.map(Number), b.map(Number), alpha);
  const pa = proportionCI(a.filter(Boolean).length, n, alpha);
  const pb = proportionCI(b.filter(Boolean).length, n, alpha);
  return {
    metric,
    kind: 'proportion',
    test: 'mcnemar-exact',
    n,
    a: { value: round(pa.value), ci: roundCI(pa.ci) },
    b: { value: round(pb.value), ci: roundCI(pb.ci) },
    difference: { value: round(diff.meanDiff), ci: roundCI(diff.ci) },
    p_value: round(test.pValue, 6),
    significant: test.pValue < alpha,
    sample_size_needed: finite(mcnemarSampleSize(test.aOnly / n, test.bOnly / n, alpha, power)),
    discordant: { a_only: test.aOnly, b_only: test.bOnly },
    better: 'higher',
  };
}

interface MeanOptions {
  digits: number;
  /** The metric's own range: a t interval on a bounded score is clipped to it. */
  bounds?: Interval;
}

function compareMean(metric: string, pick: (r: RunRow) => number, better: 'higher' | 'lower', run: PairedRun, alpha: number, power: number, o: MeanOptions): MetricComparison {
  const { digits, bounds } = o;
  const clip = (ci: Interval): Interval => (bounds ? [Math.max(bounds[0], ci[0]), Math.min(bounds[1], ci[1])] : ci);
  const a = run.a.map(pick);
  const b = run.b.map(pick);
  const t = pairedTTest(a, b, alpha);
  const ma = meanCI(a, alpha);
  const mb = meanCI(b, alpha);
  ma.ci = clip(ma.ci);
  mb.ci = clip(mb.ci);
  return {
    metric,
    kind: 'mean',
    test: 'paired-t',
    n: a.length,
    a: { value: round(ma.value, digits), ci: roundCI(ma.ci, digits) },
    b: { value: round(mb.value, digits), ci: roundCI(mb.ci, digits) },
    difference: { value: round(t.meanDiff, digits), ci: roundCI(t.ci, digits) },
    p_value: round(t.pValue, 6),
    significant: t.pValue < alpha,
    sample_size_needed: finite(pairedSampleSize(t.meanDiff, t.sdDiff, alpha, power)),
    better,
  };
}

/**
 * Per metric: each variant's value with a confidence interval, the paired difference, a p-value from the test
 * that fits (McNemar's exact test for correctness, a paired t-test for numbers) and the sample size needed.
 */
export function compareVariants(names: { a: string; b: string }, run: PairedRun, opts: { alpha?: number; power?: number } = {}): AbReport {
  const alpha = opts.alpha ?? 0.05;
  const power = opts.power ?? 0.8;
  const metrics = [
    compareProportion('category_accuracy', 'category', run, alpha, power),
    compareProportion('escalation_accuracy', 'escalation', run, alpha, power),
    compareProportion('article_accuracy', 'article', run, alpha, power),
    compareMean('quality_score', (r) => r.output.quality?.score ?? 0, 'higher', run, alpha, power, { digits: 4, bounds: [0, 1] }),
    compareMean('latency_ms', (r) => r.output.metrics.latency_ms.total, 'lower', run, alpha, power, { digits: 2, bounds: [0, Infinity] }),
    compareMean('cost_usd', (r) => r.output.metrics.cost_usd, 'lower', run, alpha, power, { digits: 6, bounds: [0, Infinity] }),
  ].filter((m): m is MetricComparison => m !== undefined);
  const verdict = metrics
    .filter((m) => m.significant)
    .map((m) => {
      const bHigher = m.difference.value > 0;
      return { metric: m.metric, winner: (m.better === 'higher') === bHigher ? names.b : names.a };
    });
  return { a: names.a, b: names.b, tickets: run.a.length, alpha, power, metrics, verdict };
}

/** The report as a table-like block of text. */
export function formatAbReport(r: AbReport): string {
  const ci = (c: Interval) => `[${c[0]}, ${c[1]}]`;
  const lines = [`A/B: ${r.a} (A) vs ${r.b} (B) on ${r.tickets} tickets, alpha ${r.alpha}, power ${r.power}`];
  for (const m of r.metrics) {
    lines.push(
      `${m.metric.padEnd(20)} A ${m.a.value} ${ci(m.a.ci)}  B ${m.b.value} ${ci(m.b.ci)}  B−A ${m.difference.value} ${ci(m.difference.ci)}  ` +
        `p=${m.p_value} (${m.test})${m.significant ? ' SIGNIFICANT' : ''}  n needed: ${m.sample_size_needed ?? 'no difference'}`,
    );
  }
  lines.push(r.verdict.length ? `significant: ${r.verdict.map((v) => `${v.metric} → ${v.winner}`).join(', ')}` : 'no significant difference');
  return lines.join('\n');
}
