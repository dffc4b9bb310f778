import type { Command } from 'commander';
import { DatasetError, readLabelledCsvFile, type LabelledRow } from '../../analysis/classifier/csv.reader.js';
import { evaluateClassifier, type EvaluationResult } from '../../analysis/classifier/evaluate-classifier.js';
import { pick, sampleKShot, stratifiedSplit } from '../../analysis/classifier/split.js';
import {
  compareAnalyzers,
  ticketsFromRows,
  type AnalyzerScores,
} from '../../analysis/analyzer-evaluation.js';
import { loadProductCatalog, ProductMatcher } from '../../analysis/product-catalog.js';
import { configOrExit } from '../runtime.js';
import type { TrainOptions } from '../../analysis/classifier/text-classifier.js';
import { addModelOptions, trainOptionsFrom, type ModelCliOptions } from './train.command.js';

interface EvalClassifyOptions extends ModelCliOptions {
  train: string;
  test?: string;
  holdout: string;
  tune?: boolean;
  devFraction: string;
  shots?: string;
  threshold?: string;
  json?: boolean;
  save?: string;
  analyzer?: boolean;
  baseline?: boolean;
}

const fraction = (name: string, v: string) => {
  const n = Number(v);
  if (!(n > 0 && n < 1)) throw new DatasetError(`--${name} must be a fraction between 0 and 1, got "${v}"`);
  return n;
};

/**
 * Picks the train and test rows: a given --test file, else a stratified --holdout of --train (the final
 * check). With --tune the test side is a dev split carved from the training part, so tuning never sees
 * the final check. --shots keeps at most n training rows per label.
 */
function selectRows(
  opts: EvalClassifyOptions,
  labelCol: string,
): { train: LabelledRow[]; test: LabelledRow[]; protocol: string } {
  const seed = Number(opts.seed);
  let train = readLabelledCsvFile(opts.train, { textCol: opts.textCol, labelCol });
  let test: LabelledRow[];
  let protocol: string;
  if (opts.test) {
    test = readLabelledCsvFile(opts.test, { textCol: opts.textCol, labelCol });
    protocol = `train ${opts.train}, test ${opts.test}`;
  } else {
    const h = fraction('holdout', opts.holdout);
    const split = stratifiedSplit(
      train.map((r) => r.label),
      h,
      seed,
    );
    test = pick(train, split.test);
    train = pick(train, split.train);
    protocol = `stratified ${h * 100}% final check of ${opts.train} (seed ${seed})`;
  }
  if (opts.tune) {
    const d = fraction('dev-fraction', opts.devFraction);
    const split = stratifiedSplit(
      train.map((r) => r.label),
      d,
      seed + 1000,
    );
    test = pick(train, split.test);
    train = pick(train, split.train);
    protocol += `; tuning: scored on a ${d * 100}% dev split of the training part, the final check untouched`;
  }
  if (opts.shots) {
    const k = Number(opts.shots);
    if (!Number.isInteger(k) || k < 1)
      throw new DatasetError(`--shots must be a positive integer, got "${opts.shots}"`);
    train = pick(
      train,
      sampleKShot(
        train.map((r) => r.label),
        k,
        seed + 2000,
      ),
    );
    protocol += `; ${k}-shot: at most ${k} training examples per label`;
  }
  return { train, test, protocol };
}

const pct = (x: number) => `${(x * 100).toFixed(2)}%`;

function printReport(r: Omit<EvaluationResult, 'classifier'>, protocol: string): void {
  const out: string[] = [
    `protocol: ${protocol}`,
    `train ${r.train_examples} examples, ${r.labels} labels, ${r.features} features; test ${r.n}`,
    `accuracy ${pct(r.accuracy)}  macro-F1 ${pct(r.macro_f1)}`,
    `training ${r.train_s} s wall (${r.train_cpu_s} s CPU); predict one text p50 ${r.predict_ms.p50} ms, p95 ${r.predict_ms.p95} ms`,
    `calibration: temperature ${r.temperature}; ECE on test ${r.calibration.ece_before} before, ${r.calibration.ece_after} after`,
  ];
  if (r.review) {
    out.push(
      `below ${r.review.threshold} confidence (sent to review): ${pct(r.review.flagged_share)}; accuracy on the rest ${pct(r.review.accuracy_unflagged)}`,
    );
  }
  out.push('', 'label                              precision  recall     F1  support');
  for (const c of r.per_class) {
    out.push(
      `${c.label.padEnd(34)} ${c.precision.toFixed(3).padStart(9)} ${c.recall.toFixed(3).padStart(7)} ${c.f1.toFixed(3).padStart(6)} ${String(c.support).padStart(8)}`,
    );
  }
  out.push('', 'most confused (true -> predicted):');
  for (const p of r.confused_pairs)
    out.push(`  ${String(p.count).padStart(3)}  ${p.true_label} -> ${p.predicted}`);
  process.stdout.write(`${out.join('\n')}\n`);
}

