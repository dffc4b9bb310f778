import { z } from 'zod';

export interface TicketLimits {
  maxSubjectLength: number;
  maxBodyLength: number;
}

export const DEFAULT_TICKET_LIMITS: TicketLimits = { maxSubjectLength: 500, maxBodyLength: 20_000 };

/** Ids travel in URLs, so they are restricted to URL-safe characters. */
export const TicketIdSchema = z
  .string()
  .min(1)
  .max(100)
  .regex(/^[A-Za-z0-9._:-]+$/, 'may contain only letters, digits, ".", "_", ":" and "-"');

const nonBlank = (field: string, max: number) =>
  z
    .string({ error: (iss) => (iss.input === undefined ? `${field} is required` : `${field} must be a string`) })
    .max(max, `${field} must be at most ${max} characters`)
    .refine((s) => s.trim().length > 0, `${field} must not be empty`);

/** The ticket as a helpdesk sends it (snake_case). Limits are configurable, so this is a factory. */
export function buildTicketInputSchema(limits: TicketLimits = DEFAULT_TICKET_LIMITS) {
  return z
    .object({
      ticket_id: TicketIdSchema.optional().describe('Helpdesk ticket id; generated when absent. Re-sending an id returns the stored result.'),
      subject: nonBlank('subject', limits.maxSubjectLength),
      body: nonBlank('body', limits.maxBodyLength),
      customer_id: z.string().min(1).max(100).optional(),
      channel: z.string().min(1).max(50).optional().describe('e.g. email, chat, web, phone, api'),
      product_version: z.string().min(1).max(50).optional(),
      timestamp: z.iso.datetime({ offset: true }).optional().describe('When the customer wrote the ticket (ISO 8601).'),
      metadata: z.record(z.string(), z.unknown()).optional(),
      callback_url: z
        .url({ protocol: /^https?$/, error: 'callback_url must be an http(s) URL' })
        .max(2000)
        .optional()
        .describe('Where the result is POSTed on completion, signed with HMAC-SHA256 (see README, Webhooks).'),
    })
    .describe('A support ticket as a helpdesk sends it');
}

export const TicketInputSchema = buildTicketInputSchema();
export type TicketInput = z.infer<typeof TicketInputSchema>;
