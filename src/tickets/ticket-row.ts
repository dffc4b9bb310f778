import type { PipelineOutput, TicketResult } from '../schemas/result.schema.js';
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
