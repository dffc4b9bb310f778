import type { FastifyPluginAsync } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { describeModels } from '../../analysis/analyzer-models.js';
import type { Deps } from '../../container.js';
import { errorMessage } from '../../errors.js';
import { VERSION } from '../../version.js';

const CheckSchema = z.object({
  status: z.enum(['up', 'degraded', 'down']),
  required: z.boolean().describe('Whether the service is down when this part is'),
  detail: z.string().optional(),
  latency_ms: z.number(),
});
export const HealthSchema = z.object({
  status: z.enum(['ok', 'degraded', 'down']),
  version: z.string(),
  uptime_s: z.number(),
  checks: z.object({
    store: CheckSchema,
    knowledge_index: CheckSchema,
    status_api: CheckSchema,
    provider: CheckSchema,
    analyzer_models: CheckSchema,
  }),
});
export type Health = z.infer<typeof HealthSchema>;
type Check = z.infer<typeof CheckSchema>;

async function timed(required: boolean, probe: () => Promise<Omit<Check, 'latency_ms' | 'required'>>): Promise<Check> {
  const start = performance.now();
  try {
    const r = await probe();
    return { ...r, required, latency_ms: Math.round((performance.now() - start) * 100) / 100 };
  } catch (err) {
    return { status: 'down', required, detail: errorMessage(err), latency_ms: Math.round((performance.now() - start) * 100) / 100 };
  }
}

/** Checks each part. The store and the knowledge index are required; without the status API or a remote
 * model the service still answers (degraded), so those only degrade health. */
export async function checkHealth(deps: Deps): Promise<Health> {
  const [store, knowledge_index, status_api, provider, analyzer_models] = await Promise.all([
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
  ]);
  const checks = { store, knowledge_index, status_api, provider, analyzer_models };
  const all = Object.values(checks);
  const status = all.some((c) => c.required && c.status === 'down')
    ? 'down'
    : all.some((c) => c.status !== 'up')
      ? 'degraded'
      : 'ok';
  return { status, version: VERSION, uptime_s: Math.round(process.uptime()), checks };
}

export const healthRoutes: FastifyPluginAsync = async (app) => {
  app.withTypeProvider<ZodTypeProvider>().get(
    '',
    {
      schema: {
        tags: ['Health'],
        summary: 'Status of each part of the service',
        description: '200 when the service can resolve tickets (perhaps degraded); 503 when a required part is down.',
        response: { 200: HealthSchema, 503: HealthSchema },
      },
    },
    async (_request, reply) => {
      const health = await checkHealth(app.deps);
      return reply.code(health.status === 'down' ? 503 : 200).send(health);
    },
  );
};
