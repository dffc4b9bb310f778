import type { PipelineOutput, TicketResult, TicketStatus } from '../schemas/result.schema.js';
import type { Correction, Feedback, Review, ReviewEvent, ReviewQueueQuery, ReviewState } from '../schemas/review.schema.js';
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

/** A reviewer's decision, applied only while the ticket is completed and pending_review (compare-and-set). */
export interface ReviewDecision {
  review: Review;
  /** The reply after the decision (the edited text for an edit); stored as result.response. */
  response_text: string;
  /** The audit row for this decision (also the last entry of review.history). */
  event: ReviewEvent;
}

export type DecideOutcome =
  | { kind: 'decided'; record: TicketResult }
  /** Not completed, or no longer pending_review (someone decided first). */
  | { kind: 'conflict'; status: TicketResult['status']; state: ReviewState | null }
  | { kind: 'missing' };

/** One audit row of review_events. */
export interface ReviewEventRow extends ReviewEvent {
  ticket_id: string;
}

export interface ReviewPage {
  items: TicketResult[];
  total: number;
}

export type NewFeedback = Feedback;

/** A ticket with corrected labels, for the training export: the latest correction per ticket. */
export interface CorrectionRow {
  ticket_id: string;
  subject: string;
  body: string;
  analysis: { category: string | null; priority: string | null; sentiment: string | null };
  corrected: Correction;
}

export interface FeedbackSummary {
  up: number;
  down: number;
  corrections: { category: number; priority: number; sentiment: number };
}

export type ReviewCounts = Record<ReviewState, number>;

export interface StoreHealth {
  status: 'up' | 'down';
  detail?: string;
}

/** A staff event (ticket.escalated, ticket.reviewed) kept until STAFF_WEBHOOK_URL has it, so a crash loses none. */
export interface StaffEventRecord {
  event_id: string;
  type: string;
  ticket_id: string;
  at: string;
  data: Record<string, unknown>;
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
  /** Puts a staff event in the outbox (pending) before delivery starts; the same event_id twice is one event. */
  enqueueStaffEvent(event: StaffEventRecord): Promise<void>;
  /** Records how delivery of a staff event ended, and after how many attempts. */
  finishStaffEvent(eventId: string, state: 'delivered' | 'failed', attempts: number): Promise<void>;
  /** Staff events still pending (a crash cut their delivery short), oldest first. */
  listPendingStaffEvents(limit: number): Promise<StaffEventRecord[]>;
  recordWebhookAttempt(ticketId: string, attempt: WebhookAttempt): Promise<void>;
  listWebhookAttempts(ticketId: string): Promise<WebhookAttempt[]>;
  /** Finished (completed or failed) tickets with completed_at in [since, until], newest first. The end is
   * inclusive so a ticket finished in the same millisecond as a default "until now" is counted. */
  statsRows(query: StatsQuery): Promise<StatsRow[]>;
  /**
   * Records a review decision as a compare-and-set: only a completed ticket whose review state is pending_review
   * is changed, so of two concurrent decisions exactly one wins. The audit row is written in the same transaction.
   */
  decideReview(ticketId: string, decision: ReviewDecision): Promise<DecideOutcome>;
  /** The review audit trail of a ticket, oldest first (the policy's own decision included). */
  listReviewEvents(ticketId: string): Promise<ReviewEventRow[]>;
  /** Completed tickets in a review state: by priority (critical first) then age, or by age (oldest first). */
  listReviews(query: ReviewQueueQuery): Promise<ReviewPage>;
  /** Stores feedback on a ticket (which must exist). */
  addFeedback(feedback: NewFeedback): Promise<void>;
  /** Ratings and corrections given in [since, until]. */
  feedbackSummary(since: string, until: string): Promise<FeedbackSummary>;
  /** Review states of the tickets completed in [since, until]. */
  reviewCounts(since: string, until: string): Promise<ReviewCounts>;
  /** Every ticket with corrected labels, its latest correction, oldest ticket first. */
  listCorrections(): Promise<CorrectionRow[]>;
  /** Tickets waiting for a worker (status queued): the queue depth operators watch. */
  countQueued(): Promise<number>;
  ping(): Promise<StoreHealth>;
  close(): Promise<void>;
}
