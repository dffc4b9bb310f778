import type { PipelineOutput, TicketResult, TicketStatus } from '../schemas/result.schema.js';
import type { TicketInput } from '../schemas/ticket.schema.js';

export interface NewTicket {
  ticket_id: string;
  ticket: TicketInput;
  status: Extract<TicketStatus, 'queued' | 'processing'>;
  created_at: string;
}

/** A time window of finished tickets, for GET /stats. Times are ISO 8601 strings compared as stored. */
export interface StatsQuery {
  since: string;
  until: string;
  variant?: string | undefined;
  /** Most rows to return, newest first. */
  limit: number;
}

/** The few fields of a finished ticket that /stats aggregates (read from the stored result JSON). */
export interface StatsRow {
  ticket_id: string;
  status: 'completed' | 'failed';
  completed_at: string;
  variant: string | null;
  category: string | null;
  priority: string | null;
  escalated: boolean | null;
  quality: number | null;
  quality_failed: string[];
  judge: number | null;
  latency_ms: number | null;
  tokens_input: number;
  tokens_output: number;
  cost_usd: number;
  provider: string | null;
}

export interface StoreHealth {
  status: 'up' | 'down';
  detail?: string;
}

/** Where tickets and their results live. SQLite now, PostgreSQL behind the same port later. */
export interface TicketStore {
  readonly kind: string;
  /** Inserts the ticket unless its id exists; atomic, so two concurrent inserts make one ticket. */
  insert(ticket: NewTicket): Promise<{ created: boolean; record: TicketResult }>;
  get(ticketId: string): Promise<TicketResult | undefined>;
  /** Marks a queued ticket as processing and counts the attempt. */
  markProcessing(ticketId: string): Promise<void>;
  complete(ticketId: string, output: PipelineOutput, completedAt: string): Promise<void>;
  fail(ticketId: string, error: string, completedAt: string): Promise<void>;
  /** Tickets left queued or processing, e.g. by a crash, oldest first. */
  listUnfinished(limit: number): Promise<TicketResult[]>;
  /** Finished (completed or failed) tickets with completed_at in [since, until], newest first. The end is
   * inclusive so a ticket finished in the same millisecond as a default "until now" is counted. */
  statsRows(query: StatsQuery): Promise<StatsRow[]>;
  ping(): Promise<StoreHealth>;
  close(): Promise<void>;
}
