import type { LoggerOptions } from 'pino';

/** The minimal logger domain code depends on (pino satisfies it), so domain modules stay free of pino/fastify. */
export interface Logger {
  error(obj: unknown, msg?: string): void;
  warn(obj: unknown, msg?: string): void;
  info(obj: unknown, msg?: string): void;
  debug(obj: unknown, msg?: string): void;
  child(bindings: Record<string, unknown>): Logger;
}

export const silentLogger: Logger = {
  error() {},
  warn() {},
  info() {},
  debug() {},
  child() {
    return silentLogger;
  },
};

/**
 * Paths pino blanks out wherever they appear. Ticket bodies and keys must never reach a log:
 * request bodies are not logged at all, and these catch accidental inclusion in log objects.
 */
export const REDACT_PATHS = [
  'req.headers.authorization',
  'req.headers["x-api-key"]',
  'req.headers.cookie',
  'headers.authorization',
  'headers["x-api-key"]',
  '*.apiKey',
  '*.api_key',
  '*.anthropicApiKey',
  '*.openaiApiKey',
  '*.promptLayerApiKey',
  'body',
  '*.body',
  'ticket.body',
  '*.ticket.body',
];

export function loggerOptions(level: string, pretty = process.stdout.isTTY): LoggerOptions {
  return {
    level,
    redact: { paths: REDACT_PATHS, censor: '[redacted]' },
    ...(pretty ? { transport: { target: 'pino-pretty', options: { translateTime: 'HH:MM:ss.l', ignore: 'pid,hostname' } } } : {}),
  };
}
