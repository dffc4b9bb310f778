import type { Command } from 'commander';
import { apiKeyEntry, generateApiKey } from '../../security/api-keys.js';

const NAME_RE = /^[A-Za-z0-9._-]{1,64}$/;

/** A new key and the API_KEYS entry that stores only its hash. */
export function createKey(name: string): { name: string; key: string; entry: string } {
  if (!NAME_RE.test(name))
    throw new Error(`--name "${name}": use 1-64 letters, digits, dots, dashes or underscores`);
  const key = generateApiKey();
  return { name, key, entry: apiKeyEntry(name, key) };
}

export function registerKeysCommand(program: Command): void {
  const keys = program.command('keys').description('manage API keys');
  keys
    .command('create')
    .description('create an API key: prints the key once and the API_KEYS entry that holds only its hash')
    .option('--name <name>', 'a name for the key, shown in logs and used for its rate limit', 'default')
    .option('--json', 'print {name, key, entry} as JSON')
    .action((opts: { name: string; json?: boolean }) => {
      let created;
      try {
        created = createKey(opts.name);
      } catch (err) {
        process.stderr.write(`${(err as Error).message}\n`);
        process.exit(2);
      }
      if (opts.json) {
        process.stdout.write(`${JSON.stringify(created)}\n`);
        return;
      }
      process.stdout.write(
        [
          `API key "${created.name}" (shown once; give it to the client, it cannot be recovered):`,
          `  ${created.key}`,
          '',
          'Add this entry to API_KEYS (comma-separated with any others); it holds only the SHA-256 of the key:',
          `  ${created.entry}`,
          '',
          'Clients send it as "Authorization: Bearer <key>" or "X-API-Key: <key>".',
          '',
        ].join('\n'),
      );
    });
}
