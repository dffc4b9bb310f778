import { writeFileSync } from 'node:fs';
import type { Command } from 'commander';
import { csvField, DatasetError, readLabelledCsvFile } from '../../analysis/classifier/csv.reader.js';
import { pick, stratifiedSplit } from '../../analysis/classifier/split.js';

/** Writes a stratified train/test split of a labelled CSV, every column kept, so a held-out set can be versioned. */
export function registerSplitCommand(program: Command): void {
  program
    .command('split')
    .description('split a labelled CSV into stratified train and test files (all columns kept)')
    .requiredOption('--data <file.csv>', 'labelled CSV with a header row')
    .requiredOption('--train-out <file.csv>', 'where to write the training part')
    .requiredOption('--test-out <file.csv>', 'where to write the held-out part')
    .option('--by <column>', 'column whose label proportions both parts keep', 'category')
    .option('--text-col <name>', 'column holding the text', 'text')
    .option('--fraction <f>', 'share held out', '0.2')
    .option('--seed <n>', 'seed', '42')
    .action(
      (opts: {
        data: string;
        trainOut: string;
        testOut: string;
        by: string;
        textCol: string;
        fraction: string;
        seed: string;
      }) => {
        try {
          const rows = readLabelledCsvFile(opts.data, { textCol: opts.textCol, labelCol: opts.by });
          const { train, test } = stratifiedSplit(
            rows.map((r) => r.label),
            Number(opts.fraction),
            Number(opts.seed),
          );
          const columns = Object.keys(rows[0]!.fields);
          const write = (path: string, idx: number[]) =>
            writeFileSync(
              path,
              [
                columns.join(','),
                ...pick(rows, idx).map((r) => columns.map((c) => csvField(r.fields[c] ?? '')).join(',')),
              ].join('\n') + '\n',
            );
          write(opts.trainOut, train);
          write(opts.testOut, test);
          process.stdout.write(
            `${JSON.stringify({ train: train.length, test: test.length, by: opts.by, seed: Number(opts.seed) })}\n`,
          );
        } catch (err) {
          if (!(
            err instanceof DatasetError ||
            (err instanceof Error && err.message.startsWith('test fraction'))
          ))
            throw err;
          process.stderr.write(`split: ${err.message}\n`);
          process.exitCode = 2;
        }
      },
    );
}
