import { z } from 'zod';
import { CategorySchema, PrioritySchema, SentimentSchema } from './taxonomy.schema.js';

export const REVIEW_STATES = ['auto_approved', 'pending_review', 'approved', 'edited', 'rejected'] as const;
export const ReviewStateSchema = z.enum(REVIEW_STATES);
export type ReviewState = z.infer<typeof ReviewStateSchema>;

export const REVIEW_EVENT_ACTIONS = ['auto_approve', 'hold', 'approve', 'edit', 'reject'] as const;
export const ReviewEventActionSchema = z.enum(REVIEW_EVENT_ACTIONS);
export type ReviewEventAction = z.infer<typeof ReviewEventActionSchema>;

/** One entry of a ticket's review audit trail (also stored as a row of review_events). */
export const ReviewEventSchema = z.object({
  action: ReviewEventActionSchema,
  at: z.string(),
  reviewer: z.string().optional(),
  reason: z.string().optional(),
  response_text: z.string().optional().describe('The edited reply, for an edit'),
});
export type ReviewEvent = z.infer<typeof ReviewEventSchema>;

export const ReviewSchema = z
  .object({
    state: ReviewStateSchema,
    reasons: z.array(z.string()).describe('Why the policy held the draft for review (empty when auto-approved)'),
    tier: z.string().describe('Customer tier the SLA was taken from ("unknown" without a profile)'),
    due_at: z.string().nullable().describe('First-response due time from the tier SLA; null when the tier has none'),
    decided_at: z.string().optional(),
    reviewer: z.string().optional(),
    reason: z.string().optional(),
    original_response_text: z.string().optional().describe('The draft as generated, kept when a reviewer edited it'),
    history: z.array(ReviewEventSchema),
  })
  .describe('Human review of the draft: the policy decision and any reviewer decision, with the audit trail');
export type Review = z.infer<typeof ReviewSchema>;

export const REVIEW_ACTIONS = ['approve', 'edit', 'reject'] as const;
export const ReviewActionSchema = z.enum(REVIEW_ACTIONS);
export type ReviewAction = z.infer<typeof ReviewActionSchema>;

const trimmed = (field: string, max: number) =>
  z
    .string({ error: (iss) => (iss.input === undefined ? `${field} is required` : `${field} must be a string`) })
    .max(max, `${field} must be at most ${max} characters`)
    .refine((s) => s.trim().length > 0, `${field} must not be empty`);

export const ReviewDecisionBodySchema = z
  .object({
    action: ReviewActionSchema,
    response_text: trimmed('response_text', 20_000).optional().describe('The edited reply; required for edit'),
    reason: z.string().max(2000).optional(),
    reviewer: trimmed('reviewer', 200).describe('Who decided (name or e-mail)'),
  })
  .superRefine((v, ctx) => {
    if (v.action === 'edit' && v.response_text === undefined)
      ctx.addIssue({ code: 'custom', path: ['response_text'], message: 'response_text is required for edit' });
  })
  .describe('A reviewer decision on a held draft');
export type ReviewDecisionBody = z.infer<typeof ReviewDecisionBodySchema>;

export const FEEDBACK_RATINGS = ['up', 'down'] as const;
export const CorrectionSchema = z
  .object({ category: CategorySchema.optional(), priority: PrioritySchema.optional(), sentiment: SentimentSchema.optional() })
  .strict();
export type Correction = z.infer<typeof CorrectionSchema>;

export const FeedbackBodySchema = z
  .object({
    rating: z.enum(FEEDBACK_RATINGS),
    reason: z.string().max(2000).optional(),
    corrected: CorrectionSchema.optional().describe('Labels the analyzer should have given; exported for retraining'),
  })
  .describe('Feedback on a processed ticket');
export type FeedbackBody = z.infer<typeof FeedbackBodySchema>;

export const FeedbackSchema = z.object({
  feedback_id: z.string(),
  ticket_id: z.string(),
  rating: z.enum(FEEDBACK_RATINGS),
  reason: z.string().nullable(),
  corrected: CorrectionSchema.nullable(),
  created_at: z.string(),
});
export type Feedback = z.infer<typeof FeedbackSchema>;

export const REVIEW_SORTS = ['priority', 'age'] as const;
export const ReviewQueueQuerySchema = z.object({
  state: ReviewStateSchema.default('pending_review'),
  sort: z.enum(REVIEW_SORTS).default('priority').describe('priority: critical first, then oldest first; age: oldest first'),
  limit: z.coerce.number().int().min(1).max(500).default(50),
  offset: z.coerce.number().int().min(0).default(0),
});
export type ReviewQueueQuery = z.infer<typeof ReviewQueueQuerySchema>;

export const ReviewQueueItemSchema = z.object({
  ticket_id: z.string(),
  subject: z.string(),
  customer_id: z.string().nullable(),
  tier: z.string(),
  category: z.string().nullable(),
  priority: z.string().nullable(),
  sentiment: z.string().nullable(),
  language: z.string().nullable(),
  confidence: z.number().nullable(),
  quality_score: z.number().nullable(),
  state: ReviewStateSchema,
  reasons: z.array(z.string()),
  created_at: z.string(),
  due_at: z.string().nullable(),
  overdue: z.boolean().describe('due_at has passed'),
});
export type ReviewQueueItem = z.infer<typeof ReviewQueueItemSchema>;

export const ReviewQueueSchema = z.object({ items: z.array(ReviewQueueItemSchema), total: z.number().int() }).describe('The review queue');
