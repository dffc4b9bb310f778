import type { FastifyInstance } from 'fastify';
import { sendProblem } from './error-handler.js';

/**
 * Bounds the requests in flight. Past the bound, new requests get 503 with Retry-After at once instead of
 * queueing behind the others and slowing everyone down. Health checks are never shed.
 */
export function registerLoadShedding(app: FastifyInstance, opts: { maxConcurrent: number; retryAfterSeconds?: number }): void {
  let inFlight = 0;
  app.addHook('onRequest', async (request, reply) => {
    if (request.url.startsWith('/health')) return;
    if (inFlight >= opts.maxConcurrent) {
      return sendProblem(request, reply, {
        status: 503,
        code: 'overloaded',
        detail: `the service is at its limit of ${opts.maxConcurrent} concurrent requests; retry shortly`,
        headers: { 'retry-after': String(opts.retryAfterSeconds ?? 1) },
      });
    }
    inFlight++;
    (request as { counted?: boolean }).counted = true;
  });
  app.addHook('onResponse', async (request) => {
    if ((request as { counted?: boolean }).counted) inFlight--;
  });
  app.decorate('inFlightRequests', () => inFlight);
}
