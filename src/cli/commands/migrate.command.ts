import type { Command } from 'commander';
import { createStorage } from '../../container.js';
import { cliLogger, configOrExit } from '../runtime.js';

export function registerMigrateCommand(program: Command): void {
  program
    .command('migrate')
    .description('create or upgrade the schema of DATABASE_URL (tickets, webhook attempts and, on PostgreSQL, the pg-boss queue)')
    .action(async () => {
      const config = configOrExit();
      const { store, jobs } = await createStorage(config, cliLogger(config));
      await jobs?.stop();
      await store.close();
      process.stdout.write(`${JSON.stringify({ migrated: true, store: store.kind, queue: jobs ? jobs.kind : 'table' })}\n`);
    });
}
