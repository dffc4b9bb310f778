import { errorMessage } from '../errors.js';
import type { Logger } from '../logger.js';
import type { TicketResult } from '../schemas/result.schema.js';
import { backoffMs } from '../tickets/ticket-processor.js';
import type { TicketStore } from '../tickets/ticket-store.js';
import { postSignedWebhook } from './signed-post.js';
import { webhookTargetProblem, type HostLookup } from './webhook-target-guard.js';

export interface WebhookOptions {
  store: TicketStore;
  secret: string | undefined;
  maxAttempts: number;
  baseDelayMs: number;
  maxDelayMs: number;
  timeoutMs: number;
  log: Logger;
  fetch?: typeof fetch;
  /** Allow receivers on private, loopback and link-local addresses (development, tests). */
  allowPrivateTargets?: boolean;
  lookup?: HostLookup;
}

/**
 * Delivers a finished ticket to its callback_url: signed, retried with backoff, each attempt recorded in the
 * store. Delivery is at least once (a receiver dedupes on x-webhook-id) and runs beside the worker, not in its way.
 */
export class WebhookDispatcher {
  private readonly inFlight = new Set<Promise<void>>();
  private readonly fetch: typeof fetch;

  constructor(private readonly opts: WebhookOptions) {
    this.fetch = opts.fetch ?? globalThis.fetch;
  }

  get enabled(): boolean {
    return Boolean(this.opts.secret);
  }

  /** Why a callback URL is refused, or undefined when it may be called. */
  async targetProblem(url: string): Promise<string | undefined> {
    return this.opts.allowPrivateTargets ? undefined : webhookTargetProblem(url, this.opts.lookup);
  }

  /** Starts delivery if the ticket asked for one; returns at once. */
  dispatch(record: TicketResult): void {
    if (!record.ticket.callback_url || !this.opts.secret) return;
    const p: Promise<void> = this.deliver(record).then(
      () => undefined,
      (err: unknown) =>
        this.opts.log.error(
          { err: errorMessage(err), ticketId: record.ticket_id },
          'webhook delivery crashed',
        ),
    );
    this.inFlight.add(p);
    void p.finally(() => this.inFlight.delete(p));
  }

  /**
   * Starts delivery again for finished tickets whose webhook a crash or restart cut short (at start-up).
   * Delivery stays at least once: a replica still delivering one of them may send it too; receivers dedupe on
   * x-webhook-id. Returns how many were restarted.
   */
  async resumeUndelivered(limit = 1000): Promise<number> {
    if (!this.enabled) return 0;
    const pending = await this.opts.store.listUndeliveredWebhooks(limit);
    for (const record of pending) this.dispatch(record);
    return pending.length;
  }

  /** Waits for deliveries under way (shutdown, tests). */
  async drain(): Promise<void> {
    while (this.inFlight.size > 0) await Promise.allSettled([...this.inFlight]);
  }

  async deliver(record: TicketResult): Promise<boolean> {
    const { store, log, maxAttempts } = this.opts;
    const url = record.ticket.callback_url!;
    const event = record.status === 'completed' ? 'ticket.completed' : 'ticket.failed';
    const body = JSON.stringify({ event, ticket: record });
    await store.setWebhookState(record.ticket_id, 'pending');
    // Checked again at delivery: the name may resolve elsewhere now than when the ticket was accepted.
    const refused = await this.targetProblem(url);
    if (refused) {
      const at = new Date().toISOString();
      await store.recordWebhookAttempt(record.ticket_id, { attempt: 1, url, status_code: null, ok: false, error: refused, duration_ms: 0, attempted_at: at });
      await store.setWebhookState(record.ticket_id, 'failed');
      log.warn({ ticketId: record.ticket_id }, 'webhook target refused');
      return false;
    }
    for (let attempt = 1; attempt <= maxAttempts; attempt++) {
      const attemptedAt = new Date().toISOString();
      const { status, error, retryable, durationMs } = await postSignedWebhook({
        url,
        secret: this.opts.secret!,
        id: record.ticket_id,
        event,
        attempt,
        body,
        timeoutMs: this.opts.timeoutMs,
        fetch: this.fetch,
      });
      const ok = error === null;
      await store.recordWebhookAttempt(record.ticket_id, {
        attempt,
        url,
        status_code: status,
        ok,
        error,
        duration_ms: durationMs,
        attempted_at: attemptedAt,
      });
      if (ok) {
        await store.setWebhookState(record.ticket_id, 'delivered');
        return true;
      }
      log.warn({ ticketId: record.ticket_id, attempt, status, error, retryable }, 'webhook attempt failed');
      if (!retryable || attempt === maxAttempts) break;
      await new Promise((r) => setTimeout(r, backoffMs(attempt, this.opts)));
    }
    await store.setWebhookState(record.ticket_id, 'failed');
    return false;
  }
}
