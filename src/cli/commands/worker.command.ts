import closeWithGrace from 'close-with-grace';
import type { Command } from 'commander';
import { pino } from 'pino';
import { createDeps } from '../../container.js';
import { loggerOptions } from '../../logger.js';
import { configOrExit } from '../runtime.js';

export function registerWorkerCommand(program: Command): void {
  program
    .command('worker')
    .description('process queued tickets without serving HTTP; run as many as you like against one DATABASE_URL')
    .option('-c, --concurrency <n>', 'tickets processed at once (overrides WORKER_CONCURRENCY)')
    .action(async (opts: { concurrency?: string }) => {
      const config = configOrExit(opts.concurrency ? { WORKER_CONCURRENCY: opts.concurrency } : {});
      const logger = pino(loggerOptions(config.logLevel));
      const deps = await createDeps(config, logger);
      await deps.worker.start();
      // Tickets a crashed API or worker left behind are picked up by the worker's periodic sweep too; this is just sooner.
      deps.tickets.recoverUnfinished().catch((err: unknown) => logger.error({ err }, 'recovery of unfinished tickets failed'));
      deps.webhooks.resumeUndelivered().catch((err: unknown) => logger.error({ err }, 'resuming undelivered webhooks failed'));
      deps.staff.resumePending().catch((err: unknown) => logger.error({ err }, 'resuming staff events failed'));
      process.stderr.write(`worker ${deps.worker.owner} started (${deps.store.kind}, concurrency ${config.queue.concurrency})\n`);
      closeWithGrace({ delay: 30_000 }, async ({ signal, err }) => {
        if (err) logger.error({ err }, 'worker stopping after an error');
        else logger.info({ signal }, 'worker stopping: finishing the tickets in hand');
        await deps.close();
      });
    });
}
