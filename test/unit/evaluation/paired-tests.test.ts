import binomialTest from '@stdlib/stats-binomial-test';
import { describe, expect, it } from 'vitest';
import {
  mcnemarExact,
  mcnemarSampleSize,
  meanCI,
  pairedSampleSize,
  pairedTTest,
  proportionCI,
} from '../../../src/evaluation/stats/paired-tests.js';

const pairs = (counts: { both: number; aOnly: number; bOnly: number; neither: number }) => {
  const a: boolean[] = [];
  const b: boolean[] = [];
  const add = (n: number, x: boolean, y: boolean) => {
    for (let i = 0; i < n; i++) {
      a.push(x);
      b.push(y);
    }
  };
  add(counts.both, true, true);
  add(counts.aOnly, true, false);
  add(counts.bOnly, false, true);
  add(counts.neither, false, false);
  return { a, b };
};

describe('statistics against textbook values', () => {
  it('exact binomial test and Clopper-Pearson interval: Mendel\'s peas', () => {
    // R documentation of binom.test: binom.test(682, 925, p = 0.75) gives p-value = 0.3825 and the 95% CI
    // 0.7076683 0.7654066.
    const r = binomialTest(682, 925, { p: 0.75 });
    expect(r.pValue).toBeCloseTo(0.3825, 4);
    expect(proportionCI(682, 925).ci[0]).toBeCloseTo(0.7076683, 6);
    expect(proportionCI(682, 925).ci[1]).toBeCloseTo(0.7654066, 6);
  });

  it("McNemar's exact test: two culture media for M. tuberculosis", () => {
    // Armitage & Berry, Statistical Methods in Medical Research (3rd ed., 1994), p. 127, as worked in the
    // StatsDirect manual ("exact matched pairs"): 20 both grow, 12 only on A, 2 only on B, 16 neither;
    // exact two-sided P = 0.0129.
    const { a, b } = pairs({ both: 20, aOnly: 12, bOnly: 2, neither: 16 });
    const r = mcnemarExact(a, b);
    expect(r).toMatchObject({ aOnly: 12, bOnly: 2 });
    expect(r.pValue).toBeCloseTo(0.0129, 4);
  });

  it("McNemar's exact test: airway hyper-responsiveness before and after stem cell transplantation", () => {
    // Fagerland, Lydersen & Laake, BMC Med Res Methodol 13:91 (2013), Table 1 (Bentur et al. 2009):
    // discordant pairs 1 and 7, exact conditional p = 0.070 (= 2 · 9/256).
    const { a, b } = pairs({ both: 1, aOnly: 1, bOnly: 7, neither: 12 });
    expect(mcnemarExact(a, b).pValue).toBeCloseTo(18 / 256, 10);
  });

  it("paired t-test: Student's sleep data", () => {
    // R: t.test(extra ~ group, data = sleep, paired = TRUE): t = -4.0621, df = 9, p-value = 0.002833,
    // 95% CI -2.4598858 -0.7001142, mean difference -1.58 (group 1 minus group 2).
    const g1 = [0.7, -1.6, -0.2, -1.2, -0.1, 3.4, 3.7, 0.8, 0.0, 2.0];
    const g2 = [1.9, 0.8, 1.1, 0.1, -0.1, 4.4, 5.5, 1.6, 4.6, 3.4];
    const r = pairedTTest(g2, g1); // b − a = g1 − g2
    expect(r.meanDiff).toBeCloseTo(-1.58, 10);
    expect(r.pValue).toBeCloseTo(0.002833, 6);
    expect(r.ci[0]).toBeCloseTo(-2.4598858, 6);
    expect(r.ci[1]).toBeCloseTo(-0.7001142, 6);
  });

  it('sample size for paired proportions (Connor 1987)', () => {
    // Connor, Biometrics 43:207-211 (1987), p. 209, as computed in Chow, Shao & Wang, Sample Size
    // Calculations in Clinical Research: p10 = 0.05, p01 = 0.45, two-sided alpha 0.05, power 0.80 → 23 pairs.
    expect(mcnemarSampleSize(0.05, 0.45, 0.05, 0.8)).toBe(23);
    expect(mcnemarSampleSize(0.1, 0.1)).toBe(Number.POSITIVE_INFINITY);
  });

  it('sample size for a paired t-test', () => {
    // G*Power 3.1 (Faul et al. 2007), "Means: difference from constant (matched pairs)", two-tailed alpha 0.05,
    // power 0.80: effect size d = 0.5 → 34 pairs; d = 0.2 → 199 pairs.
    expect(pairedSampleSize(0.5, 1)).toBe(34);
    expect(pairedSampleSize(0.2, 1)).toBe(199);
    expect(pairedSampleSize(0, 1)).toBe(Number.POSITIVE_INFINITY);
  });
});

describe('degenerate samples', () => {
  it('identical paired samples: p = 1 and a zero-width interval, not NaN', () => {
    expect(pairedTTest([1, 2, 3], [1, 2, 3])).toEqual({ meanDiff: 0, ci: [0, 0], pValue: 1, sdDiff: 0 });
    expect(mcnemarExact([true, false], [true, false]).pValue).toBe(1);
    expect(meanCI([0.5, 0.5, 0.5])).toEqual({ value: 0.5, ci: [0.5, 0.5] });
  });

  it('a constant non-zero difference is certain', () => {
    expect(pairedTTest([1, 2, 3], [2, 3, 4]).pValue).toBe(0);
  });
});
