import underPressure from '@fastify/under-pressure';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { AppError } from '../../errors.js';
import { AdmissionGate, AdmissionRejected } from '../admission-gate.js';

declare module 'fastify' {
  interface FastifyInstance {
    admission: AdmissionGate;
  }
}

export interface LoadSheddingOptions {
  maxConcurrent: number;
  maxQueued: number;
  queueTimeoutMs: number;
  /** Process thresholds for @fastify/under-pressure; 0 turns a check off. */
  pressure: {
    maxEventLoopDelayMs: number;
    maxHeapUsedBytes: number;
    maxRssBytes: number;
    sampleIntervalMs: number;
  };
}

/** Seconds a client should wait: a queue drains in about a second, a process under pressure takes longer. */
const RETRY_AFTER = { queue: 1, pressure: 5 } as const;

/** Health probes and the docs are never shed: an operator must see an overloaded service. */
const exempt = (request: FastifyRequest) =>
  request.method === 'OPTIONS' || request.url.startsWith('/health') || request.url.startsWith('/docs');

const overloaded = (detail: string, retryAfter: number) =>
  new AppError('overloaded', 503, detail, { expose: true, headers: { 'retry-after': String(retryAfter) } });

/**
 * Two layers of load shedding, both answering 503 problem+json with Retry-After instead of slowing every
 * caller down: @fastify/under-pressure turns requests away while the process itself is saturated (event
 * loop delay, heap, RSS), and a bounded admission queue caps requests in flight at MAX_CONCURRENT_REQUESTS,
 * lets MAX_QUEUED_REQUESTS wait up to REQUEST_QUEUE_TIMEOUT_MS, and rejects the rest at once. The queue runs after
 * authentication and rate limiting (preParsing), so rejected callers never hold a slot, and before the
 * body is read, so a queued request costs no parsing.
 */
export async function registerLoadShedding(app: FastifyInstance, opts: LoadSheddingOptions): Promise<void> {
  await app.register(underPressure, {
    maxEventLoopDelay: opts.pressure.maxEventLoopDelayMs,
    maxHeapUsedBytes: opts.pressure.maxHeapUsedBytes,
    maxRssBytes: opts.pressure.maxRssBytes,
    sampleInterval: opts.pressure.sampleIntervalMs,
    pressureHandler: async (request, _reply, type) => {
      if (exempt(request)) return;
      throw overloaded(`the service is under pressure (${type}); retry shortly`, RETRY_AFTER.pressure);
    },
  });

  const gate = new AdmissionGate({
    maxConcurrent: opts.maxConcurrent,
    maxQueued: opts.maxQueued,
    queueTimeoutMs: opts.queueTimeoutMs,
  });
  app.decorate('admission', gate);
  const releases = new WeakMap<FastifyRequest, () => void>();

  app.addHook('preParsing', async (request, reply, payload) => {
    if (exempt(request)) return payload;
    const gone = new AbortController();
    const onClose = () => gone.abort();
    reply.raw.once('close', onClose);
    try {
      const release = await gate.acquire(gone.signal);
      releases.set(request, release);
      return payload;
    } catch (err) {
      if (!(err instanceof AdmissionRejected)) throw err;
      const why =
        err.reason === 'queue_full'
          ? `the service is at its limit of ${opts.maxConcurrent} concurrent requests and its queue is full`
          : `no request slot freed within ${opts.queueTimeoutMs} ms`;
      throw overloaded(`${why}; retry shortly`, RETRY_AFTER.queue);
    } finally {
      reply.raw.removeListener('close', onClose);
    }
  });
  // The slot is held until the work is done, even when the client left early: onSend runs once the handler
  // (or the error handler) produced its answer, whether or not anyone is still listening; onResponse is the
  // fallback. Release is idempotent.
  const release = async (request: FastifyRequest) => {
    releases.get(request)?.();
  };
  app.addHook('onSend', async (request, _reply, payload) => {
    await release(request);
    return payload;
  });
  app.addHook('onResponse', release);
  app.decorate('inFlightRequests', () => gate.active);
}
