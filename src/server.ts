import closeWithGrace from 'close-with-grace';
import { pino } from 'pino';
import { buildApp } from './app.js';
import type { Config } from './config.js';
import { createDeps } from './container.js';
import { shutdownGracefully } from './http/plugins/graceful-shutdown.js';
import { loggerOptions } from './logger.js';

/** Starts the HTTP service: build dependencies, recover unfinished tickets, listen, close gracefully. */
export async function startServer(config: Config): Promise<{ url: string; close: () => Promise<void> }> {
  const logger = pino(loggerOptions(config.logLevel));
  const deps = await createDeps(config, logger);
  const app = await buildApp({ config, deps, logger });
  app.addHook('onClose', async () => deps.close());

  const url = await app.listen({ host: config.server.host, port: config.server.port });
  if (config.queue.runWorker) await deps.worker.start();
  if (config.recoverOnStart) {
    // After listen, so a long recovery does not delay health checks.
    deps.tickets
      .recoverUnfinished()
      .then((n) => n > 0 && logger.info({ recovered: n }, 'recovered unfinished tickets'))
      .catch((err: unknown) => logger.error({ err }, 'recovery of unfinished tickets failed'));
    deps.webhooks
      .resumeUndelivered()
      .then((n) => n > 0 && logger.info({ resumed: n }, 'resumed undelivered webhooks'))
      .catch((err: unknown) => logger.error({ err }, 'resuming undelivered webhooks failed'));
    deps.staff
      .resumePending()
      .then((n) => n > 0 && logger.info({ resumed: n }, 'resumed pending staff events'))
      .catch((err: unknown) => logger.error({ err }, 'resuming staff events failed'));
  }

  if (config.auth.apiKeys.length === 0) logger.warn('no API_KEYS configured: /tickets is open to anyone who can reach this port');
  // SIGTERM/SIGINT: drain, give in-flight tickets SHUTDOWN_TIMEOUT_MS, hand back the rest, close the pools.
  // close-with-grace's own delay is only the last resort if closing hangs.
  closeWithGrace({ delay: config.server.shutdownTimeoutMs + 5000 }, async ({ signal, err }) => {
    if (err) logger.error({ err }, 'shutting down after an error');
    else logger.info({ signal }, 'shutting down');
    await shutdownGracefully(app, { timeoutMs: config.server.shutdownTimeoutMs, log: logger });
  });
  return { url, close: () => app.close() };
}
