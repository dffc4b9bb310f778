import type { Command } from 'commander';
import { buildMockStatusApp } from '../../status/mock-status-server.js';
import { loadStatusFixtures } from '../../status/status-fixtures.js';
import { configOrExit } from '../runtime.js';

export function registerMockStatusCommand(program: Command): void {
  program
    .command('mock-status')
    .description('run the mock Statuspage v2 API standalone (point STATUS_API_URL at it)')
    .option('-p, --port <port>', 'port', '4010')
    .option('--host <host>', 'host', '127.0.0.1')
    .option('--fixtures <dir>', 'fixtures directory (default STATUS_FIXTURES_DIR)')
    .action(async (opts: { port: string; host: string; fixtures?: string }) => {
      const config = configOrExit();
      const app = buildMockStatusApp({ fixtures: loadStatusFixtures(opts.fixtures ?? config.status.fixturesDir) });
      const url = await app.listen({ host: opts.host, port: Number(opts.port) });
      process.stderr.write(`mock status API on ${url}/api/v2/summary.json\n`);
      const stop = () => void app.close().then(() => process.exit(0));
      process.once('SIGINT', stop);
      process.once('SIGTERM', stop);
    });
}
