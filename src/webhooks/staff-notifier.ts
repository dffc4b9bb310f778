import { randomUUID } from 'node:crypto';
import { errorMessage } from '../errors.js';
import type { Logger } from '../logger.js';
import { BackgroundTasks } from '../shared/background-tasks.js';
import type { StaffEventRecord, TicketStore } from '../tickets/ticket-store.js';
import { deliverSignedWebhook, type DeliveryPolicy } from './signed-post.js';

export const STAFF_EVENT_TYPES = ['ticket.reviewed', 'ticket.escalated'] as const;
export type StaffEventType = (typeof STAFF_EVENT_TYPES)[number];

/** The body of a staff event POST. */
export interface StaffEvent {
  type: StaffEventType;
  ticket_id: string;
  at: string;
  data: Record<string, unknown>;
}

export interface StaffNotifierOptions {
  /** The outbox: each event is stored before it is sent and marked when delivery ends. */
  store: Pick<TicketStore, 'enqueueStaffEvent' | 'finishStaffEvent' | 'listPendingStaffEvents'>;
  url: string | undefined;
  secret: string | undefined;
  policy: DeliveryPolicy;
  log: Logger;
  fetch?: typeof fetch;
  now?: () => Date;
}

/**
 * Tells staff about tickets that need people (ticket.escalated) and about review decisions (ticket.reviewed):
 * POSTed to STAFF_WEBHOOK_URL, signed like ticket webhooks (x-webhook-signature over "<timestamp>.<body>") and
 * retried with the same backoff. Each event is stored first (an outbox), so one that a crash interrupts is sent at
 * the next start. Delivery runs beside the request, never in its way; failures are logged and recorded.
 */
export class StaffNotifier {
  private readonly tasks = new BackgroundTasks();
  private readonly fetch: typeof fetch;
  private readonly now: () => Date;

  constructor(private readonly opts: StaffNotifierOptions) {
    this.fetch = opts.fetch ?? globalThis.fetch;
    this.now = opts.now ?? (() => new Date());
  }

  get enabled(): boolean {
    return Boolean(this.opts.url && this.opts.secret);
  }

  /** Starts delivery of one event; returns at once. */
  notify(type: StaffEventType, ticketId: string, data: Record<string, unknown>): void {
    if (!this.enabled) return;
    const record: StaffEventRecord = { event_id: randomUUID(), type, ticket_id: ticketId, at: this.now().toISOString(), data };
    this.track(this.opts.store.enqueueStaffEvent(record).then(() => this.deliver(record)), record);
  }

  /** Sends again the events a crash left pending (at start-up); at least once, receivers dedupe on x-webhook-id. */
  async resumePending(limit = 1000): Promise<number> {
    if (!this.enabled) return 0;
    const pending = await this.opts.store.listPendingStaffEvents(limit);
    for (const record of pending) this.track(this.deliver(record), record);
    return pending.length;
  }

  private track(delivery: Promise<unknown>, { ticket_id: ticketId, type }: StaffEventRecord): void {
    this.tasks.track(delivery, (err) => this.opts.log.error({ err: errorMessage(err), ticketId, type }, 'staff webhook delivery crashed'));
  }

  drain(): Promise<void> {
    return this.tasks.drain();
  }

  async deliver(record: StaffEventRecord): Promise<boolean> {
    const { log, store } = this.opts;
    const event = { type: record.type, ticket_id: record.ticket_id, at: record.at, data: record.data } as StaffEvent;
    const { ok, attempts } = await deliverSignedWebhook({
      url: this.opts.url!,
      secret: this.opts.secret!,
      id: record.event_id,
      event: event.type,
      body: JSON.stringify(event),
      fetch: this.fetch,
      policy: this.opts.policy,
      onAttempt: (attempt, { status, error, retryable }) => {
        if (error !== null) log.warn({ ticketId: event.ticket_id, type: event.type, attempt, status, error, retryable }, 'staff webhook attempt failed');
      },
    });
    if (!ok) log.error({ ticketId: event.ticket_id, type: event.type }, 'staff webhook not delivered');
    await store.finishStaffEvent(record.event_id, ok ? 'delivered' : 'failed', attempts);
    return ok;
  }
}
