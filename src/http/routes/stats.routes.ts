import type { FastifyPluginAsync } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { liveStats } from '../../evaluation/live-stats.js';
import { VariantNameSchema } from '../../evaluation/variants/variant.schema.js';
import { StatsSchema } from '../../schemas/stats.schema.js';
import { problemResponses } from '../schemas/problem.schema.js';

const window = z
  .string()
  .max(40)
  .regex(/^(\d{1,6}[mhd]|\d{4}-\d{2}-\d{2}[0-9T:.+\-Z]*)$/, 'must be an ISO 8601 time or a duration like 24h, 7d, 30m');

export const statsRoutes: FastifyPluginAsync = async (app) => {
  app.withTypeProvider<ZodTypeProvider>().get(
    '',
    {
      schema: {
        tags: ['Evaluation'],
        summary: 'Live results per A/B variant',
        description:
          'Counts, category and priority mix, escalation rate, quality score, latency percentiles, tokens and cost of the ' +
          'tickets finished in the window, per variant. `since` and `until` take an ISO 8601 time or a duration back from ' +
          'now (`24h`, `7d`, `30m`); the default window is the last 24 hours.',
        querystring: z.object({
          since: window.optional(),
          until: window.optional(),
          variant: VariantNameSchema.optional(),
        }),
        response: { 200: StatsSchema, ...problemResponses(400, 429) },
      },
    },
    async (request) => liveStats(app.deps.store, request.query),
  );
};

/** `since`/`until` of a stats window, shared with GET /stats/series. */
export { window as StatsWindowSchema };
