import type { Lease, TicketStore } from '../tickets/ticket-store.js';
import type { JobSource, QueuedJob } from './job-source.js';

/**
 * The tickets table as the queue (SQLite): fetching claims the oldest due ticket, or one whose lease lapsed
 * because its worker died. Retries are the ticket's own due time (set by release), so ack and retry have nothing to do.
 */
export class TableJobSource implements JobSource {
  readonly kind = 'table';

  constructor(
    private readonly store: TicketStore,
    private readonly lease: () => Lease,
  ) {}

  async start(): Promise<void> {}

  async fetch(max: number): Promise<QueuedJob[]> {
    const jobs: QueuedJob[] = [];
    while (jobs.length < max) {
      const claimed = await this.store.claimNext(this.lease());
      if (!claimed) break;
      jobs.push({ ticketId: claimed.ticket_id, claimed });
    }
    return jobs;
  }

  async ack(): Promise<void> {}
  async retry(): Promise<void> {}
  async stop(): Promise<void> {}
}
