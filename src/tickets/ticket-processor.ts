import { randomBytes } from 'node:crypto';
import { hostname } from 'node:os';
import { errorMessage, TicketInterruptedError } from '../errors.js';
import type { Logger } from '../logger.js';
import type { Orchestrator } from '../orchestrator/orchestrator.js';
import type { PipelineOutput, TicketResult } from '../schemas/result.schema.js';
import type { TicketStore } from './ticket-store.js';

export interface RetryPolicy {
  /** Pipeline runs per ticket before it is marked failed. */
  maxAttempts: number;
  /** First retry delay; doubles per attempt, with up to 100% jitter, capped at maxDelayMs. */
  baseDelayMs: number;
  maxDelayMs: number;
}

export interface ProcessorOptions {
  store: TicketStore;
  orchestrator: Pick<Orchestrator, 'process'>;
  log: Logger;
  /** How long a claim lasts without renewal; renewed every third of it while the pipeline runs. */
  leaseMs: number;
  retry: RetryPolicy;
  /** Called once a ticket reaches completed or failed (webhook delivery); should return quickly. */
  onFinished?: (record: TicketResult) => void;
  /** Last step before the result is stored (escalation notice, review decision); runs on every path that completes a ticket. */
  finalize?: (record: TicketResult, output: PipelineOutput) => Promise<PipelineOutput>;
  owner?: string;
  now?: () => Date;
}

/** done: the ticket reached completed/failed (or was already there). retry: put back for a later attempt. busy: someone else holds it. */
export type ProcessOutcome = 'done' | 'retry' | 'busy';

/** Exponential backoff with jitter: base·2^(attempt-1) to twice that, capped. */
export function backoffMs(attempt: number, policy: Pick<RetryPolicy, 'baseDelayMs' | 'maxDelayMs'>, random = Math.random): number {
  const base = policy.baseDelayMs * 2 ** Math.max(0, attempt - 1);
  return Math.min(policy.maxDelayMs, Math.round(base * (1 + random())));
}

export function newWorkerId(): string {
  return `${hostname()}-${process.pid}-${randomBytes(3).toString('hex')}`;
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/**
 * Runs the pipeline for tickets it holds a lease on. The lease (not the queue) is what keeps a ticket from
 * running twice at once: it is renewed while the pipeline runs, and every write of the outcome is fenced on it,
 * so a worker that lost its lease (paused, partitioned) cannot overwrite the result of the one that took over.
 */
export class TicketProcessor {
  readonly owner: string;
  private readonly now: () => Date;

  constructor(private readonly opts: ProcessorOptions) {
    this.owner = opts.owner ?? newWorkerId();
    this.now = opts.now ?? (() => new Date());
  }

  get lease() {
    return { owner: this.owner, ms: this.opts.leaseMs };
  }

  /** Claims the ticket (a pg-boss job names it) and runs it. */
  async claimAndRun(ticketId: string): Promise<ProcessOutcome> {
    const claim = await this.opts.store.claim(ticketId, this.lease);
    if (claim.kind === 'busy') return 'busy';
    if (claim.kind !== 'claimed') return 'done';
    return this.runClaimed(claim.record);
  }

  /** Runs a ticket this worker has just claimed. retry false (a synchronous request) fails it on the first error. */
  async runClaimed(record: TicketResult, opts: { signal?: AbortSignal; retry?: boolean } = {}): Promise<ProcessOutcome> {
    const { signal } = opts;
    const { store, retry, log } = this.opts;
    const id = record.ticket_id;
    if (record.attempts > retry.maxAttempts) {
      // Claimed again after its worker vanished mid-run, too often: a ticket that kills workers stops here.
      const reason = `gave up after ${retry.maxAttempts} attempts${record.error ? `; last error: ${record.error}` : ' (the worker processing it stopped)'}`;
      if (await this.write(() => store.fail(id, reason, this.now().toISOString(), this.owner))) await this.finished(id);
      return 'done';
    }
    const lost = new AbortController();
    const heartbeat = setInterval(() => {
      store.renewLease(id, this.lease).then(
        (held) => {
          if (!held) lost.abort(new Error('lease lost to another worker'));
        },
        (err: unknown) => log.warn({ err: errorMessage(err), ticketId: id }, 'lease renewal failed; retrying'),
      );
    }, Math.max(50, Math.floor(this.opts.leaseMs / 3)));
    try {
      const raw = await this.opts.orchestrator.process(id, record.ticket, signal ? AbortSignal.any([signal, lost.signal]) : lost.signal);
      if (lost.signal.aborted) return 'busy';
      const output = this.opts.finalize ? await this.opts.finalize(record, raw) : raw;
      const stored = await this.write(() => store.complete(id, output, this.now().toISOString(), this.owner));
      if (!stored) return 'busy';
      await this.finished(id);
      return 'done';
    } catch (err) {
      if (lost.signal.aborted) return 'busy';
      if (signal?.aborted) {
        // Withdrawn by the caller (shutdown deadline), not failed: hand it back to the queue for any worker.
        log.warn({ ticketId: id }, 'ticket processing interrupted; handed back to the queue');
        await this.write(() => store.release(id, this.owner, 'interrupted by shutdown', this.now().toISOString()));
        throw new TicketInterruptedError(id);
      }
      const reason = errorMessage(err);
      if (opts.retry === false || record.attempts >= retry.maxAttempts) {
        log.error({ err, ticketId: id, attempts: record.attempts }, 'ticket failed for good');
        if (await this.write(() => store.fail(id, reason, this.now().toISOString(), this.owner))) await this.finished(id);
        return 'done';
      }
      const delay = backoffMs(record.attempts, retry);
      log.warn({ err: reason, ticketId: id, attempts: record.attempts, retryInMs: delay }, 'ticket attempt failed; will retry');
      await this.write(() => store.release(id, this.owner, reason, new Date(this.now().getTime() + delay).toISOString()));
      return 'retry';
    } finally {
      clearInterval(heartbeat);
    }
  }

  /** Finishes tickets left 'processing' by a worker or request that died (lapsed lease); returns how many it ran. */
  async recoverStale(limit = 100): Promise<number> {
    let n = 0;
    for (const t of await this.opts.store.listUnfinished(limit, 'processing')) {
      const claim = await this.opts.store.claim(t.ticket_id, this.lease);
      if (claim.kind !== 'claimed') continue;
      this.opts.log.info({ ticketId: t.ticket_id, attempts: claim.record.attempts }, 'recovering unfinished ticket');
      await this.runClaimed(claim.record);
      n++;
    }
    return n;
  }

  private async finished(ticketId: string): Promise<void> {
    if (!this.opts.onFinished) return;
    const record = await this.opts.store.get(ticketId);
    if (record) this.opts.onFinished(record);
  }

  /** Writes of an outcome are worth a few retries: a short database blip should not cost a whole pipeline run. */
  private async write<T>(fn: () => Promise<T>): Promise<T> {
    for (let i = 0; ; i++) {
      try {
        return await fn();
      } catch (err) {
        if (i >= 4) throw err;
        await sleep(100 * 2 ** i);
      }
    }
  }
}
