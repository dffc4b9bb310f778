import { readFileSync, writeFileSync } from 'node:fs';
import { z } from 'zod';
import { eceOfProbabilities, fitTemperature } from './calibration.js';
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
  /** "svm+logistic" averages the calibrated probabilities of both models over the same features. */
  algorithm: z.enum(['svm', 'logistic', 'svm+logistic']).default('svm'),
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

const EncodedWeightsSchema = z.object({
  rows: z.number().int(),
  classes: z.number().int(),
  int8: z.string(),
  scales: z.string(),
});

/** One more linear model over the same features, for ensembles; its probabilities are averaged in. */
const MemberSchema = z.object({
  algorithm: z.enum(['svm', 'logistic']),
  temperature: z.number().positive(),
  weights: EncodedWeightsSchema,
  bias: z.array(z.number()),
});

export const ModelFileSchema = z.object({
  format: z.literal(MODEL_FORMAT),
  /** What the labels are: category, intent, priority, sentiment, or any name a team chooses. */
  field: z.string().min(1),
  labels: z.array(z.string().min(1)).min(2),
  /** Optional coarser label for each label, e.g. intent card_arrival → category billing. */
  label_map: z.record(z.string(), z.string()).optional(),
  temperature: z.number().positive(),
  vectorizer: VectorizerStateSchema,
  weights: EncodedWeightsSchema,
  bias: z.array(z.number()),
  /** Further members of an ensemble (the top-level weights are the first member). */
  members: z.array(MemberSchema).optional(),
  training: z.object({
    algorithm: z.enum(['svm', 'logistic', 'svm+logistic']),
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

type Algorithm = 'svm' | 'logistic';

function fitCore(texts: string[], y: Int32Array, K: number, o: TrainOptions, onProgress?: TrainProgress) {
  const { vectorizer, rows } = TfidfVectorizer.fitTransform(texts, o.vectorizer);
  onProgress?.(`vectorised ${texts.length} texts, ${vectorizer.size} features`);
  const algorithms: Algorithm[] = o.algorithm === 'svm+logistic' ? ['svm', 'logistic'] : [o.algorithm];
  const models = algorithms.map((a) =>
    a === 'svm'
      ? trainLinearSvm(rows, y, vectorizer.size, K, { ...o.svm, seed: o.seed })
      : trainLogistic(rows, y, vectorizer.size, K, { ...o.logistic, seed: o.seed }),
  );
  // Features no model gives weight carry no evidence: drop them to shrink the file.
  const useful = new Set(models.flatMap((m) => m.usefulFeatures(1e-6)));
  const keep = [...useful].sort((a, b) => a - b);
  return {
    vectorizer: vectorizer.restrictTo(keep),
    members: models.map((m, i) => ({ algorithm: algorithms[i]!, model: m.restrictTo(keep) })),
  };
}

/** Mean of each member's softmax(scores / T); with `calibrated` false every T is 1. */
function averageProbabilities(logits: Float64Array[], temperatures: number[]): Float64Array {
  const K = logits[0]!.length;
  const out = new Float64Array(K);
  logits.forEach((z, m) => {
    const p = softmaxInPlace(Float64Array.from(z), temperatures[m]!);
    for (let k = 0; k < K; k++) out[k] = out[k]! + p[k]! / logits.length;
  });
  return out;
}

/** A trained TF-IDF + linear classifier (or an ensemble of linear members) with calibrated probabilities. */
export class TextClassifier {
  private readonly vectorizer: TfidfVectorizer;
  private readonly models: LinearModel[];
  private readonly temperatures: number[];

  constructor(readonly file: ModelFile) {
    this.vectorizer = TfidfVectorizer.fromState(file.vectorizer);
    const members = [
      { weights: file.weights, bias: file.bias, temperature: file.temperature },
      ...(file.members ?? []),
    ];
    this.models = members.map((m) => decodeWeights(m.weights, m.bias));
    this.temperatures = members.map((m) => m.temperature);
    for (const model of this.models) {
      if (model.numClasses !== file.labels.length)
        throw new Error('model file: weights and labels differ in class count');
      if (model.numFeatures !== this.vectorizer.size)
        throw new Error('model file: weights and vocabulary differ in size');
    }
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
    let temperatures: number[] | undefined;
    let calibration: ModelFile['training']['calibration'];
    let core: ReturnType<typeof fitCore> | undefined;
    if (o.calibrationFraction > 0) {
      const split = stratifiedSplit(labels, o.calibrationFraction, o.seed + 1);
      const trainTexts = pick(texts, split.train);
      const yTrain = Int32Array.from(pick(labels, split.train).map((l) => id.get(l)!));
      const fitted = fitCore(trainTexts, yTrain, K, o, onProgress);
      core = fitted;
      const devRows = split.test.map((i) => fitted.vectorizer.transform(texts[i]!));
      const yDev = Int32Array.from(split.test.map((i) => id.get(labels[i]!)!));
      // Each member gets its own temperature: SVM margins and logistic logits live on different scales.
      const memberLogits = fitted.members.map((m) => devRows.map((x) => m.model.logits(x)));
      const ts = memberLogits.map((logits) => fitTemperature(logits, yDev));
      temperatures = ts;
      const probs = (t: number[]) =>
        devRows.map((_, n) =>
          averageProbabilities(
            memberLogits.map((l) => l[n]!),
            t,
          ),
        );
      const before = probs(ts.map(() => 1));
      const after = probs(ts);
      const correct = after.filter((p, n) => argmax(p) === yDev[n]).length;
      calibration = {
        examples: split.test.length,
        accuracy: round4(correct / Math.max(1, split.test.length)),
        ece_before: round4(eceOfProbabilities(before, yDev)),
        ece_after: round4(eceOfProbabilities(after, yDev)),
      };
      onProgress?.(`calibrated on ${split.test.length} held-back texts: T=${ts.join(', ')}`);
    }
    if (!core || o.refit)
      core = fitCore(texts, Int32Array.from(labels.map((l) => id.get(l)!)), K, o, onProgress);
    const temps = temperatures ?? core.members.map(() => 1);
    const [first, ...rest] = core.members;
    return new TextClassifier({
      format: MODEL_FORMAT,
      field,
      labels: labelSet,
      temperature: temps[0]!,
      vectorizer: core.vectorizer.state,
      weights: encodeWeights(first!.model),
      bias: [...first!.model.bias].map(round4),
      ...(rest.length
        ? {
            members: rest.map((m, i) => ({
              algorithm: m.algorithm,
              temperature: temps[i + 1]!,
              weights: encodeWeights(m.model),
              bias: [...m.model.bias].map(round4),
            })),
          }
        : {}),
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

  /** Class probabilities: the mean over members of softmax(scores / T), T = 1 when `calibrated` is false. */
  probabilities(text: string, calibrated = true): Float64Array {
    const x = this.vectorizer.transform(text);
    const logits = this.models.map((m) => m.logits(x));
    return averageProbabilities(logits, calibrated ? this.temperatures : this.temperatures.map(() => 1));
  }

  /** Calibrated probabilities, best first, top k of them. */
  predict(text: string, k = 3): LabelProbability[] {
    const p = this.probabilities(text);
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
