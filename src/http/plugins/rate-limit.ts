import rateLimit from '@fastify/rate-limit';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { Redis } from 'ioredis';
import { AppError } from '../../errors.js';

declare module 'fastify' {
  interface FastifyInstance {
    /** Pings the shared rate-limit store; undefined when counters live in memory. */
    rateLimitStorePing?: () => Promise<void>;
  }
}

export interface RateLimitOptions {
  perMinute: number;
  /** redis:// URL: counters shared by every replica. Unset: counters in this process. */
  redisUrl?: string | undefined;
  /** Key prefix in Redis, so several deployments can share one server. */
  nameSpace?: string;
}

/** A caller is its API key when it presented a valid one, else its address. Keys themselves are never stored. */
export function rateLimitKey(request: FastifyRequest): string {
  return request.apiKeyId !== null ? `key:${request.apiKeyId}` : `ip:${request.ip}`;
}

const exempt = (url: string) => url.startsWith('/health') || url.startsWith('/docs');

/**
 * Per-key rate limit with @fastify/rate-limit: RATE_LIMIT_PER_MINUTE requests per key (or per address for
 * callers without one) in a fixed one-minute window, answered with 429 problem+json and Retry-After.
 * With Redis the window is shared by all replicas; if Redis is unreachable requests are let through
 * (skipOnError) rather than failing the service, and /health/ready reports the store down.
 */
export async function registerRateLimit(app: FastifyInstance, opts: RateLimitOptions): Promise<void> {
  if (opts.perMinute <= 0) return;
  let redis: Redis | undefined;
  if (opts.redisUrl) {
    // A slow or absent Redis must not become a slow API: no offline queue (commands fail at once while
    // disconnected, and skipOnError lets the request through), short timeouts, reconnects in the background.
    redis = new Redis(opts.redisUrl, {
      connectTimeout: 1000,
      maxRetriesPerRequest: 1,
      commandTimeout: 500,
      enableOfflineQueue: false,
    });
    redis.on('error', (err) => app.log.warn({ err: err.message }, 'rate-limit store (Redis) error'));
    const client = redis;
    // Counting starts with the first request when Redis is up; an unreachable Redis does not delay start.
    await new Promise<void>((resolve) => {
      const done = () => {
        clearTimeout(timer);
        client.off('ready', done).off('error', done);
        resolve();
      };
      const timer = setTimeout(done, 2000);
      client.once('ready', done).once('error', done);
    });
    app.decorate('rateLimitStorePing', async () => {
      await client.ping();
    });
    app.addHook('onClose', async () => {
      await client.quit().catch(() => client.disconnect());
    });
  }
  await app.register(rateLimit, {
    max: opts.perMinute,
    timeWindow: 60_000,
    keyGenerator: rateLimitKey,
    allowList: (req) => exempt(req.url),
    ...(redis ? { redis, nameSpace: opts.nameSpace ?? 'support-agent:rate-limit:', skipOnError: true } : {}),
    errorResponseBuilder: (_req, ctx) =>
      // Retry-After and the x-ratelimit-* headers are already on the reply.
      new AppError(
        'rate_limited',
        429,
        `rate limit of ${ctx.max} requests per minute exceeded; retry in ${Math.ceil(ctx.ttl / 1000)} s`,
      ),
  });
}
