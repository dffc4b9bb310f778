import { randomUUID } from 'node:crypto';
import { errorMessage } from '../errors.js';
import type { Logger } from '../logger.js';
import { backoffMs } from '../tickets/ticket-processor.js';
import { postSignedWebhook } from './signed-post.js';

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
  url: string | undefined;
  secret: string | undefined;
  maxAttempts: number;
  baseDelayMs: number;
  maxDelayMs: number;
  timeoutMs: number;
  log: Logger;
  fetch?: typeof fetch;
  now?: () => Date;
}

/**
 * Tells staff about tickets that need people (ticket.escalated) and about review decisions (ticket.reviewed):
 * POSTed to STAFF_WEBHOOK_URL, signed like ticket webhooks (x-webhook-signature over "<timestamp>.<body>") and
 * retried with the same backoff. Delivery runs beside the request, never in its way; failures are logged.
 */
export class StaffNotifier {
  private readonly inFlight = new Set<Promise<void>>();
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
    const event: StaffEvent = { type, ticket_id: ticketId, at: this.now().toISOString(), data };
    const p = this.deliver(event).then(
      () => undefined,
      (err: unknown) => this.opts.log.error({ err: errorMessage(err), ticketId, type }, 'staff webhook delivery crashed'),
    );
    this.inFlight.add(p);
    void p.finally(() => this.inFlight.delete(p));
  }

  async drain(): Promise<void> {
    while (this.inFlight.size > 0) await Promise.allSettled([...this.inFlight]);
  }

  async deliver(event: StaffEvent): Promise<boolean> {
    const { log, maxAttempts } = this.opts;
    const url = this.opts.url!;
    const body = JSON.stringify(event);
    const id = randomUUID();
    for (let attempt = 1; attempt <= maxAttempts; attempt++) {
      const { status, error, retryable } = await postSignedWebhook({
        url,
        secret: this.opts.secret!,
        id,
        event: event.type,
        attempt,
        body,
        timeoutMs: this.opts.timeoutMs,
        fetch: this.fetch,
      });
      if (error === null) return true;
      log.warn({ ticketId: event.ticket_id, type: event.type, attempt, status, error, retryable }, 'staff webhook attempt failed');
      if (!retryable || attempt === maxAttempts) break;
      await new Promise((r) => setTimeout(r, backoffMs(attempt, this.opts)));
    }
    log.error({ ticketId: event.ticket_id, type: event.type }, 'staff webhook not delivered');
    return false;
  }
}
