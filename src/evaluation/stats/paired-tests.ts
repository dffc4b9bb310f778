import binomialTest from '@stdlib/stats-binomial-test';
import normalQuantile from '@stdlib/stats-base-dists-normal-quantile';
import tQuantile from '@stdlib/stats-base-dists-t-quantile';
import ttest from '@stdlib/stats-ttest';

/**
 * The statistics behind `eval ab`. Distributions and tests come from stdlib (maintained, checked against R);
 * this file only chooses the test for each kind of metric and handles the degenerate cases stdlib rejects.
 */

export type Interval = [number, number];

const mean = (xs: readonly number[]) => xs.reduce((s, x) => s + x, 0) / Math.max(1, xs.length);
const allEqual = (xs: readonly number[]) => xs.every((x) => x === xs[0]);

/** A proportion with its exact (Clopper-Pearson) confidence interval. */
export function proportionCI(successes: number, n: number, alpha = 0.05): { value: number; ci: Interval } {
  if (n === 0) return { value: Number.NaN, ci: [0, 1] };
  const ci = binomialTest(successes, n, { alpha }).ci;
  return { value: successes / n, ci: [ci[0]!, ci[1]!] };
}

/** A mean with its Student-t confidence interval. */
export function meanCI(values: readonly number[], alpha = 0.05): { value: number; ci: Interval } {
  const m = mean(values);
  if (values.length < 2 || allEqual(values)) return { value: m, ci: [m, m] };
  const ci = ttest([...values], { alpha }).ci;
  return { value: m, ci: [ci[0]!, ci[1]!] };
}

export interface McNemarResult {
  /** Pairs A got right and B got wrong. */
  aOnly: number;
  /** Pairs B got right and A got wrong. */
  bOnly: number;
  pValue: number;
}

/** McNemar's exact test: a two-sided binomial test on the discordant pairs with p = 0.5. */
export function mcnemarExact(a: readonly boolean[], b: readonly boolean[]): McNemarResult {
  if (a.length !== b.length) throw new Error('mcnemarExact: the two samples must be paired (same length)');
  let aOnly = 0;
  let bOnly = 0;
  a.forEach((x, i) => {
    if (x && !b[i]) aOnly++;
    if (!x && b[i]) bOnly++;
  });
  const discordant = aOnly + bOnly;
  const pValue = discordant === 0 ? 1 : binomialTest(aOnly, discordant, { p: 0.5 }).pValue;
  return { aOnly, bOnly, pValue: Math.min(1, pValue) };
}

export interface PairedTResult {
  /** Mean of b - a. */
  meanDiff: number;
  ci: Interval;
  pValue: number;
  /** Standard deviation of the differences. */
  sdDiff: number;
}

/** Paired Student t-test on b - a. Identical differences (zero variance) are decided without the t distribution. */
export function pairedTTest(a: readonly number[], b: readonly number[], alpha = 0.05): PairedTResult {
  if (a.length !== b.length) throw new Error('pairedTTest: the two samples must be paired (same length)');
  const diffs = b.map((y, i) => y - a[i]!);
  const m = mean(diffs);
  if (diffs.length < 2 || allEqual(diffs)) return { meanDiff: m, ci: [m, m], pValue: m === 0 ? 1 : 0, sdDiff: 0 };
  const r = ttest(diffs, { alpha });
  const sd = Math.sqrt(diffs.reduce((s, d) => s + (d - m) ** 2, 0) / (diffs.length - 1));
  return { meanDiff: m, ci: [r.ci[0]!, r.ci[1]!], pValue: r.pValue, sdDiff: sd };
}

/**
 * Pairs needed for McNemar's test to detect discordant proportions p10 (A only) and p01 (B only), two-sided
 * (Connor 1987, Biometrics 43:207). Infinity when there is no difference to detect.
 */
export function mcnemarSampleSize(p10: number, p01: number, alpha = 0.05, power = 0.8): number {
  const disc = p10 + p01;
  const diff = p10 - p01;
  if (diff === 0) return Number.POSITIVE_INFINITY;
  const za = normalQuantile(1 - alpha / 2, 0, 1);
  const zb = normalQuantile(power, 0, 1);
  return Math.ceil(((za * Math.sqrt(disc) + zb * Math.sqrt(disc - diff ** 2)) / diff) ** 2);
}

/**
 * Pairs needed for a two-sided paired t-test to detect a mean difference with the given standard deviation
 * of differences: n = ((t_{1-α/2,n-1} + t_{power,n-1}) · sd / diff)², iterated from the normal approximation.
 */
export function pairedSampleSize(meanDiff: number, sdDiff: number, alpha = 0.05, power = 0.8): number {
  if (meanDiff === 0) return Number.POSITIVE_INFINITY;
  if (sdDiff === 0) return 2;
  const ratio = (sdDiff / Math.abs(meanDiff)) ** 2;
  let n = Math.max(2, Math.ceil((normalQuantile(1 - alpha / 2, 0, 1) + normalQuantile(power, 0, 1)) ** 2 * ratio));
  for (let i = 0; i < 50; i++) {
    const next = Math.max(2, Math.ceil((tQuantile(1 - alpha / 2, n - 1) + tQuantile(power, n - 1)) ** 2 * ratio));
    if (next === n) break;
    n = next;
  }
  return n;
}
