import type { FastifyPluginAsync } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { AppError } from '../../errors.js';
import { StatsSchema } from '../../schemas/stats.schema.js';
import { problemResponses } from '../schemas/problem.schema.js';

export const statsRoutes: FastifyPluginAsync = async (app) => {
  app.withTypeProvider<ZodTypeProvider>().get(
    '',
    {
      schema: {
        tags: ['Stats'],
        summary: 'Ticket counts, tokens and cost, per agent, provider and model',
        response: { 200: StatsSchema, ...problemResponses(500, 501) },
      },
    },
    async () => {
      const { store } = app.deps;
      if (!store.stats) throw new AppError('not_implemented', 501, `the ${store.kind} store cannot aggregate stats yet`);
      return store.stats();
    },
  );
};
