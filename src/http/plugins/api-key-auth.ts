import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { ApiKeyVerifier } from '../../security/api-keys.js';
import { sendProblem } from './error-handler.js';

declare module 'fastify' {
  interface FastifyRequest {
    /** Id (name) of the API key the request presented, or null when it presented none or a wrong one. */
    apiKeyId: string | null;
  }
  interface FastifyInstance {
    /** True when API keys are configured and protected routes need one. */
    authEnabled: boolean;
  }
}

/** Route prefixes that need a key. By prefix, so routes added under them later are covered too. */
export const PROTECTED_PREFIXES = ['/tickets', '/kb', '/stats', '/reviews'] as const;

/** The key from `Authorization: Bearer <key>` or `X-API-Key: <key>`. */
export function presentedKey(request: FastifyRequest): string | undefined {
  const auth = request.headers.authorization;
  if (typeof auth === 'string') {
    const m = /^Bearer\s+(\S+)\s*$/i.exec(auth);
    if (m) return m[1];
  }
  const header = request.headers['x-api-key'];
  return typeof header === 'string' && header.trim() !== '' ? header.trim() : undefined;
}

function underPrefix(path: string, prefixes: readonly string[]): boolean {
  const p = path.toLowerCase();
  return prefixes.some((prefix) => p === prefix || p.startsWith(`${prefix}/`));
}

/** True for requests to a protected route: judged on the raw path and on the matched route. */
export function isProtected(
  request: FastifyRequest,
  prefixes: readonly string[] = PROTECTED_PREFIXES,
): boolean {
  const path = request.url.split('?')[0] ?? '';
  const route = request.routeOptions.url;
  return underPrefix(path, prefixes) || (route !== undefined && underPrefix(route, prefixes));
}

/**
 * Identifies the caller by API key on every request (rate limits and /health/ready read `request.apiKeyId`)
 * and answers 401 problem+json on protected routes without a valid key. Without configured keys, nothing is
 * enforced (development; production refuses to start without keys unless told otherwise).
 */
export function registerApiKeyAuth(
  app: FastifyInstance,
  opts: { verifier: ApiKeyVerifier; protectedPrefixes?: readonly string[] },
): void {
  const prefixes = opts.protectedPrefixes ?? PROTECTED_PREFIXES;
  const enabled = opts.verifier.size > 0;
  app.decorate('authEnabled', enabled);
  app.decorateRequest('apiKeyId', null);
  if (!enabled) return;

  app.addHook('onRequest', async (request, reply) => {
    const key = presentedKey(request);
    if (key !== undefined) request.apiKeyId = opts.verifier.verify(key) ?? null;
    // CORS preflights carry no credentials by design.
    if (request.apiKeyId !== null || request.method === 'OPTIONS' || !isProtected(request, prefixes)) return;
    return sendProblem(request, reply, {
      status: 401,
      code: key === undefined ? 'missing_api_key' : 'invalid_api_key',
      detail:
        key === undefined
          ? 'an API key is required: send "Authorization: Bearer <key>" or "X-API-Key: <key>"'
          : 'the API key is not valid',
      headers: { 'www-authenticate': 'Bearer realm="support-agent"' },
    });
  });
}
