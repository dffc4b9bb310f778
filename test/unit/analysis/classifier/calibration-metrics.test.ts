import { describe, expect, it } from 'vitest';
import {
  eceAt,
  expectedCalibrationError,
  fitTemperature,
  negativeLogLikelihood,
} from '../../../../src/analysis/classifier/calibration.js';
import { classificationReport } from '../../../../src/analysis/classifier/classification-metrics.js';
import { seededRandom } from '../../../../src/shared/seeded-random.js';
import { sampleKShot, stratifiedSplit } from '../../../../src/analysis/classifier/split.js';

describe('temperature scaling', () => {
  // Logits drawn so that softmax(z / 2) is the true label distribution: the fitted temperature should be near 2.
  const random = seededRandom(3);
  const logits: Float64Array[] = [];
  const labels: number[] = [];
  for (let n = 0; n < 4000; n++) {
    const z = Float64Array.from({ length: 4 }, () => random() * 8);
    const p = z.map((v) => Math.exp(v / 2));
    const total = p.reduce((a, b) => a + b, 0);
    let u = random() * total;
    let y = 0;
    while (u > p[y]! && y < 3) u -= p[y++]!;
    logits.push(z);
    labels.push(y);
  }

  it('recovers the temperature that generated the labels and lowers NLL and ECE', () => {
    const t = fitTemperature(logits, labels);
    expect(t).toBeGreaterThan(1.7);
    expect(t).toBeLessThan(2.3);
    expect(negativeLogLikelihood(logits, labels, t)).toBeLessThan(negativeLogLikelihood(logits, labels, 1));
    expect(eceAt(logits, labels, t)).toBeLessThan(eceAt(logits, labels, 1));
  });

  it('ECE is zero when confidence matches accuracy and the gap otherwise', () => {
    expect(expectedCalibrationError([0.75, 0.75, 0.75, 0.75], [true, true, true, false])).toBeCloseTo(0);
    expect(expectedCalibrationError([0.9, 0.9], [false, false])).toBeCloseTo(0.9);
  });
});

describe('classificationReport', () => {
  it('computes accuracy, macro-F1, per-class figures and confused pairs', () => {
    const r = classificationReport(['a', 'a', 'b', 'b', 'c'], ['a', 'b', 'b', 'b', 'a']);
    expect(r.accuracy).toBe(0.6);
    const a = r.per_class.find((c) => c.label === 'a')!;
    expect(a).toMatchObject({ precision: 0.5, recall: 0.5, f1: 0.5, support: 2 });
    const b = r.per_class.find((c) => c.label === 'b')!;
    expect(b).toMatchObject({ precision: 0.6667, recall: 1, support: 2 });
    expect(r.macro_f1).toBeCloseTo((0.5 + 0.8 + 0) / 3, 3);
    expect(r.confused_pairs).toEqual([
      { true_label: 'a', predicted: 'b', count: 1 },
      { true_label: 'c', predicted: 'a', count: 1 },
    ]);
  });
});

describe('splits', () => {
  const labels = [...Array(50).fill('x'), ...Array(30).fill('y'), ...Array(20).fill('z')] as string[];

  it('stratifies, never overlaps, and repeats for a seed', () => {
    const s = stratifiedSplit(labels, 0.2, 42);
    expect(s.test.length).toBe(20);
    expect(s.test.filter((i) => labels[i] === 'y')).toHaveLength(6);
    expect(new Set([...s.train, ...s.test]).size).toBe(100);
    expect(stratifiedSplit(labels, 0.2, 42)).toEqual(s);
    expect(stratifiedSplit(labels, 0.2, 43)).not.toEqual(s);
  });

  it('k-shot keeps at most k per label', () => {
    const k = sampleKShot(labels, 10, 1);
    expect(k).toHaveLength(30);
    expect(k.filter((i) => labels[i] === 'z')).toHaveLength(10);
  });
});
