import { eceOfProbabilities } from './calibration.js';
import { classificationReport, type ClassificationReport } from './classification-metrics.js';
import { TextClassifier, type TrainOptions, type TrainProgress } from './text-classifier.js';

export interface EvaluationInput {
  train: { texts: string[]; labels: string[] };
  test: { texts: string[]; labels: string[] };
  field: string;
  options?: Partial<TrainOptions>;
  /** Confidence below which a prediction would be sent to a person. */
  threshold?: number;
  onProgress?: TrainProgress;
}

export interface EvaluationResult extends ClassificationReport {
  train_examples: number;
  labels: number;
  /** Wall-clock seconds, and CPU seconds of this process (steadier on a shared machine). */
  train_s: number;
  train_cpu_s: number;
  predict_ms: { p50: number; p95: number };
  features: number;
  /** The first member's temperature (an ensemble has one per member, in the model file). */
  temperature: number;
  calibration: { ece_before: number; ece_after: number };
  /** Share of test predictions below the threshold, and the accuracy on the rest. */
  review: { threshold: number; flagged_share: number; accuracy_unflagged: number } | undefined;
  classifier: TextClassifier;
}

function quantile(sorted: number[], q: number): number {
  return sorted.length ? sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))]! : 0;
}

/** Trains on one set and scores another: the figures `eval classify` prints. */
export function evaluateClassifier(input: EvaluationInput): EvaluationResult {
  const started = performance.now();
  const cpuStart = process.cpuUsage();
  const classifier = TextClassifier.train(
    input.train.texts,
    input.train.labels,
    input.field,
    input.options,
    input.onProgress,
  );
  const trainS = (performance.now() - started) / 1000;
  const cpu = process.cpuUsage(cpuStart);
  // Warm the JIT on a few texts so the latency figures describe a running service, not a cold start.
  for (const text of input.test.texts.slice(0, 50)) classifier.predict(text);
  const labelIndex = new Map(classifier.labels.map((l, i) => [l, i]));
  const times: number[] = [];
  const predicted: string[] = [];
  const probabilities: Float64Array[] = [];
  const uncalibrated: Float64Array[] = [];
  const confidences: number[] = [];
  for (const text of input.test.texts) {
    const t0 = performance.now();
    const p = classifier.probabilities(text);
    let best = 0;
    for (let k = 1; k < p.length; k++) if (p[k]! > p[best]!) best = k;
    times.push(performance.now() - t0);
    predicted.push(classifier.labels[best]!);
    confidences.push(p[best]!);
    probabilities.push(p);
    uncalibrated.push(classifier.probabilities(text, false));
  }
  times.sort((a, b) => a - b);
  const report = classificationReport(input.test.labels, predicted);
  // Test labels unseen in training can never be predicted; they count as errors and are left out of ECE's label ids.
  const known = input.test.labels.map((l) => labelIndex.get(l) ?? -1);
  const r4 = (x: number) => Math.round(x * 1e4) / 1e4;
  let review: EvaluationResult['review'];
  if (input.threshold !== undefined) {
    const kept = confidences
      .map((c, i) => ({ c, ok: predicted[i] === input.test.labels[i] }))
      .filter((x) => x.c >= input.threshold!);
    review = {
      threshold: input.threshold,
      flagged_share: r4(1 - kept.length / Math.max(1, confidences.length)),
      accuracy_unflagged: r4(kept.filter((x) => x.ok).length / Math.max(1, kept.length)),
    };
  }
  return {
    ...report,
    train_examples: input.train.texts.length,
    labels: classifier.labels.length,
    train_s: Math.round(trainS * 100) / 100,
    train_cpu_s: Math.round((cpu.user + cpu.system) / 1e4) / 100,
    predict_ms: { p50: r4(quantile(times, 0.5)), p95: r4(quantile(times, 0.95)) },
    features: classifier.file.vectorizer.vocabulary.length,
    temperature: classifier.file.temperature,
    calibration: {
      ece_before: r4(eceOfProbabilities(uncalibrated, known)),
      ece_after: r4(eceOfProbabilities(probabilities, known)),
    },
    review,
    classifier,
  };
}
