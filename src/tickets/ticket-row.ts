import type { AgentTrace, PipelineOutput, TicketResult } from '../schemas/result.schema.js';
import type { AgentCallCost } from './ticket-store.js';
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
