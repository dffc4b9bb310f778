import type { TicketResult } from '../schemas/result.schema.js';

/** One unit of work: a ticket to process, already claimed (table queue) or named by a queue job (pg-boss). */
export interface QueuedJob {
  ticketId: string;
  /** The queue's own job id, when the queue has jobs apart from tickets. */
  jobId?: string;
  /** Set when fetching already took the ticket's lease. */
  claimed?: TicketResult;
}

/** Where a worker gets its work from. The lease on the ticket, not the source, guarantees one runner at a time. */
export interface JobSource {
  readonly kind: string;
  start(): Promise<void>;
  fetch(max: number): Promise<QueuedJob[]>;
  /** The ticket reached a final state (or was already there): the job is done. */
  ack(job: QueuedJob): Promise<void>;
  /** Try the job again later (the source decides when, with backoff). */
  retry(job: QueuedJob, reason: string): Promise<void>;
  /** Periodic repair the source needs (pg-boss: re-send jobs for queued tickets whose job is gone). Returns how many it fixed. */
  sweep?(olderThanMs: number): Promise<number>;
  stop(): Promise<void>;
}
