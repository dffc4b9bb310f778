import { existsSync } from 'node:fs';
import { readLabelledCsvFile } from './classifier/csv.reader.js';
import { TextClassifier, type LabelProbability } from './classifier/text-classifier.js';
import { TfidfExampleRetriever, type ExampleRetriever } from './example-retriever.js';

/** The learned models the analyzer uses, each optional: a missing one falls back to the rules. */
export interface AnalyzerModels {
  category?: TextClassifier;
  intent?: TextClassifier;
  priority?: TextClassifier;
  sentiment?: TextClassifier;
  /** Below this calibrated probability of the chosen category, a ticket goes to human review. */
  reviewThreshold: number;
}

export interface ModelPaths {
  category?: string | undefined;
  intent?: string | undefined;
  priority?: string | undefined;
  sentiment?: string | undefined;
}

export interface LoadedModelInfo {
  field: string;
  path: string;
  labels: number;
  features: number;
  examples: number;
  trained_at: string;
}

/** Loads every configured model; a configured path that is missing or invalid is an error, so a bad deploy fails at start. */
export function loadAnalyzerModels(
  paths: ModelPaths,
  reviewThreshold: number,
): { models: AnalyzerModels; info: LoadedModelInfo[] } {
  const models: AnalyzerModels = { reviewThreshold };
  const info: LoadedModelInfo[] = [];
  for (const key of ['category', 'intent', 'priority', 'sentiment'] as const) {
    const path = paths[key];
    if (!path) continue;
    if (!existsSync(path))
      throw new Error(`${key} model not found at ${path} (set its path, or blank to use the rules)`);
    const model = TextClassifier.load(path);
    models[key] = model;
    info.push({
      field: key,
      path,
      labels: model.labels.length,
      features: model.file.vectorizer.vocabulary.length,
      examples: model.file.training.examples,
      trained_at: model.file.training.trained_at,
    });
  }
  return { models, info };
}

/** One line for /health and logs: which fields are learned and from how many examples. */
export function describeModels(info: LoadedModelInfo[]): string {
  if (info.length === 0) return 'rules only (no learned models configured)';
  return info.map((m) => `${m.field}: ${m.labels} labels, ${m.examples} examples`).join('; ');
}

/**
 * Mixes learned and rule probabilities over the same label set: weight w on the learned model. Labels the
 * rules do not score get only the learned share. Returns the mix, best first.
 */
export function blendScores(
  learned: LabelProbability[],
  rules: LabelProbability[],
  w: number,
): LabelProbability[] {
  const mix = new Map<string, number>();
  for (const l of learned) mix.set(l.label, w * l.probability);
  for (const r of rules) mix.set(r.label, (mix.get(r.label) ?? 0) + (1 - w) * r.probability);
  const total = [...mix.values()].reduce((a, b) => a + b, 0) || 1;
  return [...mix.entries()]
    .map(([label, p]) => ({ label, probability: p / total }))
    .sort((a, b) => b.probability - a.probability || a.label.localeCompare(b.label));
}

/** Everything the analyzer learned, loaded once at start: models, their descriptions, few-shot examples. */
export interface AnalyzerKit {
  models: AnalyzerModels;
  info: LoadedModelInfo[];
  retriever: ExampleRetriever | undefined;
}

export interface AnalyzerKitConfig {
  models: ModelPaths;
  reviewThreshold: number;
  examplesPath: string | undefined;
}

export function loadAnalyzerKit(config: AnalyzerKitConfig): AnalyzerKit {
  const { models, info } = loadAnalyzerModels(config.models, config.reviewThreshold);
  let retriever: ExampleRetriever | undefined;
  if (config.examplesPath) {
    if (!existsSync(config.examplesPath))
      throw new Error(
        `labelled examples not found at ${config.examplesPath} (ANALYZER_EXAMPLES_PATH; "none" turns them off)`,
      );
    const category = models.category;
    // The category model's TF-IDF space already fits these tickets; reusing it saves fitting one at start.
    retriever = TfidfExampleRetriever.fromRows(
      readLabelledCsvFile(config.examplesPath),
      category ? (t) => category.vectorize(t) : undefined,
    );
  }
  return { models, info, retriever };
}
