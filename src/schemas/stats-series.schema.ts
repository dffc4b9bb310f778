import { z } from 'zod';

export const BucketSizeSchema = z.enum(['hour', 'day']);
export type BucketSize = z.infer<typeof BucketSizeSchema>;

export const SeriesPointSchema = z.object({
  start: z.string().describe('Start of the bucket (ISO 8601, UTC); the bucket runs to the next start'),
  count: z.number().int().describe('Tickets completed in the bucket'),
  failed: z.number().int().describe('Tickets whose pipeline failed in the bucket'),
  category_mix: z.record(z.string(), z.number().int()).describe('Completed tickets per category'),
  escalation_rate: z.number().nullable().describe('Share escalated to a human, 0..1; null for an empty bucket'),
  quality_mean: z.number().nullable().describe('Mean quality score; null when nothing was scored'),
  latency_ms: z.object({ p50: z.number(), p95: z.number() }).nullable(),
  cost_per_ticket_usd: z.number().nullable(),
});
export type SeriesPoint = z.infer<typeof SeriesPointSchema>;

export const StatsSeriesSchema = z
  .object({
    since: z.string(),
    until: z.string(),
    bucket: BucketSizeSchema,
    generated_at: z.string(),
    truncated: z.boolean().describe('True when the window held more results than one call reads'),
    categories: z.array(z.string()).describe('Every category seen in the window, sorted'),
    points: z.array(SeriesPointSchema).describe('One point per bucket, oldest first, empty buckets included'),
    variants: z
      .array(z.object({ variant: z.string(), points: z.array(SeriesPointSchema) }))
      .describe('The same series per A/B variant, on the same buckets'),
  })
  .describe('Live results over time, per bucket, overall and per A/B variant');
export type StatsSeries = z.infer<typeof StatsSeriesSchema>;
