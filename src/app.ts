import Fastify, { type FastifyBaseLogger, type FastifyInstance } from 'fastify';
import { serializerCompiler, validatorCompiler } from 'fastify-type-provider-zod';
import { randomUUID } from 'node:crypto';
import type { Config } from './config.js';
import type { Deps } from './container.js';
import { registerApiKeyAuth } from './http/plugins/api-key-auth.js';
import { registerErrorHandler } from './http/plugins/error-handler.js';
import { registerGracefulShutdown } from './http/plugins/graceful-shutdown.js';
import { registerLoadShedding } from './http/plugins/load-shedding.js';
import { registerRequestMetrics } from './http/plugins/request-metrics.js';
import { registerRateLimit } from './http/plugins/rate-limit.js';
import { registerSecurityHeaders } from './http/plugins/security-headers.js';
import { registerSwagger } from './http/plugins/swagger.js';
import { healthRoutes } from './http/routes/health.routes.js';
import { metricsRoutes } from './http/routes/metrics.routes.js';
import { statsRoutes } from './http/routes/stats.routes.js';
import { kbRoutes } from './http/routes/kb.routes.js';
import { ticketRoutes } from './http/routes/tickets.routes.js';
import { reviewRoutes } from './http/routes/review.routes.js';
import { ApiKeyVerifier } from './security/api-keys.js';

declare module 'fastify' {
  interface FastifyInstance {
    deps: Deps;
    inFlightRequests: () => number;
  }
}

export interface BuildAppOptions {
  config: Config;
  deps: Deps;
  /** A pino logger; none (the default in tests) logs nothing. */
  logger?: FastifyBaseLogger;
}

const REQUEST_ID_RE = /^[A-Za-z0-9._:-]{1,128}$/;

/** Builds the HTTP app around its dependencies. Never listens; server.ts and tests decide that. */
export async function buildApp({ config, deps, logger }: BuildAppOptions): Promise<FastifyInstance> {
  const app = Fastify({
    ...(logger ? { loggerInstance: logger } : { logger: false }),
    bodyLimit: config.server.bodyLimitBytes,
    // Slow senders (slowloris) lose their connection; processing time is not counted.
    requestTimeout: config.server.requestTimeoutMs,
    // Draining requests get our problem+json 503 (graceful-shutdown.ts), not Fastify's plain one.
    return503OnClosing: false,
    requestIdHeader: false,
    genReqId: (req) => {
      const given = req.headers['x-request-id'];
      return typeof given === 'string' && REQUEST_ID_RE.test(given) ? given : randomUUID();
    },
  });
  app.setValidatorCompiler(validatorCompiler);
  app.setSerializerCompiler(serializerCompiler);
  // Only JSON is accepted; a text/plain body gets 415 rather than a confusing type error.
  app.removeContentTypeParser(['text/plain']);
  app.decorate('deps', deps);
  app.addHook('onSend', async (request, reply) => {
    reply.header('x-request-id', request.id);
  });

  registerRequestMetrics(app, deps.metrics);
  registerErrorHandler(app, { bodyLimitBytes: config.server.bodyLimitBytes });
  // Hook order matters: headers on every answer, then drain, pressure, key, rate limit (route-level
  // onRequest), and last the admission queue (preParsing), so rejected callers never hold a slot.
  await registerSecurityHeaders(app, { corsOrigins: config.cors.origins });
  registerGracefulShutdown(app);
  await registerLoadShedding(app, {
    maxConcurrent: config.limits.maxConcurrentRequests,
    maxQueued: config.limits.maxQueuedRequests,
    queueTimeoutMs: config.limits.queueTimeoutMs,
    pressure: config.limits.pressure,
  });
  registerApiKeyAuth(app, { verifier: new ApiKeyVerifier(config.auth.apiKeys) });
  await registerRateLimit(app, { perMinute: config.limits.rateLimitPerMinute, redisUrl: config.redisUrl });
  await registerSwagger(app);
  await app.register(ticketRoutes, {
    prefix: '/tickets',
    limits: { maxSubjectLength: config.limits.maxSubjectLength, maxBodyLength: config.limits.maxBodyLength },
  });
  await app.register(healthRoutes, { prefix: '/health' });
  await app.register(statsRoutes, { prefix: '/stats' });
  await app.register(metricsRoutes, { prefix: '/metrics' });
  await app.register(kbRoutes, { prefix: '/kb' });
  await app.register(reviewRoutes);
  app.get('/', { schema: { hide: true } }, async (request, reply) => reply.redirect('/docs'));
  return app;
}
