import type { FastifyPluginAsync } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { NotFoundError } from '../../errors.js';
import { TicketResultSchema } from '../../schemas/result.schema.js';
import { buildTicketInputSchema, TicketIdSchema, type TicketLimits } from '../../schemas/ticket.schema.js';
import { WebhookAttemptListSchema } from '../../schemas/webhook.schema.js';
import { problemResponses } from '../schemas/problem.schema.js';

export interface TicketRoutesOptions {
  limits: TicketLimits;
}

const SubmitHeadersSchema = z.looseObject({
  prefer: z.string().optional().describe('"respond-async" queues the ticket and answers 202 at once (RFC 7240)'),
  'idempotency-key': z
    .string()
    .min(1)
    .max(255)
    .regex(/^[\x21-\x7e]+$/, 'must be 1-255 visible ASCII characters')
    .optional()
    .describe('Makes retries of this POST safe: the same key returns the same ticket, even from two replicas at once'),
});
const SubmitQuerySchema = z.object({
  async: z.enum(['true', 'false']).optional().describe('true: same as Prefer: respond-async'),
});

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
          'Processes the ticket synchronously and answers 201 with the result. With `Prefer: respond-async` (or ' +
          '`?async=true`) the ticket is queued and the answer is 202 with a Location to poll. A ticket_id or ' +
          'Idempotency-Key that already exists returns the stored ticket with 200 and is not processed again.',
        headers: SubmitHeadersSchema,
        querystring: SubmitQuerySchema,
        body: buildTicketInputSchema(opts.limits),
        response: {
          201: TicketResultSchema,
          202: TicketResultSchema,
          200: TicketResultSchema,
          ...problemResponses(400, 401, 413, 415, 422, 429, 500, 503),
        },
      },
    },
    async (request, reply) => {
      const wantsAsync = request.query.async === 'true' || /\brespond-async\b/i.test(request.headers.prefer ?? '');
      const idempotencyKey = request.headers['idempotency-key'];
      const { created, record } = await tickets.submit(request.body, {
        async: wantsAsync,
        ...(idempotencyKey ? { idempotencyKey } : {}),
        // On a shutdown deadline the work is handed back: 503, the ticket stays unfinished for recovery.
        signal: app.shutdownSignal,
      });
      reply.header('location', `/tickets/${encodeURIComponent(record.ticket_id)}`);
      if (wantsAsync) reply.header('preference-applied', 'respond-async');
      return reply.code(created ? (wantsAsync ? 202 : 201) : 200).send(record);
    },
  );

  r.get(
    '/:id',
    {
      schema: {
        tags: ['Tickets'],
        summary: 'Read a stored ticket: queued, processing, completed (with its result) or failed (with the reason)',
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

  r.get(
    '/:id/webhooks',
    {
      schema: {
        tags: ['Tickets'],
        summary: 'Every attempt to deliver the ticket result to its callback_url',
        params: z.object({ id: TicketIdSchema }),
        response: { 200: WebhookAttemptListSchema, ...problemResponses(400, 404, 429) },
      },
    },
    async (request) => {
      const record = await tickets.get(request.params.id);
      if (!record) throw new NotFoundError('ticket', request.params.id);
      return {
        ticket_id: record.ticket_id,
        state: record.webhook?.state ?? null,
        attempts: await app.deps.store.listWebhookAttempts(record.ticket_id),
      };
    },
  );
};
