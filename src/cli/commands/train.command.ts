import type { Command } from 'commander';
import { DatasetError, readLabelledCsvFile } from '../../analysis/classifier/csv.reader.js';
import { TextClassifier, type TrainOptions } from '../../analysis/classifier/text-classifier.js';
import { VectorizerOptionsSchema } from '../../analysis/classifier/tfidf.vectorizer.js';

export interface ModelCliOptions {
  textCol: string;
  labelCol?: string;
  seed: string;
  algorithm: string;
  c?: string;
  epochs?: string;
  vectorizer?: string;
}

/** Training options from the shared CLI flags, with a clear error for a bad number. */
export function trainOptionsFrom(opts: ModelCliOptions): Partial<TrainOptions> {
  const num = (name: string, v: string | undefined) => {
    if (v === undefined) return undefined;
    const n = Number(v);
    if (!Number.isFinite(n) || n <= 0)
      throw new DatasetError(`--${name} must be a positive number, got "${v}"`);
    return n;
  };
  if (opts.algorithm !== 'svm' && opts.algorithm !== 'logistic' && opts.algorithm !== 'svm+logistic')
    throw new DatasetError(`--algorithm must be svm, logistic or svm+logistic, got "${opts.algorithm}"`);
  const c = num('c', opts.c);
  const epochs = num('epochs', opts.epochs);
  const seed = Number(opts.seed);
  if (!Number.isInteger(seed)) throw new DatasetError(`--seed must be an integer, got "${opts.seed}"`);
  let vectorizer: unknown = {};
  if (opts.vectorizer) {
    try {
      vectorizer = JSON.parse(opts.vectorizer);
    } catch {
      throw new DatasetError(`--vectorizer must be a JSON object, got "${opts.vectorizer}"`);
    }
    const parsed = VectorizerOptionsSchema.partial().safeParse(vectorizer);
    if (!parsed.success)
      throw new DatasetError(
        `--vectorizer: ${parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ')}`,
      );
    vectorizer = parsed.data;
  }
  return {
    algorithm: opts.algorithm,
    vectorizer: vectorizer as Partial<TrainOptions['vectorizer']>,
    seed,
    ...(opts.algorithm !== 'logistic' && (c || epochs) ? { svm: { c: c ?? 0.5, epochs: epochs ?? 10 } } : {}),
    ...(opts.algorithm === 'logistic' && epochs
      ? { logistic: { epochs, learningRate: 0.05, l2: 1e-5 } }
      : {}),
  };
}

/** A map from each label to the value of another column it most often comes with (e.g. intent → category). */
export function majorityMap(
  rows: { label: string; fields: Record<string, string> }[],
  column: string,
): Record<string, string> {
  const counts = new Map<string, Map<string, number>>();
  for (const r of rows) {
    const target = r.fields[column];
    if (!target) continue;
    const m = counts.get(r.label) ?? new Map<string, number>();
    m.set(target, (m.get(target) ?? 0) + 1);
    counts.set(r.label, m);
  }
  return Object.fromEntries(
    [...counts.entries()]
      .sort()
      .map(([label, m]) => [
        label,
        [...m.entries()].sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]))[0]![0],
      ]),
  );
}

export function addModelOptions(cmd: Command): Command {
  return cmd
    .option('--text-col <name>', 'column holding the text', 'text')
    .option('--label-col <name>', 'column holding the label (default: the --field name, else "category")')
    .option('--seed <n>', 'seed for splits and training order', '42')
    .option(
      '--algorithm <name>',
      'svm (one-vs-rest linear SVM), logistic (softmax regression) or svm+logistic (both, probabilities averaged)',
      'svm',
    )
    .option('--c <n>', 'SVM inverse regularisation (default 0.5)')
    .option('--epochs <n>', 'passes over the data (default 10)')
    .option('--vectorizer <json>', 'feature options, e.g. \'{"charNgrams":[2,5],"minDf":2}\'');
}

export function registerTrainCommand(program: Command): void {
  addModelOptions(
    program
      .command('train')
      .description('train a TF-IDF + linear text classifier from a labelled CSV and save it as JSON')
      .requiredOption('--data <file.csv>', 'labelled CSV with a header row')
      .requiredOption('--out <model.json>', 'where to write the model')
      .option(
        '--field <name>',
        'what the labels are: intent, category, priority, sentiment (names the model)',
      )
      .option(
        '--map-col <name>',
        'also store, for each label, its most common value in this column (e.g. category for intents)',
      ),
  ).action((opts: ModelCliOptions & { data: string; out: string; field?: string; mapCol?: string }) => {
    try {
      const labelCol = opts.labelCol ?? opts.field ?? 'category';
      const field = opts.field ?? labelCol;
      const rows = readLabelledCsvFile(opts.data, { textCol: opts.textCol, labelCol });
      const started = performance.now();
      let classifier = TextClassifier.train(
        rows.map((r) => r.text),
        rows.map((r) => r.label),
        field,
        trainOptionsFrom(opts),
        (stage) => process.stderr.write(`train: ${stage}\n`),
      );
      if (opts.mapCol) {
        if (!(opts.mapCol in (rows[0]?.fields ?? {})))
          throw new DatasetError(`${opts.data} has no column "${opts.mapCol}" for --map-col`);
        classifier = classifier.withLabelMap(majorityMap(rows, opts.mapCol));
      }
      classifier.save(opts.out);
      const cal = classifier.file.training.calibration;
      process.stdout.write(
        `${JSON.stringify(
          {
            out: opts.out,
            field,
            examples: rows.length,
            labels: classifier.labels.length,
            features: classifier.file.vectorizer.vocabulary.length,
            temperature: classifier.file.temperature,
            calibration: cal,
            train_s: Math.round((performance.now() - started) / 10) / 100,
          },
          null,
          2,
        )}\n`,
      );
    } catch (err) {
      if (!(err instanceof DatasetError)) throw err;
      process.stderr.write(`train: ${err.message}\n`);
      process.exitCode = 2;
    }
  });
}
