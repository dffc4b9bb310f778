import { errorMessage } from '../errors.js';
import type { Logger } from '../logger.js';
import type { TicketResult } from '../schemas/result.schema.js';
import { BackgroundTasks } from '../shared/background-tasks.js';
import type { TicketStore } from '../tickets/ticket-store.js';
import { deliverSignedWebhook, type DeliveryPolicy } from './signed-post.js';
import { webhookTargetProblem, type HostLookup } from './webhook-target-guard.js';

export interface WebhookOptions {
  store: TicketStore;
  secret: string | undefined;
  policy: DeliveryPolicy;
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
  private readonly tasks = new BackgroundTasks();
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
    this.tasks.track(this.deliver(record), (err) =>
      this.opts.log.error({ err: errorMessage(err), ticketId: record.ticket_id }, 'webhook delivery crashed'),
    );
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
  drain(): Promise<void> {
    return this.tasks.drain();
  }

  async deliver(record: TicketResult): Promise<boolean> {
    const { store, log } = this.opts;
    const url = record.ticket.callback_url!;
    const event = record.status === 'completed' ? 'ticket.completed' : 'ticket.failed';
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
    const { ok } = await deliverSignedWebhook({
      url,
      secret: this.opts.secret!,
      id: record.ticket_id,
      event,
      body: JSON.stringify({ event, ticket: record }),
      fetch: this.fetch,
      policy: this.opts.policy,
      onAttempt: async (attempt, { status, error, retryable, durationMs }, attemptedAt) => {
        await store.recordWebhookAttempt(record.ticket_id, {
          attempt,
          url,
          status_code: status,
          ok: error === null,
          error,
          duration_ms: durationMs,
          attempted_at: attemptedAt,
        });
        if (error !== null) log.warn({ ticketId: record.ticket_id, attempt, status, error, retryable }, 'webhook attempt failed');
      },
    });
    await store.setWebhookState(record.ticket_id, ok ? 'delivered' : 'failed');
    return ok;
  }
}
