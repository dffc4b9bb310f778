import type { FastifyInstance, FastifyPluginAsync } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { describeModels } from '../../analysis/analyzer-models.js';
import type { Deps } from '../../container.js';
import { errorMessage } from '../../errors.js';
import { VERSION } from '../../version.js';

const CheckSchema = z.object({
  status: z.enum(['up', 'degraded', 'down']),
  required: z.boolean().describe('Whether the service is down when this part is'),
  detail: z.string().optional().describe('Shown only to callers with a valid API key (or when keys are off)'),
  latency_ms: z.number(),
});
export const LivenessSchema = z.object({ status: z.literal('ok') });
/** What anyone may see: each part's status and the version, no hosts, counts or error messages. */
export const PublicHealthSchema = z.object({
  status: z.enum(['ok', 'degraded', 'down']),
  version: z.string(),
  checks: z.record(z.string(), z.enum(['up', 'degraded', 'down'])),
});
export type PublicHealth = z.infer<typeof PublicHealthSchema>;
export const HealthSchema = z.object({
  status: z.enum(['ok', 'degraded', 'down', 'draining']).describe('draining: shutting down, send traffic elsewhere'),
  version: z.string(),
  uptime_s: z.number(),
  checks: z.object({
    store: CheckSchema,
    knowledge_index: CheckSchema,
    status_api: CheckSchema,
    provider: CheckSchema,
    load: CheckSchema,
    rate_limit_store: CheckSchema.optional(),
    analyzer_models: CheckSchema,
  }),
});
export type Health = z.infer<typeof HealthSchema>;
type Check = z.infer<typeof CheckSchema>;
type Probe = () => Promise<Omit<Check, 'latency_ms' | 'required'>>;

async function timed(required: boolean, probe: Probe): Promise<Check> {
  const start = performance.now();
  try {
    const r = await probe();
    return { ...r, required, latency_ms: Math.round((performance.now() - start) * 100) / 100 };
  } catch (err) {
    return { status: 'down', required, detail: errorMessage(err), latency_ms: Math.round((performance.now() - start) * 100) / 100 };
  }
}

/** Process-level probes the HTTP app adds to the dependency checks. */
export interface AppProbes {
  load?: Probe;
  rateLimitStore?: Probe;
}

/** Checks each part. The store and the knowledge index are required; without the status API or a remote
 * model the service still answers (degraded), so those only degrade health. */
export async function checkHealth(deps: Deps, probes: AppProbes = {}): Promise<Health> {
  const [store, knowledge_index, status_api, provider, analyzer_models, load, rate_limit_store] = await Promise.all([
    timed(true, () => deps.store.ping()),
    timed(true, async () => {
      const s = deps.knowledgeIndex.stats();
      return s.articles > 0
        ? { status: 'up' as const, detail: `${s.articles} articles, ${s.kind}` }
        : { status: 'down' as const, detail: 'knowledge index is empty' };
    }),
    timed(false, async () => {
      await deps.statusClient.ping();
      return { status: 'up' as const, detail: new URL(deps.statusClient.baseUrl).host };
    }),
    timed(false, async () => ({ ...(await deps.provider.health()) })),
    timed(false, async () => ({ status: 'up' as const, detail: describeModels(deps.analyzer?.info ?? []) })),
    timed(false, probes.load ?? (async () => ({ status: 'up' as const }))),
    probes.rateLimitStore ? timed(false, probes.rateLimitStore) : undefined,
  ]);
  const checks = { store, knowledge_index, status_api, provider, analyzer_models, load, ...(rate_limit_store ? { rate_limit_store } : {}) };
  const all = Object.values(checks);
  const status = all.some((c) => c.required && c.status === 'down')
    ? 'down'
    : all.some((c) => c.status !== 'up')
      ? 'degraded'
      : 'ok';
  return { status, version: VERSION, uptime_s: Math.round(process.uptime()), checks };
}

function appProbes(app: FastifyInstance): AppProbes {
  const ping = app.rateLimitStorePing;
  return {
    load: async () => {
      const { active, queued } = app.admission;
      const detail = `${active} requests in flight, ${queued} queued`;
      return app.isUnderPressure() ? { status: 'degraded', detail: `under pressure; ${detail}` } : { status: 'up', detail };
    },
    ...(ping ? { rateLimitStore: async () => (await ping(), { status: 'up' as const, detail: 'redis' }) } : {}),
  };
}

/** Internals (hosts, counts, error messages) are for operators: stripped for anonymous callers. */
function withoutDetails(health: Health): Health {
  const checks = Object.fromEntries(
    Object.entries(health.checks).map(([name, c]) => [name, { status: c.status, required: c.required, latency_ms: c.latency_ms }]),
  ) as Health['checks'];
  return { ...health, checks };
}

function publicView(health: Health): PublicHealth {
  const status = health.status === 'draining' ? 'ok' : health.status;
  return { status, version: health.version, checks: Object.fromEntries(Object.entries(health.checks).map(([name, c]) => [name, c.status])) };
}

/**
 * /health: open; each part's status and the version, 503 when a required part (store, knowledge index) is
 * down; no internals. /health/live: the liveness probe, touches no dependency. /health/ready: the readiness
 * probe, 503 also while draining, with per-part details for callers with a valid API key.
 */
export const healthRoutes: FastifyPluginAsync = async (app) => {
  const r = app.withTypeProvider<ZodTypeProvider>();
  r.get(
    '',
    {
      schema: {
        tags: ['Health'],
        summary: 'Status of each part of the service and the version',
        description: '200 when the service can resolve tickets (perhaps degraded); 503 when a part it needs is down. No internals.',
        security: [],
        response: { 200: PublicHealthSchema, 503: PublicHealthSchema },
      },
    },
    async (_request, reply) => {
      const health = publicView(await checkHealth(app.deps, appProbes(app)));
      return reply.code(health.status === 'down' ? 503 : 200).send(health);
    },
  );
  r.get(
    '/live',
    {
      schema: {
        tags: ['Health'],
        summary: 'Liveness: the process is up and serving (touches no dependency)',
        security: [],
        response: { 200: LivenessSchema },
      },
    },
    async () => ({ status: 'ok' as const }),
  );
  r.get(
    '/ready',
    {
      schema: {
        tags: ['Health'],
        summary: 'Readiness: status of each part of the service',
        description:
          '200 when the service can resolve tickets (perhaps degraded); 503 when a required part is down or the ' +
          'service is shutting down. Per-part details only with a valid API key.',
        security: [],
        response: { 200: HealthSchema, 503: HealthSchema },
      },
    },
    async (request, reply) => {
      const checked = await checkHealth(app.deps, appProbes(app));
      const health = app.isDraining() ? { ...checked, status: 'draining' as const } : checked;
      const shown = !app.authEnabled || request.apiKeyId !== null ? health : withoutDetails(health);
      return reply.code(health.status === 'down' || health.status === 'draining' ? 503 : 200).send(shown);
    },
  );
};
