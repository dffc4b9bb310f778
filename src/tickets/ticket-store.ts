import type { PipelineOutput, TicketResult, TicketStatus } from '../schemas/result.schema.js';
import type { TicketInput } from '../schemas/ticket.schema.js';
import type { WebhookAttempt, WebhookState } from '../schemas/webhook.schema.js';

/** A time-limited right to process one ticket. Whoever holds it renews it; when it lapses, anyone may claim. */
export interface Lease {
  owner: string;
  ms: number;
}

export interface NewTicket {
  ticket_id: string;
  ticket: TicketInput;
  status: Extract<TicketStatus, 'queued' | 'processing'>;
  created_at: string;
  /** The client's Idempotency-Key; a second insert with the same key makes no ticket. */
  idempotency_key?: string;
  /** A hash of the request, so a key reused for a different request can be told apart. */
  request_hash?: string;
  /** For a ticket inserted as 'processing': who processes it, so it is not claimed by a worker meanwhile. */
  lease?: Lease;
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
/** One agent's model call, as the trace records it. */
export interface AgentCallCost {
  agent: string;
  provider: string;
  model: string;
  tokens: { input: number; output: number; cache_read: number; cache_write: number };
  cost_usd: number;
}

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
  /** Whether any agent fell back (degraded answer). */
  degraded: boolean | null;
  /** Every model call of the ticket (from its trace): who answered, with what, at what cost. */
  agent_costs: AgentCallCost[];
}
export interface InsertResult {
  created: boolean;
  record: TicketResult;
  /** The request hash stored with the existing ticket (null when none was stored). */
  request_hash: string | null;
  idempotency_key: string | null;
}

export type ClaimOutcome =
  | { kind: 'claimed'; record: TicketResult }
  | { kind: 'busy' }
  | { kind: 'finished'; record: TicketResult }
  | { kind: 'missing' };

export interface StoreHealth {
  status: 'up' | 'down';
  detail?: string;
}

/** Where tickets, their results and their webhook attempts live. SQLite and PostgreSQL adapters share one contract suite. */
export interface TicketStore {
  readonly kind: string;
  /**
   * Inserts the ticket unless its id (or its idempotency key) exists; atomic, so two concurrent inserts make one
   * ticket. A 'queued' ticket is on the durable queue once this resolves (PostgreSQL: its job commits with it).
   */
  insert(ticket: NewTicket): Promise<InsertResult>;
  get(ticketId: string): Promise<TicketResult | undefined>;
  /** Marks a queued ticket as processing and counts the attempt. */
  markProcessing(ticketId: string): Promise<void>;
  /**
   * Takes the lease on one ticket if it is queued or its lease has lapsed, and counts the attempt.
   * 'busy' means someone else holds a live lease; 'finished' that it is completed or failed.
   */
  claim(ticketId: string, lease: Lease): Promise<ClaimOutcome>;
  /** Claims the oldest ticket that is queued and due, or whose lease has lapsed (a dead worker's). */
  claimNext(lease: Lease): Promise<TicketResult | undefined>;
  /** Extends a lease the owner still holds; false when it was lost. */
  renewLease(ticketId: string, lease: Lease): Promise<boolean>;
  /** Puts a claimed ticket back in the queue, due at retryAt, remembering why the attempt failed. */
  release(ticketId: string, owner: string, error: string, retryAt: string): Promise<boolean>;
  /** Stores the result. With an owner, only while that owner holds the ticket (a fenced write); false otherwise. */
  complete(ticketId: string, output: PipelineOutput, completedAt: string, owner?: string): Promise<boolean>;
  fail(ticketId: string, error: string, completedAt: string, owner?: string): Promise<boolean>;
  /** Tickets left queued or processing (or only the given one of those), e.g. by a crash, oldest first. */
  listUnfinished(limit: number, status?: 'queued' | 'processing'): Promise<TicketResult[]>;
  setWebhookState(ticketId: string, state: WebhookState): Promise<void>;
  /**
   * Finished tickets with a callback_url whose delivery never finished (state pending, or not yet started when
   * the process died), oldest first: what a restart must deliver again.
   */
  listUndeliveredWebhooks(limit: number): Promise<TicketResult[]>;
  recordWebhookAttempt(ticketId: string, attempt: WebhookAttempt): Promise<void>;
  listWebhookAttempts(ticketId: string): Promise<WebhookAttempt[]>;
  /** Finished (completed or failed) tickets with completed_at in [since, until], newest first. The end is
   * inclusive so a ticket finished in the same millisecond as a default "until now" is counted. */
  statsRows(query: StatsQuery): Promise<StatsRow[]>;
  /** Tickets waiting for a worker (status queued): the queue depth operators watch. */
  countQueued(): Promise<number>;
  ping(): Promise<StoreHealth>;
  close(): Promise<void>;
}
