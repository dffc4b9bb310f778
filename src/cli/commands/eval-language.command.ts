import type { Command } from 'commander';
import { DatasetError } from '../../analysis/classifier/csv.reader.js';
import { ELD_DATABASES, EldLanguageDetector, type EldDatabase } from '../../analysis/language/eld.language-detector.js';
import { evaluateLanguageDetector, readLanguageRows, type Accuracy, type LanguageEvalReport } from '../../evaluation/language-eval.js';
import { progress } from '../runtime.js';

interface EvalLanguageOptions {
  dataset: string;
  database: string;
  json?: boolean;
}

const pct = (a: Accuracy) => `${(a.accuracy * 100).toFixed(1)}% (${a.correct}/${a.n})`;

function printReport(r: LanguageEvalReport, dataset: string): void {
  const out = [
    `dataset ${dataset}; detector ${r.detector}, loaded in ${r.load_ms} ms (+${r.load_rss_mb} MB RSS)`,
    `accuracy ${pct(r.overall)}  short ${pct(r.short)}  long ${pct(r.long)}  undetermined ${r.undetermined}`,
    `detect one text p50 ${r.latency_ms.p50} ms, p95 ${r.latency_ms.p95} ms, max ${r.latency_ms.max} ms`,
    '',
    'language  accuracy',
    ...r.per_language.map((l) => `${l.language.padEnd(9)} ${pct(l)}`),
    '',
    'confusions (expected -> detected):',
    ...(r.confusions.length ? r.confusions.map((c) => `  ${String(c.count).padStart(3)}  ${c.expected} -> ${c.detected}  e.g. "${c.examples[0]}"`) : ['  none']),
  ];
  process.stdout.write(`${out.join('\n')}\n`);
}

/** Adds `language` to the shared `eval` command group, creating the group if no one has yet. */
export function registerEvalLanguageCommand(program: Command): void {
  const group =
    program.commands.find((c) => c.name() === 'eval') ??
    program.command('eval').description('measure parts of the service on labelled data');
  group
    .command('language')
    .description('score the language detector: accuracy overall, per language, short vs long, confusions, latency, load time')
    .requiredOption('--dataset <csv>', 'check set with columns text,language[,length] (e.g. data/eval/language-check.csv)')
    .option('--database <size>', `eld database to load: ${ELD_DATABASES.join(', ')}`, 'extrasmall')
    .option('--json', 'print JSON instead of a table')
    .action((opts: EvalLanguageOptions) => {
      try {
        if (!(ELD_DATABASES as readonly string[]).includes(opts.database)) {
          throw new DatasetError(`--database must be one of ${ELD_DATABASES.join(', ')}, got "${opts.database}"`);
        }
        const rows = readLanguageRows(opts.dataset);
        const bar = opts.json ? undefined : progress('detect', rows.length);
        const report = evaluateLanguageDetector(new EldLanguageDetector({ database: opts.database as EldDatabase }), rows, (row, got) =>
          bar?.tick(got === row.language ? '' : `${row.language} -> ${got}`),
        );
        bar?.done();
        if (opts.json) process.stdout.write(`${JSON.stringify({ dataset: opts.dataset, ...report }, null, 2)}\n`);
        else printReport(report, opts.dataset);
      } catch (err) {
        if (!(err instanceof DatasetError) && !(err instanceof Error && 'code' in err && err.code === 'ENOENT')) throw err;
        process.stderr.write(`eval language: ${err.message}\n`);
        process.exitCode = 2;
      }
    });
}
