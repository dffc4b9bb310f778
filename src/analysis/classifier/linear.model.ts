import type { SparseVector } from './tfidf.vectorizer.js';

/**
 * A linear classifier over sparse features: class scores are W·x + b. Weights are laid out feature-major
 * (row j holds the K class weights of feature j), so one sample reads and writes contiguous memory.
 * Both trainers (logistic regression and linear SVM) produce one.
 */
export class LinearModel {
  constructor(
    readonly numFeatures: number,
    readonly numClasses: number,
    readonly weights: Float32Array,
    readonly bias: Float32Array,
  ) {
    if (weights.length !== numFeatures * numClasses)
      throw new Error('softmax model: weights do not match its shape');
    if (bias.length !== numClasses) throw new Error('softmax model: bias does not match its classes');
  }

  /** Raw class scores (logits) of one sample. */
  logits(x: SparseVector, out: Float64Array = new Float64Array(this.numClasses)): Float64Array {
    scores(this.weights, this.bias, x, this.numClasses, out);
    return out;
  }

  /** Features whose weights all stay within ±threshold carry no evidence; their indices, ascending, are dropped. */
  usefulFeatures(threshold: number): number[] {
    const keep: number[] = [];
    const K = this.numClasses;
    for (let j = 0; j < this.numFeatures; j++) {
      for (let k = 0; k < K; k++) {
        if (Math.abs(this.weights[j * K + k]!) > threshold) {
          keep.push(j);
          break;
        }
      }
    }
    return keep;
  }

  restrictTo(keep: number[]): LinearModel {
    const K = this.numClasses;
    const W = new Float32Array(keep.length * K);
    keep.forEach((j, i) => W.set(this.weights.subarray(j * K, j * K + K), i * K));
    return new LinearModel(keep.length, K, W, this.bias);
  }
}

export function scores(
  W: Float32Array,
  b: Float32Array | Float64Array,
  x: SparseVector,
  K: number,
  out: Float64Array,
): void {
  for (let k = 0; k < K; k++) out[k] = b[k]!;
  const { indices, values } = x;
  for (let t = 0; t < indices.length; t++) {
    const base = indices[t]! * K;
    const v = values[t]!;
    for (let k = 0; k < K; k++) out[k] = out[k]! + v * W[base + k]!;
  }
}

/** Softmax of logits divided by a temperature, in place, numerically stable. */
export function softmaxInPlace(z: Float64Array, temperature: number): Float64Array {
  let max = -Infinity;
  for (let k = 0; k < z.length; k++) if (z[k]! > max) max = z[k]!;
  let sum = 0;
  for (let k = 0; k < z.length; k++) {
    const e = Math.exp((z[k]! - max) / temperature);
    z[k] = e;
    sum += e;
  }
  for (let k = 0; k < z.length; k++) z[k] = z[k]! / sum;
  return z;
}
