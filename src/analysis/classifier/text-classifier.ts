import { readFileSync, writeFileSync } from 'node:fs';
import { z } from 'zod';
import { eceAt, fitTemperature } from './calibration.js';
import type { LinearModel } from './linear.model.js';
import { softmaxInPlace } from './linear.model.js';
import { DEFAULT_SVM_OPTIONS, trainLinearSvm } from './linear-svm.trainer.js';
import { DEFAULT_LOGISTIC_OPTIONS, trainLogistic } from './logistic.trainer.js';
import { decodeWeights, encodeWeights } from './model-codec.js';
import { pick, stratifiedSplit } from './split.js';
import {
  TfidfVectorizer,
  VectorizerOptionsSchema,
  VectorizerStateSchema,
  type SparseVector,
} from './tfidf.vectorizer.js';

export const MODEL_FORMAT = 'support-agent/text-classifier@1';

export const TrainOptionsSchema = z.object({
  algorithm: z.enum(['svm', 'logistic']).default('svm'),
  seed: z.number().int().default(42),
  vectorizer: VectorizerOptionsSchema.partial().default({}),
  svm: z.object({ c: z.number().positive(), epochs: z.number().int().min(1) }).default(DEFAULT_SVM_OPTIONS),
  logistic: z
    .object({ epochs: z.number().int().min(1), learningRate: z.number().positive(), l2: z.number().min(0) })
    .default(DEFAULT_LOGISTIC_OPTIONS),
  /** Share of the training data held back to fit the temperature; 0 keeps temperature 1. */
  calibrationFraction: z.number().min(0).max(0.5).default(0.15),
  /** Retrain on all the data after calibrating (the temperature carries over). */
  refit: z.boolean().default(true),
});
export type TrainOptions = z.infer<typeof TrainOptionsSchema>;

export const ModelFileSchema = z.object({
  format: z.literal(MODEL_FORMAT),
  /** What the labels are: category, intent, priority, sentiment, or any name a team chooses. */
  field: z.string().min(1),
  labels: z.array(z.string().min(1)).min(2),
  /** Optional coarser label for each label, e.g. intent card_arrival → category billing. */
  label_map: z.record(z.string(), z.string()).optional(),
  temperature: z.number().positive(),
  vectorizer: VectorizerStateSchema,
  weights: z.object({
    rows: z.number().int(),
    classes: z.number().int(),
    int8: z.string(),
    scales: z.string(),
  }),
  bias: z.array(z.number()),
  training: z.object({
    algorithm: z.enum(['svm', 'logistic']),
    examples: z.number().int(),
    seed: z.number().int(),
    trained_at: z.string(),
    train_ms: z.number(),
    calibration: z
      .object({
        examples: z.number().int(),
        accuracy: z.number(),
        ece_before: z.number(),
        ece_after: z.number(),
      })
      .optional(),
    options: z.unknown(),
  }),
});
export type ModelFile = z.infer<typeof ModelFileSchema>;

export interface LabelProbability {
  label: string;
  probability: number;
}

export interface TrainProgress {
  (stage: string): void;
}

function fitCore(texts: string[], y: Int32Array, K: number, o: TrainOptions, onProgress?: TrainProgress) {
  const { vectorizer, rows } = TfidfVectorizer.fitTransform(texts, o.vectorizer);
  onProgress?.(`vectorised ${texts.length} texts, ${vectorizer.size} features`);
  const model =
    o.algorithm === 'svm'
      ? trainLinearSvm(rows, y, vectorizer.size, K, { ...o.svm, seed: o.seed })
      : trainLogistic(rows, y, vectorizer.size, K, { ...o.logistic, seed: o.seed });
  // Features the model gives no weight carry no evidence: drop them to shrink the file.
  const keep = model.usefulFeatures(1e-6);
  return { vectorizer: vectorizer.restrictTo(keep), model: model.restrictTo(keep) };
}

/** A trained TF-IDF + linear classifier with a calibrated softmax over its scores. */
export class TextClassifier {
  private readonly vectorizer: TfidfVectorizer;
  private readonly model: LinearModel;

  constructor(readonly file: ModelFile) {
    this.vectorizer = TfidfVectorizer.fromState(file.vectorizer);
    this.model = decodeWeights(file.weights, file.bias);
    if (this.model.numClasses !== file.labels.length)
      throw new Error('model file: weights and labels differ in class count');
    if (this.model.numFeatures !== this.vectorizer.size)
      throw new Error('model file: weights and vocabulary differ in size');
  }

