import type { AgentTrace, PipelineOutput, TicketResult } from '../schemas/result.schema.js';
import { REVIEW_STATES, type Correction } from '../schemas/review.schema.js';
import type { AgentCallCost, FeedbackSummary, ReviewCounts, ReviewDecision, ReviewEventRow } from './ticket-store.js';
import type { TicketInput } from '../schemas/ticket.schema.js';
import type { WebhookState } from '../schemas/webhook.schema.js';

/** A tickets row as both adapters read it, after each has decoded its own column types. */
export interface TicketRow {
  ticket_id: string;
  status: TicketResult['status'];
  ticket: TicketInput;
  result: PipelineOutput | null;
  error: string | null;
  attempts: number;
  created_at: string;
  completed_at: string | null;
  webhook_state: WebhookState | null;
  webhook_attempts: number;
}

/** The record clients see: pipeline fields spread in once the ticket completed. */
export function toTicketResult(row: TicketRow): TicketResult {
  return {
    ticket_id: row.ticket_id,
    status: row.status,
    ticket: row.ticket,
    ...(row.result ?? {}),
    ...(row.error ? { error: row.error } : {}),
    ...(row.webhook_state ? { webhook: { state: row.webhook_state, attempts: row.webhook_attempts } } : {}),
    attempts: row.attempts,
    created_at: row.created_at,
    completed_at: row.completed_at,
  };
}

/** The cost-bearing fields of each trace span, as stored in result JSON (shared by both adapters' /stats rows). */
export function agentCosts(trace: unknown): AgentCallCost[] {
  if (!Array.isArray(trace)) return [];
  return trace.map((span: Partial<AgentTrace>) => ({
    agent: String(span.agent ?? 'unknown'),
    provider: String(span.provider ?? 'unknown'),
    model: String(span.model ?? 'unknown'),
    tokens: {
      input: span.tokens?.input ?? 0,
      output: span.tokens?.output ?? 0,
      cache_read: span.tokens?.cache_read ?? 0,
      cache_write: span.tokens?.cache_write ?? 0,
    },
    cost_usd: span.cost_usd ?? 0,
  }));
}

/** One review_events row as both stores read it: absent optional columns are left out, not null. */
export function reviewEventRow(r: {
  ticket_id: string;
  action: string;
  at: string;
  reviewer: string | null;
  reason: string | null;
  response_text: string | null;
}): ReviewEventRow {
  return {
    ticket_id: r.ticket_id,
    action: r.action as ReviewEventRow['action'],
    at: r.at,
    ...(r.reviewer ? { reviewer: r.reviewer } : {}),
    ...(r.reason ? { reason: r.reason } : {}),
    ...(r.response_text ? { response_text: r.response_text } : {}),
  };
}

/** The stored result after a reviewer's decision: the new review, and the reply (edited or not). */
export function applyDecision(result: PipelineOutput, decision: ReviewDecision): PipelineOutput {
  return { ...result, response: { ...result.response, response_text: decision.response_text }, review: decision.review };
}

/** ORDER BY term: critical first, unknown priorities last. */
export const PRIORITY_RANK_SQL = (expr: string) =>
  `CASE ${expr} WHEN 'critical' THEN 0 WHEN 'high' THEN 1 WHEN 'medium' THEN 2 WHEN 'low' THEN 3 ELSE 4 END`;

export function emptyReviewCounts(): ReviewCounts {
  return Object.fromEntries(REVIEW_STATES.map((s) => [s, 0])) as ReviewCounts;
}

export function summarizeFeedback(rows: { rating: 'up' | 'down'; corrected: Correction | null }[]): FeedbackSummary {
  const out: FeedbackSummary = { up: 0, down: 0, corrections: { category: 0, priority: 0, sentiment: 0 } };
  for (const r of rows) {
    out[r.rating]++;
    if (r.corrected?.category) out.corrections.category++;
    if (r.corrected?.priority) out.corrections.priority++;
    if (r.corrected?.sentiment) out.corrections.sentiment++;
  }
  return out;
}
