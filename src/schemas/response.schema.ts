import { z } from 'zod';

export const TONES = ['empathetic', 'apologetic', 'friendly', 'professional', 'appreciative'] as const;

export const ReviewFlagSchema = z.object({
  code: z.enum(['unsupported_promise', 'uncited_step', 'unknown_citation']),
  detail: z.string(),
});
export type ReviewFlag = z.infer<typeof ReviewFlagSchema>;

/** What a model is asked to write; the post-check adds review_flags. */
export const DraftReplySchema = z.object({
  response_text: z.string().min(1),
  tone: z.enum(TONES),
  suggested_actions: z.array(z.string()).describe('Actions for the support agent, not the customer'),
  cited_articles: z.array(z.string()).describe('Article ids the reply draws its steps from'),
});

export const DraftResponseSchema = DraftReplySchema.extend({
  review_flags: z
    .array(ReviewFlagSchema)
    .optional()
    .describe('Set by the post-check: promises no cited article supports, steps without a citation, unknown article ids'),
});
export type DraftResponse = z.infer<typeof DraftResponseSchema>;
