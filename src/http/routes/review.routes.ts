import type { FastifyPluginAsync } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { TicketResultSchema } from '../../schemas/result.schema.js';
import {
  FeedbackBodySchema,
  FeedbackSchema,
  ReviewDecisionBodySchema,
  ReviewQueueQuerySchema,
  ReviewQueueSchema,
} from '../../schemas/review.schema.js';
import { TicketIdSchema } from '../../schemas/ticket.schema.js';
import { problemResponses } from '../schemas/problem.schema.js';

const Params = z.object({ id: TicketIdSchema });

/** The review queue, reviewer decisions and feedback. Same auth, rate limits and errors as the ticket routes. */
export const reviewRoutes: FastifyPluginAsync = async (app) => {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const { reviews } = app.deps;

  r.get(
    '/reviews',
    {
      schema: {
        tags: ['Review'],
        summary: 'The review queue',
        description:
          'Completed tickets in a review state (default pending_review). sort=priority: critical first, then oldest ' +
          'first; sort=age: oldest first. Each item carries the tier, the SLA due time and whether it is overdue.',
        querystring: ReviewQueueQuerySchema,
        response: { 200: ReviewQueueSchema, ...problemResponses(400, 401, 429, 503) },
      },
    },
    async (request) => reviews.queue(request.query),
  );

  r.post(
    '/tickets/:id/review',
    {
      schema: {
        tags: ['Review'],
        summary: 'Approve, edit or reject a held draft',
        description:
          'Only a completed ticket in pending_review can be decided (409 otherwise, also for the loser of two ' +
          'concurrent decisions). An edit replaces response.response_text and keeps the draft in ' +
          'review.original_response_text. Every decision is appended to review.history and the audit table, and ' +
          'fires a ticket.reviewed staff webhook when STAFF_WEBHOOK_URL is set.',
        params: Params,
        body: ReviewDecisionBodySchema,
        response: { 200: TicketResultSchema, ...problemResponses(400, 401, 404, 409, 415, 429, 503) },
      },
    },
    async (request) => reviews.decide(request.params.id, request.body),
  );

  r.post(
    '/tickets/:id/feedback',
    {
      schema: {
        tags: ['Review'],
        summary: 'Rate a result and correct its labels',
        description:
          'Stores a thumbs up/down with an optional reason and corrected category, priority or sentiment. ' +
          'Corrections are counted in /stats and exported for retraining by `support-agent feedback export`.',
        params: Params,
        body: FeedbackBodySchema,
        response: { 201: FeedbackSchema, ...problemResponses(400, 401, 404, 415, 429, 503) },
      },
    },
    async (request, reply) => reply.code(201).send(await reviews.feedback(request.params.id, request.body)),
  );
};
