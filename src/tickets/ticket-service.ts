import { randomBytes } from 'node:crypto';
import { errorMessage, TicketInterruptedError } from '../errors.js';
import type { Logger } from '../logger.js';
import type { Orchestrator } from '../orchestrator/orchestrator.js';
import type { TicketResult } from '../schemas/result.schema.js';
import type { TicketInput } from '../schemas/ticket.schema.js';
import type { TicketStore } from './ticket-store.js';

export interface TicketServiceDeps {
  store: TicketStore;
  orchestrator: Pick<Orchestrator, 'process'>;
  log: Logger;
  now?: () => Date;
  newId?: () => string;
}

/** Time-ordered, unguessable ticket ids: TKT-<time base36>-<random hex>. */
export function newTicketId(now = Date.now()): string {
  return `TKT-${now.toString(36).toUpperCase()}-${randomBytes(5).toString('hex').toUpperCase()}`;
}

/**
 * The use case "resolve a ticket". The ticket is stored before any work starts, so an accepted ticket is
 * never lost: a crash leaves it "processing", and recoverUnfinished() finishes it on the next start.
 */
export class TicketService {
  private readonly now: () => Date;
  private readonly newId: () => string;

  constructor(private readonly deps: TicketServiceDeps) {
    this.now = deps.now ?? (() => new Date());
    this.newId = deps.newId ?? (() => newTicketId());
  }

  /** Stores and processes a ticket; a known ticket_id returns the stored record untouched. */
  async submit(input: TicketInput, signal?: AbortSignal): Promise<{ created: boolean; record: TicketResult }> {
    const ticketId = input.ticket_id ?? this.newId();
    const ticket: TicketInput = { ...input, ticket_id: ticketId };
    const { created, record } = await this.deps.store.insert({
      ticket_id: ticketId,
      ticket,
      status: 'processing',
      created_at: this.now().toISOString(),
    });
    if (!created) return { created, record };
    return { created, record: await this.process(ticketId, ticket, signal) };
  }

  get(ticketId: string): Promise<TicketResult | undefined> {
    return this.deps.store.get(ticketId);
  }

  /** Runs the pipeline for a stored ticket and records the outcome, success or failure. */
  async process(ticketId: string, ticket: TicketInput, signal?: AbortSignal): Promise<TicketResult> {
    try {
      const output = await this.deps.orchestrator.process(ticketId, ticket, signal);
      await this.deps.store.complete(ticketId, output, this.now().toISOString());
    } catch (err) {
      if (signal?.aborted) {
        // Withdrawn (shutdown), not failed: leave it unfinished for recoverUnfinished() to pick up.
        this.deps.log.warn({ ticketId }, 'ticket processing interrupted; left unfinished for recovery');
        throw new TicketInterruptedError(ticketId);
      }
      this.deps.log.error({ err, ticketId }, 'ticket processing failed');
      await this.deps.store.fail(ticketId, errorMessage(err), this.now().toISOString());
    }
    const record = await this.deps.store.get(ticketId);
    if (!record) throw new Error(`ticket ${ticketId} disappeared from the store`);
    return record;
  }

  /** Finishes tickets a previous run accepted but did not complete. Returns how many it processed. */
  async recoverUnfinished(limit = 1000): Promise<number> {
    const unfinished = await this.deps.store.listUnfinished(limit);
    for (const t of unfinished) {
      this.deps.log.info({ ticketId: t.ticket_id, status: t.status }, 'recovering unfinished ticket');
      await this.deps.store.markProcessing(t.ticket_id);
      await this.process(t.ticket_id, t.ticket);
    }
    return unfinished.length;
  }
}