  static train(
    texts: string[],
    labels: string[],
    field: string,
    options: Partial<TrainOptions> = {},
    onProgress?: TrainProgress,
  ): TextClassifier {
    const o = TrainOptionsSchema.parse(options);
    const started = performance.now();
    const labelSet = [...new Set(labels)].sort();
    if (labelSet.length < 2)
      throw new Error(`training needs at least two distinct labels in "${field}", found ${labelSet.length}`);
    const id = new Map(labelSet.map((l, i) => [l, i]));
    const K = labelSet.length;
    let temperature = 1;
    let calibration: ModelFile['training']['calibration'];
    let core: ReturnType<typeof fitCore> | undefined;
    if (o.calibrationFraction > 0) {
      const split = stratifiedSplit(labels, o.calibrationFraction, o.seed + 1);
      const trainTexts = pick(texts, split.train);
      const yTrain = Int32Array.from(pick(labels, split.train).map((l) => id.get(l)!));
      core = fitCore(trainTexts, yTrain, K, o, onProgress);
      const devLogits = split.test.map((i) => core!.model.logits(core!.vectorizer.transform(texts[i]!)));
      const yDev = Int32Array.from(split.test.map((i) => id.get(labels[i]!)!));
      temperature = fitTemperature(devLogits, yDev);
      const correct = devLogits.filter((z, n) => argmax(z) === yDev[n]).length;
      calibration = {
        examples: split.test.length,
        accuracy: round4(correct / Math.max(1, split.test.length)),
        ece_before: round4(eceAt(devLogits, yDev, 1)),
        ece_after: round4(eceAt(devLogits, yDev, temperature)),
      };
      onProgress?.(`calibrated on ${split.test.length} held-back texts: T=${temperature}`);
    }
    if (!core || o.refit)
      core = fitCore(texts, Int32Array.from(labels.map((l) => id.get(l)!)), K, o, onProgress);
    return new TextClassifier({
      format: MODEL_FORMAT,
      field,
      labels: labelSet,
      temperature,
      vectorizer: core.vectorizer.state,
      weights: encodeWeights(core.model),
      bias: [...core.model.bias].map(round4),
      training: {
        algorithm: o.algorithm,
        examples: texts.length,
        seed: o.seed,
        trained_at: new Date().toISOString(),
        train_ms: Math.round(performance.now() - started),
        ...(calibration ? { calibration } : {}),
        options: o,
      },
    });
  }

  static load(path: string): TextClassifier {
    let raw: unknown;
    try {
      raw = JSON.parse(readFileSync(path, 'utf8'));
    } catch (err) {
      throw new Error(`cannot load model ${path}: ${(err as Error).message}`);
    }
    const parsed = ModelFileSchema.safeParse(raw);
    if (!parsed.success)
      throw new Error(
        `${path} is not a ${MODEL_FORMAT} model: ${parsed.error.issues[0]?.message ?? 'invalid'}`,
      );
    return new TextClassifier(parsed.data);
  }

  save(path: string): void {
    writeFileSync(path, `${JSON.stringify(this.file)}\n`);
  }

  get field(): string {
    return this.file.field;
  }

  get labels(): string[] {
    return this.file.labels;
  }

  vectorize(text: string): SparseVector {
    return this.vectorizer.transform(text);
  }

  /** Uncalibrated class scores. */
  logits(text: string): Float64Array {
    return this.model.logits(this.vectorizer.transform(text));
  }

  /** Calibrated probabilities, best first, top k of them. */
  predict(text: string, k = 3): LabelProbability[] {
    const p = softmaxInPlace(this.logits(text), this.file.temperature);
    return [...p.keys()]
      .sort((a, b) => p[b]! - p[a]! || a - b)
      .slice(0, k)
      .map((i) => ({ label: this.file.labels[i]!, probability: p[i]! }));
  }

  /** The mapped coarse label (e.g. the category of an intent), if the model has a map. */
  mapLabel(label: string): string | undefined {
    return this.file.label_map?.[label];
  }

  withLabelMap(map: Record<string, string>): TextClassifier {
    return new TextClassifier({ ...this.file, label_map: map });
  }
}

export function argmax(z: ArrayLike<number>): number {
  let best = 0;
  for (let k = 1; k < z.length; k++) if (z[k]! > z[best]!) best = k;
  return best;
}

const round4 = (x: number) => Math.round(x * 1e4) / 1e4;
