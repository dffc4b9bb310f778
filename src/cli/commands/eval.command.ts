import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import type { Command } from 'commander';
import type { Deps } from '../../container.js';
import { compareVariants, formatAbReport } from '../../evaluation/ab/ab-report.js';
import { runPaired } from '../../evaluation/ab/ab-runner.js';
import { DatasetError, type LabelledTicket, loadDataset, scoreLabels } from '../../evaluation/dataset.js';
import { formatSummary, type RunRow, summarizeRun } from '../../evaluation/run-summary.js';
import { formatReviewSummary, summarizeReview } from '../../evaluation/review-summary.js';
import { loadReviewParts } from '../../container.js';
import { decide, type PolicyDecision } from '../../review/review-policy.js';
import type { Variant } from '../../evaluation/variants/variant.schema.js';
import { configOrExit, progress, withDeps } from '../runtime.js';
import { registerEvalRetrievalCommand } from './eval-retrieval.command.js';
import { loadVariants, VariantsFileError } from '../../evaluation/variants/variant.schema.js';

/** Exits with a readable message for input problems (bad dataset, unknown variant) instead of a stack trace. */
function fail(message: string): never {
  process.stderr.write(`${message}\n`);
  process.exit(2);
}

function datasetOrExit(path: string): LabelledTicket[] {
  try {
    return loadDataset(path);
  } catch (err) {
    if (err instanceof DatasetError) fail(err.message);
    throw err;
  }
}

function variantOrExit(deps: Deps, name: string | undefined): Variant {
  const router = deps.evaluation.router;
  if (name === undefined) return router.defaultVariant;
  if (!router.has(name)) fail(`unknown variant "${name}"; the variants file defines: ${router.variants.map((v) => v.name).join(', ')}`);
  return router.get(name);
}

function writeJson(path: string | undefined, value: unknown): void {
  if (!path) return;
  mkdirSync(dirname(path), { recursive: true });
  writeFileSync(path, `${JSON.stringify(value, null, 2)}\n`);
}

interface CommonOpts {
  dataset: string;
  json?: boolean;
  out?: string;
  variants?: string;
}

const envFor = (opts: CommonOpts): Record<string, string> => (opts.variants ? { VARIANTS_FILE: opts.variants } : {});

/** Checks the variants file and the names before anything starts, so a typo fails in a second. */
function checkVariants(opts: CommonOpts, names: (string | undefined)[]): void {
  const file = configOrExit(envFor(opts)).evaluation.variantsFile;
  try {
    const defined = loadVariants(file).variants.map((v) => v.name);
    for (const name of names) {
      if (name !== undefined && !defined.includes(name)) fail(`unknown variant "${name}"; the variants file defines: ${defined.join(', ')}`);
    }
  } catch (err) {
    if (err instanceof VariantsFileError) fail(err.message);
    throw err;
  }
}

/**
 * The shared `eval` command group. Each evaluation adds its subcommand to the group this returns
 * (`registerXxx(evalGroup(program))`), so commands from different modules land under one `eval`.
 */
export function evalGroup(program: Command): Command {
  return (
    program.commands.find((c) => c.name() === 'eval') ??
    program.command('eval').description('offline evaluations that print metrics: classification, retrieval, pipeline runs, A/B tests')
  );
}

