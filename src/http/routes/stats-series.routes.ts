import type { FastifyPluginAsync } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { statsSeries } from '../../evaluation/stats-series.js';
import { VariantNameSchema } from '../../evaluation/variants/variant.schema.js';
import { BucketSizeSchema, StatsSeriesSchema } from '../../schemas/stats-series.schema.js';
import { problemResponses } from '../schemas/problem.schema.js';
import { StatsWindowSchema } from './stats.routes.js';

/** GET /stats/series: the console's charts (volume, category mix, escalation, quality, latency, cost over time). */
export const statsSeriesRoutes: FastifyPluginAsync = async (app) => {
  app.withTypeProvider<ZodTypeProvider>().get(
    '',
    {
      schema: {
        tags: ['Evaluation'],
        summary: 'Live results over time, per bucket and per A/B variant',
        description:
          'Per hour or day bucket (UTC): tickets finished, category mix, escalation rate, mean quality score, latency ' +
          'p50/p95 and cost per ticket, overall and per variant on the same buckets (empty buckets included, with ' +
          'null rates). `since`/`until` as for GET /stats; default window the last 24 hours, default bucket `hour`.',
        querystring: z.object({
          since: StatsWindowSchema.optional(),
          until: StatsWindowSchema.optional(),
          bucket: BucketSizeSchema.optional(),
          variant: VariantNameSchema.optional(),
        }),
        response: { 200: StatsSeriesSchema, ...problemResponses(400, 429) },
      },
    },
    async (request) => statsSeries(app.deps.store, request.query),
  );
};
