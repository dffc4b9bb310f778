import { LinearModel } from './linear.model.js';

/**
 * Weights are stored as int8 with one float32 scale per feature row (max |w| / 127): a quarter of float32's
 * size, and on BANKING77 the predictions match the unquantised model (see the round-trip test).
 */
export interface EncodedWeights {
  rows: number;
  classes: number;
  int8: string;
  scales: string;
}

export function encodeWeights(model: LinearModel): EncodedWeights {
  const K = model.numClasses;
  const q = new Int8Array(model.weights.length);
  const scales = new Float32Array(model.numFeatures);
  for (let j = 0; j < model.numFeatures; j++) {
    let max = 0;
    for (let k = 0; k < K; k++) max = Math.max(max, Math.abs(model.weights[j * K + k]!));
    const s = max / 127;
    scales[j] = s;
    if (s > 0) for (let k = 0; k < K; k++) q[j * K + k] = Math.round(model.weights[j * K + k]! / s);
  }
  return {
    rows: model.numFeatures,
    classes: K,
    int8: Buffer.from(q.buffer, q.byteOffset, q.byteLength).toString('base64'),
    scales: Buffer.from(scales.buffer, scales.byteOffset, scales.byteLength).toString('base64'),
  };
}

export function decodeWeights(e: EncodedWeights, bias: number[]): LinearModel {
  const qBuf = Buffer.from(e.int8, 'base64');
  const sBuf = Buffer.from(e.scales, 'base64');
  if (qBuf.length !== e.rows * e.classes || sBuf.length !== e.rows * 4)
    throw new Error('model file: weight arrays do not match their shape');
  const q = new Int8Array(qBuf.buffer, qBuf.byteOffset, qBuf.length);
  const scales = new Float32Array(e.rows);
  for (let j = 0; j < e.rows; j++) scales[j] = sBuf.readFloatLE(j * 4);
  const W = new Float32Array(e.rows * e.classes);
  for (let j = 0; j < e.rows; j++) {
    const s = scales[j]!;
    for (let k = 0; k < e.classes; k++) W[j * e.classes + k] = q[j * e.classes + k]! * s;
  }
  return new LinearModel(e.rows, e.classes, W, Float32Array.from(bias));
}
