import { z } from 'zod';
import { AnalysisSchema } from './analysis.schema.js';
import { KnowledgeResultSchema } from './article.schema.js';
import { QualitySchema } from './quality.schema.js';
import { ReviewSchema } from './review.schema.js';
import { RedactionCountsSchema } from './redaction.schema.js';
import { DraftResponseSchema } from './response.schema.js';
import { SystemStatusSchema } from './status.schema.js';
import { AgentNameSchema } from './taxonomy.schema.js';
import { TicketInputSchema } from './ticket.schema.js';
import { WebhookSummarySchema } from './webhook.schema.js';

export const TokenUsageSchema = z.object({
  input: z.number().int().nonnegative(),
  output: z.number().int().nonnegative(),
  cache_read: z.number().int().nonnegative(),
  cache_write: z.number().int().nonnegative(),
});
export type TokenUsage = z.infer<typeof TokenUsageSchema>;

/** discarded: a speculative run whose input changed when the analysis arrived; kept for its cost. */
export const AGENT_OUTCOMES = ['ok', 'degraded', 'failed', 'discarded'] as const;

export const AgentTraceSchema = z.object({
  agent: AgentNameSchema,
  started_at: z.string(),
  ended_at: z.string(),
  start_offset_ms: z.number().describe('Start, in ms since the pipeline began'),
  end_offset_ms: z.number().describe('End, in ms since the pipeline began'),
  duration_ms: z.number(),
  outcome: z.enum(AGENT_OUTCOMES),
  provider: z.string(),
  model: z.string(),
  tokens: TokenUsageSchema,
  cost_usd: z.number(),
  error: z.string().optional(),
  request_id: z.string().optional().describe("The model provider's request id"),
  promptlayer_request_id: z
    .string()
    .optional()
    .describe('PromptLayer request id of the model call, when logged before the ticket completed; quality scores are sent to it'),
  redactions: RedactionCountsSchema.optional(),
});
export type AgentTrace = z.infer<typeof AgentTraceSchema>;

export const MetricsSchema = z.object({
  latency_ms: z.object({
    total: z.number(),
    analyzer: z.number(),
    knowledge: z.number(),
    status: z.number(),
    synthesis: z.number(),
  }),
  tokens: TokenUsageSchema,
  cost_usd: z.number(),
});
export type Metrics = z.infer<typeof MetricsSchema>;

export const TICKET_STATUSES = ['queued', 'processing', 'completed', 'failed'] as const;
export const TicketStatusSchema = z.enum(TICKET_STATUSES);
export type TicketStatus = z.infer<typeof TicketStatusSchema>;

/** What the pipeline produces for one ticket. */
export const PipelineOutputSchema = z.object({
  analysis: AnalysisSchema,
  knowledge: KnowledgeResultSchema,
  system_status: SystemStatusSchema,
  response: DraftResponseSchema,
  metrics: MetricsSchema,
  trace: z.array(AgentTraceSchema),
  provider: z.string(),
  degraded: z.boolean(),
  variant: z.string().optional().describe('A/B variant that processed the ticket'),
  quality: QualitySchema.optional(),
  review: ReviewSchema.optional(),
});
export type PipelineOutput = z.infer<typeof PipelineOutputSchema>;

/** The stored and returned record. Pipeline fields are absent until the ticket completes. */
export const TicketResultSchema = z
  .object({
    ticket_id: z.string(),
    status: TicketStatusSchema,
    ticket: TicketInputSchema,
    analysis: AnalysisSchema.optional(),
    knowledge: KnowledgeResultSchema.optional(),
    system_status: SystemStatusSchema.optional(),
    response: DraftResponseSchema.optional(),
    metrics: MetricsSchema.optional(),
    trace: z.array(AgentTraceSchema).optional(),
    provider: z.string().optional(),
    degraded: z.boolean().optional(),
    variant: z.string().optional().describe('A/B variant that processed the ticket'),
    quality: QualitySchema.optional(),
    review: ReviewSchema.optional().describe('Review state of the draft; absent on results stored before review existed'),
    error: z.string().optional().describe('Why the ticket failed (or, while queued for a retry, why the last attempt failed)'),
    webhook: WebhookSummarySchema.optional().describe('Delivery of the result to callback_url, when the ticket has one'),
    attempts: z.number().int().nonnegative(),
    created_at: z.string(),
    completed_at: z.string().nullable(),
  })
  .describe('A ticket and, once processed, its triage, knowledge, status and reply');
export type TicketResult = z.infer<typeof TicketResultSchema>;
