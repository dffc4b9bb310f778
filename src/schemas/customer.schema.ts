import { z } from 'zod';
import { TechnicalLevelSchema, TierSchema } from './taxonomy.schema.js';

export const CustomerProfileSchema = z.object({
  customer_id: z.string(),
  name: z.string(),
  email: z.string().optional(),
  company: z.string().nullable().optional(),
  tier: TierSchema,
  technical_level: TechnicalLevelSchema.default('intermediate'),
  preferred_language: z.string().default('en'),
  products: z.array(z.string()).default([]),
  seats: z.number().int().nonnegative().optional(),
  account_created: z.string().optional(),
  history: z
    .object({
      tickets_opened: z.number().int().nonnegative().default(0),
      last_contact: z.string().nullable().optional(),
      satisfaction: z.number().nullable().optional(),
      notes: z.array(z.string()).default([]),
    })
    .optional(),
  mrr_usd: z.number().optional(),
});
export type CustomerProfile = z.infer<typeof CustomerProfileSchema>;
export const CustomerProfileListSchema = z.array(CustomerProfileSchema);
