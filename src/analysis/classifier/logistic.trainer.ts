import { seededRandom, shuffleInPlace } from '../../shared/seeded-random.js';
import { LinearModel, scores, softmaxInPlace } from './linear.model.js';
import type { SparseVector } from './tfidf.vectorizer.js';

export interface LogisticTrainOptions {
  epochs: number;
  /** AdaGrad base step. */
  learningRate: number;
  /** L2 penalty, applied to the rows a sample touches (lazy regularisation keeps each step sparse). */
  l2: number;
  seed: number;
  /** Called after each epoch, e.g. for progress. */
  onEpoch?: (epoch: number) => void;
}

export const DEFAULT_LOGISTIC_OPTIONS: Omit<LogisticTrainOptions, 'seed'> = {
  epochs: 10,
  learningRate: 0.05,
  l2: 1e-5,
};

/**
 * Multinomial logistic regression trained by AdaGrad SGD in a seeded order, so the same data and seed give
 * the same weights.
 */
export function trainLogistic(
  rows: SparseVector[],
  labels: Int32Array,
  numFeatures: number,
  numClasses: number,
  opts: LogisticTrainOptions,
): LinearModel {
  const K = numClasses;
  const W = new Float32Array(numFeatures * K);
  const G = new Float32Array(numFeatures * K);
  const b = new Float64Array(K);
  const Gb = new Float64Array(K);
  const z = new Float64Array(K);
  const order = Int32Array.from(rows.keys());
  const random = seededRandom(opts.seed);
  const eps = 1e-8;
  const lr = opts.learningRate;
  for (let epoch = 0; epoch < opts.epochs; epoch++) {
    shuffleInPlace(order, random);
    for (let n = 0; n < order.length; n++) {
      const r = order[n]!;
      const x = rows[r]!;
      const y = labels[r]!;
      scores(W, b, x, K, z);
      softmaxInPlace(z, 1);
      z[y] = z[y]! - 1; // z now holds the gradient of the loss with respect to the logits
      for (let k = 0; k < K; k++) {
        const g = z[k]!;
        Gb[k] = Gb[k]! + g * g;
        b[k] = b[k]! - (lr * g) / Math.sqrt(Gb[k]! + eps);
      }
      const { indices, values } = x;
      for (let t = 0; t < indices.length; t++) {
        const base = indices[t]! * K;
        const v = values[t]!;
        for (let k = 0; k < K; k++) {
          const p = base + k;
          const g = z[k]! * v + opts.l2 * W[p]!;
          const acc = G[p]! + g * g;
          G[p] = acc;
          W[p] = W[p]! - (lr * g) / Math.sqrt(acc + eps);
        }
      }
    }
    opts.onEpoch?.(epoch + 1);
  }
  return new LinearModel(numFeatures, K, W, Float32Array.from(b));
}