export function registerEvalCommands(program: Command): void {
  const evalCmd = evalGroup(program);
  registerEvalRetrievalCommand(evalCmd);

  evalCmd
    .command('run')
    .description('run a labelled tickets file through one variant and report accuracy, quality, latency and cost')
    .requiredOption('--dataset <file>', 'labelled tickets (e.g. data/eval/tickets.json or data/sample_tickets/test_cases.json)')
    .option('--variant <name>', 'variant from the variants file (default: its default variant)')
    .option('--variants <file>', 'variants file (default: VARIANTS_FILE)')
    .option('--out <file>', 'also write the full JSON report here')
    .option('--json', 'print the JSON report instead of text')
    .action(async (opts: CommonOpts & { variant?: string }) => {
      const tickets = datasetOrExit(opts.dataset);
      checkVariants(opts, [opts.variant]);
      await withDeps({ env: envFor(opts) }, async (deps) => {
        const variant = variantOrExit(deps, opts.variant);
        const bar = progress(`eval ${variant.name}`, tickets.length);
        const { policy } = loadReviewParts(configOrExit(envFor(opts)).review, undefined);
        const rows: RunRow[] = [];
        const decisions: PolicyDecision[] = [];
        for (const t of tickets) {
          const output = await deps.evaluation.pipeline.processAs(variant, t.ticket.ticket_id ?? t.id, t.ticket);
          rows.push({ id: t.id, correct: scoreLabels(t, output), output });
          decisions.push(decide(policy, { analysis: output.analysis, qualityScore: output.quality?.score, subject: t.ticket.subject, body: t.ticket.body }));
          bar.tick(t.id);
        }
        bar.done();
        const summary = { ...summarizeRun(rows), review: summarizeReview(decisions) };
        const report = {
          dataset: opts.dataset,
          variant,
          provider: deps.provider.name,
          summary,
          cases: rows.map((r, i) => ({
            id: r.id,
            correct: r.correct,
            quality: r.output.quality?.score ?? null,
            failed_checks: r.output.quality?.failed ?? [],
            latency_ms: r.output.metrics.latency_ms.total,
            cost_usd: r.output.metrics.cost_usd,
            review: decisions[i]!.state,
            review_reasons: decisions[i]!.reasons,
          })),
        };
        writeJson(opts.out, report);
        process.stdout.write(opts.json ? `${JSON.stringify(report, null, 2)}\n` : `variant ${variant.name} on ${tickets.length} tickets (${opts.dataset})\n${formatSummary(summary)}\n${formatReviewSummary(summary.review)}\n`);
      });
    });

  evalCmd
    .command('ab')
    .description('run two variants on the same tickets and test each metric for a significant difference')
    .requiredOption('--a <variant>', 'variant A (the control)')
    .requiredOption('--b <variant>', 'variant B (the candidate)')
    .requiredOption('--dataset <file>', 'labelled tickets')
    .option('--variants <file>', 'variants file (default: VARIANTS_FILE)')
    .option('--alpha <alpha>', 'significance level', '0.05')
    .option('--power <power>', 'power for the sample size needed', '0.8')
    .option('--out <file>', 'also write the JSON report here')
    .option('--json', 'print the JSON report instead of text')
    .action(async (opts: CommonOpts & { a: string; b: string; alpha: string; power: string }) => {
      const alpha = Number(opts.alpha);
      const power = Number(opts.power);
      if (!(alpha > 0 && alpha < 1)) fail(`--alpha must be between 0 and 1 (got "${opts.alpha}")`);
      if (!(power > 0 && power < 1)) fail(`--power must be between 0 and 1 (got "${opts.power}")`);
      const tickets = datasetOrExit(opts.dataset);
      checkVariants(opts, [opts.a, opts.b]);
      await withDeps({ env: envFor(opts) }, async (deps) => {
        const a = variantOrExit(deps, opts.a);
        const b = variantOrExit(deps, opts.b);
        const bar = progress(`eval ab ${a.name} vs ${b.name}`, tickets.length);
        const run = await runPaired({
          tickets,
          a,
          b,
          run: (v, id, ticket) => deps.evaluation.pipeline.processAs(v, id, ticket),
          onTicket: (id) => bar.tick(id),
        });
        bar.done();
        const report = { dataset: opts.dataset, variants: { a, b }, ...compareVariants({ a: a.name, b: b.name }, run, { alpha, power }) };
        writeJson(opts.out, report);
        process.stdout.write(opts.json ? `${JSON.stringify(report, null, 2)}\n` : `${formatAbReport(report)}\n`);
      });
    });
}
