import { z } from 'zod';

const Percentiles = z.object({ p50: z.number(), p90: z.number(), p95: z.number(), p99: z.number(), mean: z.number() });

export const AgentCostSchema = z.object({
  agent: z.string(),
  provider: z.string(),
  model: z.string(),
  calls: z.number().int().nonnegative(),
  tokens: z.object({ input: z.number().int(), output: z.number().int(), cache_read: z.number().int(), cache_write: z.number().int() }),
  cost_usd: z.number(),
});
export type AgentCost = z.infer<typeof AgentCostSchema>;

export const VariantStatsSchema = z.object({
  variant: z.string().describe('A/B variant; "none" for results stored before variants existed'),
  count: z.number().int(),
  category_mix: z.record(z.string(), z.number().int()).describe('Tickets per category'),
  priority_mix: z.record(z.string(), z.number().int()),
  escalation_rate: z.number().describe('Share of tickets escalated to a human, 0..1'),
  quality: z.object({
    scored: z.number().int().describe('Tickets with a quality score'),
    mean: z.number().nullable(),
    p50: z.number().nullable(),
    min: z.number().nullable(),
    failed_checks: z.record(z.string(), z.number().int()).describe('Tickets failing each check'),
    judge_mean: z.number().nullable().describe('Mean LLM-judge grade, when a judge is configured'),
  }),
  latency_ms: Percentiles,
  tokens: z.object({ input: z.number().int(), output: z.number().int(), per_ticket: z.number() }),
  cost_usd: z.object({ total: z.number(), per_ticket: z.number() }),
  degraded: z.number().int().describe('Tickets where an agent fell back to another provider or its fallback'),
  by_agent: z.array(AgentCostSchema).describe('Model calls per agent, provider and model, with tokens and cost'),
});
export type VariantStats = z.infer<typeof VariantStatsSchema>;

export const StatsSchema = z
  .object({
    since: z.string(),
    until: z.string(),
    generated_at: z.string(),
    completed: z.number().int(),
    failed: z.number().int().describe('Tickets whose pipeline failed in the window (they have no variant)'),
    truncated: z.boolean().describe('True when the window held more results than one summary reads'),
    variants: z.array(VariantStatsSchema),
    by_agent: z.array(AgentCostSchema).describe('Model calls per agent, provider and model over all variants'),
    feedback: z
      .object({
        up: z.number().int(),
        down: z.number().int(),
        corrections: z.object({ category: z.number().int(), priority: z.number().int(), sentiment: z.number().int() }),
      })
      .describe('Feedback given in the window: ratings, and how many corrections of each label'),
    review: z
      .object({
        auto_approved: z.number().int(),
        pending_review: z.number().int(),
        approved: z.number().int(),
        edited: z.number().int(),
        rejected: z.number().int(),
      })
      .describe('Review states of the tickets completed in the window'),
  })
  .describe('Live results per A/B variant over a time window');
export type Stats = z.infer<typeof StatsSchema>;
