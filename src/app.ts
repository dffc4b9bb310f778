import rateLimit from '@fastify/rate-limit';
import Fastify, { type FastifyBaseLogger, type FastifyInstance } from 'fastify';
import { serializerCompiler, validatorCompiler } from 'fastify-type-provider-zod';
import { randomUUID } from 'node:crypto';
import type { Config } from './config.js';
import type { Deps } from './container.js';
import { registerErrorHandler } from './http/plugins/error-handler.js';
import { registerLoadShedding } from './http/plugins/load-shedding.js';
import { registerSwagger } from './http/plugins/swagger.js';
import { healthRoutes } from './http/routes/health.routes.js';
import { kbRoutes } from './http/routes/kb.routes.js';
import { ticketRoutes } from './http/routes/tickets.routes.js';

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

  registerErrorHandler(app, { bodyLimitBytes: config.server.bodyLimitBytes });
  registerLoadShedding(app, { maxConcurrent: config.limits.maxConcurrentRequests });
  if (config.limits.rateLimitPerMinute > 0) {
    await app.register(rateLimit, {
      max: config.limits.rateLimitPerMinute,
      timeWindow: 60_000,
      allowList: (req) => req.url.startsWith('/health') || req.url.startsWith('/docs'),
      errorResponseBuilder: (_req, ctx) => {
        const err = new Error(`rate limit of ${ctx.max} requests per minute exceeded; retry in ${Math.ceil(ctx.ttl / 1000)} s`) as Error & { statusCode: number; code: string };
        err.statusCode = 429;
        err.code = 'rate_limited';
        return err;
      },
    });
  }
  await registerSwagger(app);
  await app.register(ticketRoutes, {
    prefix: '/tickets',
    limits: { maxSubjectLength: config.limits.maxSubjectLength, maxBodyLength: config.limits.maxBodyLength },
  });
  await app.register(healthRoutes, { prefix: '/health' });
  await app.register(kbRoutes, { prefix: '/kb' });
  app.get('/', { schema: { hide: true } }, async (request, reply) => reply.redirect('/docs'));
  return app;
}
