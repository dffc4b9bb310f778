import { createHash, randomBytes } from 'node:crypto';
import { AppError } from '../errors.js';
import type { TicketResult } from '../schemas/result.schema.js';
import type { TicketInput } from '../schemas/ticket.schema.js';
import type { TicketProcessor } from './ticket-processor.js';
import type { TicketStore } from './ticket-store.js';

export interface TicketServiceDeps {
  store: TicketStore;
  processor: TicketProcessor;
  /** Tells a worker in this process that a ticket was queued, so it need not wait for its next poll. */
  onQueued?: () => void;
  /** Whether callback_url can be honoured (a webhook secret is configured). */
  webhooksEnabled?: boolean;
  /** Why a callback_url is refused (e.g. a private address), or undefined when it is fine. */
  webhookTargetProblem?: (url: string) => Promise<string | undefined>;
  now?: () => Date;
  newId?: () => string;
}

export interface SubmitOptions {
  /** Queue the ticket and return at once (202) instead of processing it in the request. */
  async?: boolean;
  /** The client's Idempotency-Key: retries of the same POST give the same ticket. */
  idempotencyKey?: string;
  signal?: AbortSignal;
}

/** Time-ordered, unguessable ticket ids: TKT-<time base36>-<random hex>. */
export function newTicketId(now = Date.now()): string {
  return `TKT-${now.toString(36).toUpperCase()}-${randomBytes(5).toString('hex').toUpperCase()}`;
}

/** Stable across key order, so a retried request hashes the same even if a client re-serialises it. */
function requestHash(input: TicketInput): string {
  const canonical = (v: unknown): unknown =>
    Array.isArray(v)
      ? v.map(canonical)
      : v && typeof v === 'object'
        ? Object.fromEntries(Object.keys(v).sort().map((k) => [k, canonical((v as Record<string, unknown>)[k])]))
        : v;
  return createHash('sha256').update(JSON.stringify(canonical(input))).digest('hex');
}

/**
 * The use case "resolve a ticket". The ticket is stored before any work starts, so an accepted ticket is
 * never lost: synchronously it is stored as processing under this process's lease and run at once; asynchronously
 * it is stored as queued (with its queue job, in one transaction) and a worker runs it.
 */
export class TicketService {
  private readonly now: () => Date;
  private readonly newId: () => string;

  constructor(private readonly deps: TicketServiceDeps) {
    this.now = deps.now ?? (() => new Date());
    this.newId = deps.newId ?? (() => newTicketId());
  }

  /** Stores a ticket and processes (or queues) it; a known ticket_id or idempotency key returns the stored record untouched. */
  async submit(input: TicketInput, opts: SubmitOptions = {}): Promise<{ created: boolean; record: TicketResult }> {
    if (input.callback_url && this.deps.webhooksEnabled === false) {
      throw new AppError('webhooks_disabled', 400, 'callback_url needs WEBHOOK_SECRET to be configured on the server', {
        errors: [{ field: 'callback_url', message: 'webhooks are not enabled on this server' }],
      });
    }
    const refused = input.callback_url ? await this.deps.webhookTargetProblem?.(input.callback_url) : undefined;
    if (refused) {
      throw new AppError('validation_failed', 400, `callback_url: ${refused}`, { errors: [{ field: 'callback_url', message: refused }] });
    }
    const ticketId = input.ticket_id ?? this.newId();
    const ticket: TicketInput = { ...input, ticket_id: ticketId };
    const hash = opts.idempotencyKey ? requestHash(input) : undefined;
    const { processor, store } = this.deps;
    const inserted = await store.insert({
      ticket_id: ticketId,
      ticket,
      status: opts.async ? 'queued' : 'processing',
      created_at: this.now().toISOString(),
      ...(opts.idempotencyKey ? { idempotency_key: opts.idempotencyKey, request_hash: hash } : {}),
      ...(opts.async ? {} : { lease: processor.lease }),
    });
    const { created, record } = inserted;
    if (!created) {
      if (opts.idempotencyKey && inserted.idempotency_key === opts.idempotencyKey && inserted.request_hash && inserted.request_hash !== hash) {
        throw new AppError('idempotency_key_reused', 422, 'this Idempotency-Key was already used for a different request');
      }
      return { created, record };
    }
    if (opts.async) {
      this.deps.onQueued?.();
      return { created, record };
    }
    await processor.runClaimed(record, { signal: opts.signal, retry: false });
    const done = await store.get(ticketId);
    if (!done) throw new Error(`ticket ${ticketId} disappeared from the store`);
    return { created, record: done };
  }

  get(ticketId: string): Promise<TicketResult | undefined> {
    return this.deps.store.get(ticketId);
  }

  /** Finishes tickets a previous run (or a dead replica) left processing with a lapsed lease. Returns how many it ran. */
  recoverUnfinished(limit = 1000): Promise<number> {
    return this.deps.processor.recoverStale(limit);
  }
}
