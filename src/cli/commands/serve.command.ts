import type { Command } from 'commander';
import { startServer } from '../../server.js';
import { configOrExit } from '../runtime.js';

export function registerServeCommand(program: Command): void {
  program
    .command('serve')
    .description('start the HTTP service (config from the environment and .env)')
    .option('-p, --port <port>', 'port to listen on (overrides PORT)')
    .action(async (opts: { port?: string }) => {
      const config = configOrExit(opts.port ? { PORT: opts.port } : {});
      await startServer(config);
    });
}
