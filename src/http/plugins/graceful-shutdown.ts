import type { FastifyInstance } from 'fastify';
import type { Logger } from '../../logger.js';
import { sendProblem } from './error-handler.js';

declare module 'fastify' {
  interface FastifyInstance {
    /** Aborted when in-flight work must be handed back (shutdown deadline); pass it to long work. */
    shutdownSignal: AbortSignal;
    isDraining: () => boolean;
    abortInFlight: () => void;
  }
}

/** Seconds a client should wait before retrying elsewhere (or here, after the restart). */
const RETRY_AFTER_SECONDS = 5;

/**
 * Draining: from the moment app.close() starts (preClose), new requests get 503 problem+json with
 * Retry-After and `Connection: close`, and /health/ready answers 503 "draining" (so load balancers stop
 * sending traffic), while requests already in flight run to completion. The liveness probe stays 200.
 * Needs Fastify's own `return503OnClosing: false`, so this handler (not Fastify's plain one) answers.
 */
export function registerGracefulShutdown(app: FastifyInstance): void {
  const controller = new AbortController();
  let draining = false;
  app.decorate('shutdownSignal', controller.signal);
  app.decorate('isDraining', () => draining);
  app.decorate('abortInFlight', () => controller.abort(new Error('service shutting down')));

  app.addHook('preClose', async () => {
    draining = true;
  });
  app.addHook('onRequest', async (request, reply) => {
    // The probes answer for themselves: /health stays 200, /health/ready says "draining" with 503.
    if (!draining || request.url.startsWith('/health')) return;
    reply.header('connection', 'close');
    return sendProblem(request, reply, {
      status: 503,
      code: 'shutting_down',
      detail: 'the service is shutting down; retry shortly',
      headers: { 'retry-after': String(RETRY_AFTER_SECONDS) },
    });
  });
  app.addHook('onSend', async (_request, reply) => {
    if (draining) reply.header('connection', 'close');
  });
}

/**
 * Stops accepting, lets in-flight requests finish for up to timeoutMs, then hands back the rest (their
 * tickets stay unfinished in the store for recovery, their callers get 503), and finally runs the onClose
 * hooks, which close the store, the Redis connection and the embedded status server.
 */
export async function shutdownGracefully(
  app: FastifyInstance,
  opts: { timeoutMs: number; log: Logger },
): Promise<void> {
  const started = Date.now();
  const timer = setTimeout(() => {
    opts.log.warn(
      { inFlight: app.admission.active, timeoutMs: opts.timeoutMs },
      'shutdown deadline reached; handing back in-flight tickets',
    );
    app.abortInFlight();
  }, opts.timeoutMs);
  timer.unref();
  // Idle keep-alive sockets are closed by server.close(); sockets that never sent a request (a client's
  // pre-opened spare connection) are not, and would hold the close open. Once nothing is in flight, close them.
  const sweeper = setInterval(() => {
    if (app.admission.active === 0 && app.admission.queued === 0) app.server.closeAllConnections();
  }, 50);
  sweeper.unref();
  try {
    await app.close();
  } finally {
    clearTimeout(timer);
    clearInterval(sweeper);
  }
  opts.log.info({ ms: Date.now() - started }, 'shut down cleanly');
}
