import type { FastifyPluginAsync } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { NotFoundError } from '../../errors.js';
import { TicketResultSchema } from '../../schemas/result.schema.js';
import { buildTicketInputSchema, TicketIdSchema, type TicketLimits } from '../../schemas/ticket.schema.js';
import { problemResponses } from '../schemas/problem.schema.js';

export interface TicketRoutesOptions {
  limits: TicketLimits;
}

export const ticketRoutes: FastifyPluginAsync<TicketRoutesOptions> = async (app, opts) => {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const { tickets } = app.deps;

  r.post(
    '',
    {
      schema: {
        tags: ['Tickets'],
        summary: 'Submit a ticket and get its triage, articles, status and reply',
        description:
          'Processes the ticket synchronously and answers 201 with the result. A ticket_id that already exists ' +
          'returns the stored result with 200 and is not processed again.',
        body: buildTicketInputSchema(opts.limits),
        response: { 201: TicketResultSchema, 200: TicketResultSchema, ...problemResponses(400, 401, 413, 415, 429, 500, 503) },
      },
    },
    async (request, reply) => {
      // On a shutdown deadline the work is handed back: 503, the ticket stays unfinished for recovery.
      const { created, record } = await tickets.submit(request.body, app.shutdownSignal);
      reply.header('location', `/tickets/${encodeURIComponent(record.ticket_id)}`);
      return reply.code(created ? 201 : 200).send(record);
    },
  );

  r.get(
    '/:id',
    {
      schema: {
        tags: ['Tickets'],
        summary: 'Read a stored ticket and its result',
        params: z.object({ id: TicketIdSchema }),
        response: { 200: TicketResultSchema, ...problemResponses(400, 401, 404, 429, 503) },
      },
    },
    async (request) => {
      const record = await tickets.get(request.params.id);
      if (!record) throw new NotFoundError('ticket', request.params.id);
      return record;
    },
  );
};
