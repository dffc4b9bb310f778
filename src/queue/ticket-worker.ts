import { errorMessage } from '../errors.js';
import type { Logger } from '../logger.js';
import type { TicketProcessor } from '../tickets/ticket-processor.js';
import type { JobSource, QueuedJob } from './job-source.js';

export interface TicketWorkerOptions {
  source: JobSource;
  processor: TicketProcessor;
  log: Logger;
  /** Tickets processed at once by this worker. */
  concurrency: number;
  /** Wait between polls when the queue is empty (a local submit wakes the worker at once). */
  pollIntervalMs: number;
  /** How often to look for tickets a dead worker or request left 'processing'. */
  sweepIntervalMs: number;
}

/**
 * Pulls jobs from a source and runs them through the processor, `concurrency` at a time. Runs inside the API
 * process or alone (`support-agent worker`); any number of them can share one database.
 */
export class TicketWorker {
  private stopping = false;
  private loops: Promise<void>[] = [];
  private readonly wakers = new Set<() => void>();
  private sweeper?: NodeJS.Timeout;
  processed = 0;

  constructor(private readonly opts: TicketWorkerOptions) {}

  get owner(): string {
    return this.opts.processor.owner;
  }

  async start(): Promise<void> {
    await this.opts.source.start();
    this.loops = Array.from({ length: this.opts.concurrency }, () => this.loop());
    this.sweeper = setInterval(() => {
      Promise.all([this.opts.processor.recoverStale(), this.opts.source.sweep?.(this.opts.sweepIntervalMs)]).catch((err: unknown) =>
        this.opts.log.warn({ err: errorMessage(err) }, 'sweep for stale tickets failed'),
      );
    }, this.opts.sweepIntervalMs);
    this.sweeper.unref();
    this.opts.log.info({ worker: this.owner, source: this.opts.source.kind, concurrency: this.opts.concurrency }, 'worker started');
  }

  /** New work may be waiting: skip the rest of the poll interval. */
  notify(): void {
    for (const wake of this.wakers) wake();
  }

  /** Stops fetching and waits for the tickets in hand (their leases would otherwise hand them to another worker later). */
  async stop(): Promise<void> {
    this.stopping = true;
    clearInterval(this.sweeper);
    this.notify();
    await Promise.all(this.loops);
    await this.opts.source.stop();
  }

  private async loop(): Promise<void> {
    while (!this.stopping) {
      let jobs: QueuedJob[] = [];
      try {
        jobs = await this.opts.source.fetch(1);
      } catch (err) {
        this.opts.log.warn({ err: errorMessage(err) }, 'fetching jobs failed; will poll again');
      }
      for (const job of jobs) await this.handle(job);
      if (jobs.length === 0 && !this.stopping) await this.idle();
    }
  }

  private async handle(job: QueuedJob): Promise<void> {
    const { source, processor, log } = this.opts;
    try {
      const outcome = job.claimed ? await processor.runClaimed(job.claimed) : await processor.claimAndRun(job.ticketId);
      if (outcome === 'done') {
        this.processed++;
        await source.ack(job);
      } else {
        await source.retry(job, outcome === 'busy' ? 'ticket held by another worker' : 'attempt failed');
      }
    } catch (err) {
      // Typically the database went away mid-job. The ticket's lease lapses and the job expires, so it is retried.
      log.warn({ err: errorMessage(err), ticketId: job.ticketId }, 'job failed; it will be retried');
      await source.retry(job, errorMessage(err)).catch(() => undefined);
    }
  }

  private idle(): Promise<void> {
    return new Promise((resolve) => {
      const done = () => {
        clearTimeout(timer);
        this.wakers.delete(done);
        resolve();
      };
      const timer = setTimeout(done, this.opts.pollIntervalMs);
      this.wakers.add(done);
    });
  }
}
