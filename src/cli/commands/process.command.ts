import { readFileSync } from 'node:fs';
import type { Command } from 'commander';
import { z } from 'zod';
import { TicketInputSchema } from '../../schemas/ticket.schema.js';
import { progress, withDeps } from '../runtime.js';


export function registerProcessCommand(program: Command): void {
  program
    .command('process <file>')
    .description('process one ticket or an array of tickets from a JSON file ("-" reads stdin); prints results as JSON')
    .option('--persist', 'store results in DATABASE_URL instead of memory')
    .action(async (file: string, opts: { persist?: boolean }) => {
      const text = readFileSync(file === '-' ? 0 : file, 'utf8');
      let json: unknown;
      try {
        json = JSON.parse(text);
      } catch (err) {
        process.stderr.write(`${file}: not valid JSON: ${(err as Error).message}\n`);
        process.exitCode = 2;
        return;
      }
      // Parse by shape so errors name the field, not just "invalid union".
      const parsed = Array.isArray(json) ? z.array(TicketInputSchema).safeParse(json) : TicketInputSchema.safeParse(json);
      if (!parsed.success) {
        process.stderr.write(
          `${file}: not a ticket or a list of tickets:\n${parsed.error.issues.map((i) => `  ${i.path.join('.') || '(root)'}: ${i.message}`).join('\n')}\n`,
        );
        process.exitCode = 2;
        return;
      }
      const tickets = Array.isArray(parsed.data) ? parsed.data : [parsed.data];
      await withDeps({ persist: opts.persist ?? false }, async (deps) => {
        const bar = tickets.length > 1 ? progress('process', tickets.length) : undefined;
        const results = [];
        for (const t of tickets) {
          results.push((await deps.tickets.submit(t)).record);
          bar?.tick(t.ticket_id ?? '');
        }
        bar?.done();
        process.stdout.write(`${JSON.stringify(Array.isArray(parsed.data) ? results : results[0], null, 2)}\n`);
      });
    });
}
