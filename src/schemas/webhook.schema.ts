import { z } from 'zod';

export const WEBHOOK_STATES = ['pending', 'delivered', 'failed'] as const;
export const WebhookStateSchema = z.enum(WEBHOOK_STATES);
export type WebhookState = z.infer<typeof WebhookStateSchema>;

/** One POST of a ticket result to its callback_url, as recorded in the store. */
export const WebhookAttemptSchema = z.object({
  attempt: z.number().int().positive(),
  url: z.string(),
  status_code: z.number().int().nullable().describe('HTTP status the receiver answered; null when no answer came'),
  ok: z.boolean(),
  error: z.string().nullable(),
  duration_ms: z.number(),
  attempted_at: z.string(),
});
export type WebhookAttempt = z.infer<typeof WebhookAttemptSchema>;

/** What a ticket result says about its webhook. */
export const WebhookSummarySchema = z.object({
  state: WebhookStateSchema,
  attempts: z.number().int().nonnegative(),
});
export type WebhookSummary = z.infer<typeof WebhookSummarySchema>;

export const WebhookAttemptListSchema = z.object({
  ticket_id: z.string(),
  state: WebhookStateSchema.nullable(),
  attempts: z.array(WebhookAttemptSchema),
});
