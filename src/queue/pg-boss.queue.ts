import PgBoss from 'pg-boss';
import type { Logger } from '../logger.js';
import type { SqlExecutor } from '../tickets/postgres.ticket-store.js';
import type { JobSource, QueuedJob } from './job-source.js';

export const TICKET_QUEUE = 'tickets';

export interface PgBossQueueOptions {
  connectionString: string;
  /** Retries pg-boss makes of a job (pipeline failures, workers that died, database outages), with exponential backoff. */
  retryLimit: number;
  retryDelaySeconds: number;
  /** An active job older than this is taken to belong to a dead worker and is retried. */
  expireInSeconds: number;
  /** How often pg-boss looks for such jobs (and archives old ones). */
  maintenanceIntervalSeconds: number;
  log: Logger;
}

/**
 * The durable queue on PostgreSQL. A job only names a ticket; it is sent on the ticket insert's own connection,
 * inside its transaction (pg-boss's `db` option), so a ticket is never committed without its job or vice versa.
 */
export class PgBossQueue implements JobSource {
  readonly kind = 'pg-boss';
  readonly boss: PgBoss;
  private started?: Promise<void>;

  constructor(private readonly opts: PgBossQueueOptions) {
    this.boss = new PgBoss({
      connectionString: opts.connectionString,
      application_name: 'support-agent-queue',
      max: 4,
      supervise: true,
      schedule: false,
      maintenanceIntervalSeconds: opts.maintenanceIntervalSeconds,
    });
    // pg-boss reports connection loss and maintenance failures here; without a listener they would crash the process.
    this.boss.on('error', (err: Error) => opts.log.warn({ err: err.message }, 'queue error'));
  }

  /** Installs or migrates pg-boss's schema and creates (or updates) the tickets queue. Safe to call repeatedly. */
  start(): Promise<void> {
    this.started ??= (async () => {
      await this.boss.start();
      const queue = {
        name: TICKET_QUEUE,
        retryLimit: this.opts.retryLimit,
        retryDelay: this.opts.retryDelaySeconds,
        retryBackoff: true,
        expireInSeconds: this.opts.expireInSeconds,
      };
      if (await this.boss.getQueue(TICKET_QUEUE)) await this.boss.updateQueue(TICKET_QUEUE, queue);
      else await this.boss.createQueue(TICKET_QUEUE, queue).catch(async (err: unknown) => {
        // Another process created it between our check and our create.
        if (!(await this.boss.getQueue(TICKET_QUEUE))) throw err;
      });
    })();
    return this.started;
  }

  /** For PostgresTicketStore's insert transaction. */
  enqueueIn = async (db: SqlExecutor, ticketId: string): Promise<void> => {
    await this.start();
    const id = await this.boss.send(TICKET_QUEUE, { ticketId }, { db: db as PgBoss.Db });
    if (!id) throw new Error(`queue "${TICKET_QUEUE}" refused the job for ticket ${ticketId}`);
  };

  /** Enqueues outside any transaction (recovery, tests). */
  async enqueue(ticketId: string): Promise<void> {
    await this.start();
    await this.boss.send(TICKET_QUEUE, { ticketId });
  }

  async fetch(max: number): Promise<QueuedJob[]> {
    const jobs = await this.boss.fetch<{ ticketId: string }>(TICKET_QUEUE, { batchSize: max });
    return jobs.map((j) => ({ ticketId: j.data.ticketId, jobId: j.id }));
  }

  async ack(job: QueuedJob): Promise<void> {
    if (job.jobId) await this.boss.complete(TICKET_QUEUE, job.jobId);
  }

  async retry(job: QueuedJob, reason: string): Promise<void> {
    if (job.jobId) await this.boss.fail(TICKET_QUEUE, job.jobId, { message: reason });
  }

  /**
   * A queued ticket whose job is gone (its retries ran out during a long outage, or it was deleted by hand) would
   * wait forever: send it a new job. Only tickets untouched for olderThanMs, so a job being retried right now is left alone.
   */
  async sweep(olderThanMs: number): Promise<number> {
    const { rows } = (await this.boss.getDb().executeSql(
      `SELECT t.ticket_id FROM tickets t
       WHERE t.status = 'queued' AND t.updated_at < now() - $1 * interval '1 millisecond'
         AND NOT EXISTS (SELECT 1 FROM pgboss.job j WHERE j.name = $2 AND j.data->>'ticketId' = t.ticket_id AND j.state < 'completed')
       ORDER BY t.created_at LIMIT 100`,
      [olderThanMs, TICKET_QUEUE],
    )) as { rows: { ticket_id: string }[] };
    for (const r of rows) {
      this.opts.log.warn({ ticketId: r.ticket_id }, 'queued ticket had no live job; sending a new one');
      await this.enqueue(r.ticket_id);
    }
    return rows.length;
  }

  async stop(): Promise<void> {
    if (!this.started) return;
    await this.started.catch(() => undefined);
    await this.boss.stop({ graceful: false, wait: true, close: true, timeout: 5000 });
  }
}
