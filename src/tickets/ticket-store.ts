import type { PipelineOutput, TicketResult, TicketStatus } from '../schemas/result.schema.js';
import type { Stats } from '../schemas/stats.schema.js';
import type { TicketInput } from '../schemas/ticket.schema.js';

export interface NewTicket {
  ticket_id: string;
  ticket: TicketInput;
  status: Extract<TicketStatus, 'queued' | 'processing'>;
  created_at: string;
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
  ping(): Promise<StoreHealth>;
  /** Counts, tokens and cost over stored tickets, for GET /stats; a store without it answers 501 there. */
  stats?(): Promise<Stats>;
  close(): Promise<void>;
}
