import { softmaxInPlace } from './linear.model.js';

/** Mean negative log-likelihood of the true labels under softmax(logits / T). */
export function negativeLogLikelihood(
  logits: Float64Array[],
  labels: ArrayLike<number>,
  temperature: number,
): number {
  let total = 0;
  const p = new Float64Array(logits[0]?.length ?? 0);
  logits.forEach((z, n) => {
    p.set(z);
    softmaxInPlace(p, temperature);
    total -= Math.log(Math.max(p[labels[n]!]!, 1e-12));
  });
  return logits.length ? total / logits.length : 0;
}

/**
 * Temperature scaling (Guo et al. 2017): the one scalar T that minimises held-out NLL of softmax(z / T).
 * It rescales confidence without changing any prediction. Golden-section search over log T.
 */
export function fitTemperature(
  logits: Float64Array[],
  labels: ArrayLike<number>,
  range: [number, number] = [0.005, 50],
): number {
  if (logits.length === 0) return 1;
  let lo = Math.log(range[0]);
  let hi = Math.log(range[1]);
  const f = (logT: number) => negativeLogLikelihood(logits, labels, Math.exp(logT));
  const g = (Math.sqrt(5) - 1) / 2;
  let a = hi - g * (hi - lo);
  let b = lo + g * (hi - lo);
  let fa = f(a);
  let fb = f(b);
  for (let i = 0; i < 60 && hi - lo > 1e-4; i++) {
    if (fa < fb) {
      hi = b;
      b = a;
      fb = fa;
      a = hi - g * (hi - lo);
      fa = f(a);
    } else {
      lo = a;
      a = b;
      fa = fb;
      b = lo + g * (hi - lo);
      fb = f(b);
    }
  }
  return Math.round(Math.exp((lo + hi) / 2) * 1e4) / 1e4;
}

/**
 * Expected calibration error: predictions binned by top probability into equal-width bins, the gap between
 * each bin's mean confidence and its accuracy, weighted by the bin's share of predictions.
 */
export function expectedCalibrationError(confidences: number[], correct: boolean[], bins = 15): number {
  const count = new Float64Array(bins);
  const conf = new Float64Array(bins);
  const acc = new Float64Array(bins);
  confidences.forEach((c, i) => {
    const b = Math.min(bins - 1, Math.floor(c * bins));
    count[b] = count[b]! + 1;
    conf[b] = conf[b]! + c;
    acc[b] = acc[b]! + (correct[i] ? 1 : 0);
  });
  let ece = 0;
  for (let b = 0; b < bins; b++) if (count[b]! > 0) ece += Math.abs(conf[b]! - acc[b]!) / confidences.length;
  return ece;
}

/** ECE of softmax(z / T) top probabilities against the true labels. */
export function eceAt(logits: Float64Array[], labels: ArrayLike<number>, temperature: number): number {
  const confidences: number[] = [];
  const correct: boolean[] = [];
  logits.forEach((z, n) => {
    const p = softmaxInPlace(Float64Array.from(z), temperature);
    let best = 0;
    for (let k = 1; k < p.length; k++) if (p[k]! > p[best]!) best = k;
    confidences.push(p[best]!);
    correct.push(best === labels[n]);
  });
  return expectedCalibrationError(confidences, correct);
}

/** ECE of probability vectors (top probability as the confidence) against the true labels. */
export function eceOfProbabilities(probabilities: Float64Array[], labels: ArrayLike<number>): number {
  const confidences: number[] = [];
  const correct: boolean[] = [];
  probabilities.forEach((p, n) => {
    let best = 0;
    for (let k = 1; k < p.length; k++) if (p[k]! > p[best]!) best = k;
    confidences.push(p[best]!);
    correct.push(best === labels[n]);
  });
  return expectedCalibrationError(confidences, correct);
}