function runAnalyzerComparison(
  train: LabelledRow[],
  test: LabelledRow[],
  opts: EvalClassifyOptions,
  protocol: string,
): void {
  const config = configOrExit();
  const products = new ProductMatcher(loadProductCatalog(config.paths.productCatalog));
  const result = compareAnalyzers(train, ticketsFromRows(test, opts.test ?? opts.train), products, {
    reviewThreshold: opts.threshold === undefined ? config.analyzer.reviewThreshold : fraction('threshold', opts.threshold),
    seed: Number(opts.seed),
  });
  if (opts.json) {
    process.stdout.write(`${JSON.stringify({ protocol, ...result }, null, 2)}\n`);
    return;
  }
  const row = (name: string, s: AnalyzerScores) =>
    `${name.padEnd(30)} ${(['category', 'priority', 'sentiment', 'escalation'] as const).map((f) => pct(s.accuracy[f]).padStart(10)).join('')}${s.accuracy.intent !== undefined ? pct(s.accuracy.intent).padStart(10) : ''.padStart(10)} ${pct(s.review_share).padStart(8)}`;
  process.stdout.write(
    [
      `protocol: ${protocol}; train ${result.train} tickets, test ${result.test}`,
      `${'analyzer'.padEnd(30)}   category  priority sentiment escalation    intent   review`,
      row('rules only', result.rules),
      row(`learned + rules (review < ${result.review_threshold})`, result.learned),
      row('learned + rules (no review)', result.learned_without_review),
    ].join('\n') + '\n',
  );
}

/** Adds `classify` to the shared `eval` command group, creating the group if no one has yet. */
export function registerEvalClassifyCommand(program: Command): void {
  const group =
    program.commands.find((c) => c.name() === 'eval') ??
    program.command('eval').description('measure parts of the service on labelled data');
  addModelOptions(
    group
      .command('classify')
      .description(
        'train a text classifier and score it: accuracy, macro-F1, per-class P/R/F1, confusions, timing, calibration',
      )
      .requiredOption('--train <csv>', 'labelled training CSV')
      .option('--test <csv>', 'labelled test CSV (default: a stratified --holdout of --train)')
      .option(
        '--holdout <fraction>',
        'share of --train held out as the final check when there is no --test',
        '0.2',
      )
      .option('--tune', 'score on a dev split of the training part instead of the test set (for tuning)')
      .option(
        '--dev-fraction <fraction>',
        'share of the training part used as the dev split with --tune',
        '0.125',
      )
      .option('--shots <n>', 'train on at most n examples per label (few-shot)')
      .option('--threshold <p>', 'confidence below which a ticket goes to human review (default 0.5; with --analyzer, ANALYZER_REVIEW_THRESHOLD)')
      .option('--save <model.json>', 'also save the trained model')
      .option(
        '--analyzer',
        'score the whole offline analyzer (category, priority, sentiment, escalation) on the test tickets, learned vs rules',
      )
      .option(
        '--baseline',
        "also train the issue's baseline (TF-IDF + logistic regression) on the same rows, for comparison",
      )
      .option('--json', 'print JSON instead of a table'),
  ).action((opts: EvalClassifyOptions) => {
    try {
      const labelCol = opts.labelCol ?? 'category';
      const { train, test, protocol } = selectRows(opts, labelCol);
      if (opts.analyzer) {
        runAnalyzerComparison(train, test, opts, protocol);
        return;
      }
      const run = (options: Partial<TrainOptions>, quiet: boolean) =>
        evaluateClassifier({
          train: { texts: train.map((r) => r.text), labels: train.map((r) => r.label) },
          test: { texts: test.map((r) => r.text), labels: test.map((r) => r.label) },
          field: labelCol,
          options,
          threshold: fraction('threshold', opts.threshold ?? '0.5'),
          onProgress: quiet ? undefined : (stage) => process.stderr.write(`train: ${stage}\n`),
        });
      const { classifier, ...result } = run(trainOptionsFrom(opts), opts.json ?? false);
      if (opts.save) classifier.save(opts.save);
      let baseline: Record<string, unknown> | undefined;
      if (opts.baseline) {
        const b = run({ ...trainOptionsFrom({ ...opts, algorithm: 'logistic' }) }, true);
        baseline = {
          algorithm: 'logistic',
          accuracy: b.accuracy,
          macro_f1: b.macro_f1,
          train_s: b.train_s,
          train_cpu_s: b.train_cpu_s,
          predict_ms: b.predict_ms,
        };
      }
      if (opts.json)
        process.stdout.write(
          `${JSON.stringify({ protocol, ...result, ...(baseline ? { baseline } : {}) }, null, 2)}\n`,
        );
      else {
        printReport(result, protocol);
        if (baseline)
          process.stdout.write(
            `baseline (TF-IDF + logistic regression, same rows): ${JSON.stringify(baseline)}\n`,
          );
      }
    } catch (err) {
      if (!(err instanceof DatasetError)) throw err;
      process.stderr.write(`eval classify: ${err.message}\n`);
      process.exitCode = 2;
    }
  });
}
