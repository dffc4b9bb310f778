import type { FastifyPluginAsync } from 'fastify';

/** Prometheus scrape endpoint (text exposition format 0.0.4). */
export const metricsRoutes: FastifyPluginAsync = async (app) => {
  app.get(
    '',
    {
      schema: {
        tags: ['Operations'],
        summary: 'Prometheus metrics',
        description:
          'Request counts and latency by route and status, per-agent latency, tokens and cost by provider and model, ' +
          'tickets by category, priority, escalation and variant, reply quality, provider errors, retries and fallbacks, queue depth.',
        produces: ['text/plain'],
      },
    },
    async (_request, reply) => {
      const text = await app.deps.metrics.render();
      return reply.type(app.deps.metrics.contentType).send(text);
    },
  );
};
