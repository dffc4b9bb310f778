import cors from '@fastify/cors';
import helmet from '@fastify/helmet';
import type { FastifyInstance } from 'fastify';

/**
 * Security headers on every response (@fastify/helmet defaults: a strict Content-Security-Policy, nosniff,
 * frame-ancestors none, no Referer, HSTS, ...). Swagger UI under /docs sets its own, looser CSP (staticCSP).
 * CORS is off unless origins are configured: without it browsers on other sites cannot call the API at all.
 * Registered before authentication, so a browser can read a 401 and a preflight never needs a key.
 */
export async function registerSecurityHeaders(
  app: FastifyInstance,
  opts: { corsOrigins: string[] },
): Promise<void> {
  await app.register(helmet, { global: true });
  if (opts.corsOrigins.length === 0) return;
  await app.register(cors, {
    origin: opts.corsOrigins.includes('*') ? '*' : opts.corsOrigins,
    methods: ['GET', 'POST', 'PUT', 'PATCH', 'DELETE'],
    allowedHeaders: [
      'authorization',
      'x-api-key',
      'content-type',
      'idempotency-key',
      'prefer',
      'x-request-id',
    ],
    exposedHeaders: [
      'location',
      'retry-after',
      'x-request-id',
      'x-ratelimit-limit',
      'x-ratelimit-remaining',
      'x-ratelimit-reset',
    ],
    maxAge: 600,
  });
}
