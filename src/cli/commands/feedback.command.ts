import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import type { Command } from 'commander';
import { createStorage } from '../../container.js';
import { correctionsCsv } from '../../review/feedback-export.js';
import { cliLogger, configOrExit } from '../runtime.js';

export function registerFeedbackCommand(program: Command): void {
  const feedback = program.command('feedback').description('feedback given on results (POST /tickets/:id/feedback)');
  feedback
    .command('export')
    .description('write corrected tickets of DATABASE_URL as a CSV that `support-agent train --data` reads')
    .requiredOption('--out <file.csv>', 'where to write the CSV (columns text, category, priority, sentiment)')
    .action(async (opts: { out: string }) => {
      const config = configOrExit();
      const { store, jobs } = await createStorage(config, cliLogger(config));
      try {
        const rows = await store.listCorrections();
        const { csv, written, skipped } = correctionsCsv(rows);
        mkdirSync(dirname(opts.out), { recursive: true });
        writeFileSync(opts.out, csv);
        process.stderr.write(
          `feedback export: ${written} corrected ticket${written === 1 ? '' : 's'} written to ${opts.out}` +
            `${skipped ? ` (${skipped} skipped: no label to export)` : ''}\n`,
        );
        process.stdout.write(`${JSON.stringify({ out: opts.out, rows: written, skipped, store: store.kind })}\n`);
      } finally {
        await jobs?.stop();
        await store.close();
      }
    });
}
