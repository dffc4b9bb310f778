import 'dotenv/config';
import { pino } from 'pino';
import { ConfigError, loadConfig, type Config } from '../config.js';
import { createDeps, type Deps } from '../container.js';
import { loggerOptions, type Logger } from '../logger.js';

/** Loads config from the environment (and .env), printing a readable message and exiting on bad values. */
export function configOrExit(overrides: Record<string, string> = {}): Config {
  try {
    return loadConfig({ ...process.env, ...overrides });
  } catch (err) {
    if (err instanceof ConfigError) {
      process.stderr.write(`${err.message}\n`);
      process.exit(2);
    }
    throw err;
  }
}

/** CLI commands log warnings to stderr only, so stdout stays clean JSON or tables. */
export function cliLogger(config: Config): Logger {
  return pino({ ...loggerOptions(config.logLevel === 'info' ? 'warn' : config.logLevel, false) }, pino.destination(2));
}

/** Builds the dependencies for a one-off command; tickets go to an in-memory store unless persist is set. */
export async function withDeps<T>(
  opts: { persist?: boolean; env?: Record<string, string> },
  fn: (deps: Deps, config: Config) => Promise<T>,
): Promise<T> {
  const config = configOrExit({ ...(opts.persist ? {} : { DATABASE_URL: 'sqlite::memory:', RECOVER_ON_START: 'false' }), ...opts.env });
  const deps = await createDeps(config, cliLogger(config));
  try {
    return await fn(deps, config);
  } finally {
    await deps.close();
  }
}

/** A 24-cell bar for a terminal progress line. */
export function bar(n: number, total: number, width = 24): string {
  const filled = Math.round((Math.min(n, total) / Math.max(1, total)) * width);
  return `[${'#'.repeat(filled)}${'-'.repeat(width - filled)}]`;
}

/** Progress for long runs: a live line on a terminal, plain lines in CI and pipes. */
export function progress(label: string, total: number): { tick: (note?: string) => void; done: () => void } {
  const tty = process.stderr.isTTY;
  let n = 0;
  const started = Date.now();
  return {
    tick(note = '') {
      n++;
      const line = `${label} ${n}/${total} ${note}`.trimEnd();
      if (tty) process.stderr.write(`\r\x1b[2K${label} ${bar(n, total)} ${n}/${total} ${note}`.trimEnd());
      else if (n === total || n % Math.max(1, Math.floor(total / 10)) === 0) process.stderr.write(`${line}\n`);
    },
    done() {
      if (tty) process.stderr.write('\n');
      process.stderr.write(`${label}: ${n}/${total} done in ${((Date.now() - started) / 1000).toFixed(1)} s\n`);
    },
  };
}
