import { z } from 'zod';
import { TokenUsageSchema } from './result.schema.js';
import { AgentNameSchema } from './taxonomy.schema.js';

export const AgentCostSchema = z.object({
  agent: AgentNameSchema,
  provider: z.string(),
  model: z.string(),
  calls: z.number().int().nonnegative(),
  tokens: TokenUsageSchema,
  cost_usd: z.number(),
});

/** Totals over stored tickets: how many, how many degraded, tokens and cost per agent, provider and model. */
export const StatsSchema = z
  .object({
    tickets: z.object({
      total: z.number().int().nonnegative(),
      completed: z.number().int().nonnegative(),
      failed: z.number().int().nonnegative(),
      in_progress: z.number().int().nonnegative(),
      degraded: z.number().int().nonnegative(),
    }),
    tokens: TokenUsageSchema,
    cost_usd: z.object({ total: z.number(), mean_per_completed_ticket: z.number() }),
    by_agent: z.array(AgentCostSchema).describe('Every model call, speculative runs that were discarded included'),
  })
  .describe('Ticket counts, tokens and cost');
export type Stats = z.infer<typeof StatsSchema>;
