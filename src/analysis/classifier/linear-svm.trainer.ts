import { LinearModel } from './linear.model.js';
import { seededRandom, shuffleInPlace } from '../../shared/seeded-random.js';
import type { SparseVector } from './tfidf.vectorizer.js';

export interface SvmTrainOptions {
  /** Inverse regularisation strength, as in liblinear. */
  c: number;
  epochs: number;
  seed: number;
  /** Called after each class is trained, e.g. for progress. */
  onClass?: (done: number, total: number) => void;
}

export const DEFAULT_SVM_OPTIONS: Omit<SvmTrainOptions, 'seed'> = { c: 0.5, epochs: 10 };

/**
 * One-vs-rest linear SVM with the squared hinge loss, solved by dual coordinate descent (Hsieh et al. 2008,
 * the liblinear solver): each pass visits the samples in a seeded order and updates one dual variable
 * at a time, so training costs a few passes over the non-zeros per class. The bias is an extra feature of 1.
 */
export function trainLinearSvm(
  rows: SparseVector[],
  labels: Int32Array,
  numFeatures: number,
  numClasses: number,
  opts: SvmTrainOptions,
): LinearModel {
  const K = numClasses;
  const n = rows.length;
  const W = new Float32Array(numFeatures * K);
  const bias = new Float32Array(K);
  const diag = 1 / (2 * opts.c);
  const qd = new Float64Array(n);
  rows.forEach((x, i) => {
    let s = 1 + diag;
    for (const v of x.values) s += v * v;
    qd[i] = s;
  });
  const random = seededRandom(opts.seed);
  const order = Int32Array.from(rows.keys());
  const w = new Float64Array(numFeatures);
  const alpha = new Float64Array(n);
  for (let c = 0; c < K; c++) {
    w.fill(0);
    alpha.fill(0);
    let b = 0;
    for (let epoch = 0; epoch < opts.epochs; epoch++) {
      shuffleInPlace(order, random);
      for (let t = 0; t < n; t++) {
        const i = order[t]!;
        const { indices, values } = rows[i]!;
        const y = labels[i] === c ? 1 : -1;
        let s = b;
        for (let q = 0; q < indices.length; q++) s += w[indices[q]!]! * values[q]!;
        const a = alpha[i]!;
        const grad = y * s - 1 + diag * a;
        const projected = a === 0 ? Math.min(grad, 0) : grad;
        if (projected === 0) continue;
        const next = Math.max(a - grad / qd[i]!, 0);
        const d = (next - a) * y;
        alpha[i] = next;
        for (let q = 0; q < indices.length; q++) w[indices[q]!] = w[indices[q]!]! + d * values[q]!;
        b += d;
      }
    }
    for (let j = 0; j < numFeatures; j++) W[j * K + c] = w[j]!;
    bias[c] = b;
    opts.onClass?.(c + 1, K);
  }
  return new LinearModel(numFeatures, K, W, bias);
}
