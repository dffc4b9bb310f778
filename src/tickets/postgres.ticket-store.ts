import pg from 'pg';
import type { PipelineOutput, TicketResult } from '../schemas/result.schema.js';
import type { WebhookAttempt, WebhookState } from '../schemas/webhook.schema.js';
import { migratePostgres } from './migrations/postgres.migrations.js';
import type { Correction, ReviewEvent, ReviewQueueQuery, ReviewState } from '../schemas/review.schema.js';
import { agentCosts, applyDecision, emptyReviewCounts, PRIORITY_RANK_SQL, reviewEventRow, summarizeFeedback, toTicketResult } from './ticket-row.js';
import type {
  ClaimOutcome,
  CorrectionRow,
  DecideOutcome,
  FeedbackSummary,
  InsertResult,
  Lease,
  NewFeedback,
  NewTicket,
  ReviewCounts,
  ReviewDecision,
  ReviewEventRow,
  ReviewPage,
  StatsQuery,
  StaffEventRecord,
  StatsRow,
  StoreHealth,
  TicketStore,
} from './ticket-store.js';

/** The shape pg-boss takes to run its SQL on our connection (its `db` option), so a job joins our transaction. */
export interface SqlExecutor {
  executeSql(text: string, values: unknown[]): Promise<{ rows: unknown[] }>;
}
/** Puts the job for a newly inserted queued ticket on the queue, on the given (transaction's) connection. */
export type TransactionalEnqueue = (db: SqlExecutor, ticketId: string) => Promise<void>;

export interface PostgresStoreOptions {
  connectionString: string;
  poolMax?: number;
  /** Called inside the insert transaction of every new queued ticket; a throw rolls the ticket back. */
  enqueue?: TransactionalEnqueue;
  onError?: (err: Error) => void;
}

interface Row {
  ticket_id: string;
  status: TicketResult['status'];
  ticket_json: TicketResult['ticket'];
  result_json: PipelineOutput | null;
  error: string | null;
  attempts: number;
  created_at: Date;
  completed_at: Date | null;
  idempotency_key: string | null;
  request_hash: string | null;
  webhook_state: WebhookState | null;
  webhook_attempts: string;
}

const SELECT = `SELECT t.*, (SELECT COUNT(*) FROM webhook_attempts w WHERE w.ticket_id = t.ticket_id) AS webhook_attempts FROM tickets t`;
const CLAIMABLE = `(status = 'queued' OR (status = 'processing' AND (lease_expires_at IS NULL OR lease_expires_at < now())))`;
const takeLease = (owner: string, ms: string) =>
  `status = 'processing', attempts = attempts + 1, lease_owner = ${owner}, lease_expires_at = now() + ${ms} * interval '1 millisecond', updated_at = now()`;

/**
 * The PostgreSQL store (node-postgres pool). Lease times use the database clock, so workers on machines with
 * skewed clocks agree on when a lease has lapsed. Migrations run in open(), before the store is used.
 */
export class PostgresTicketStore implements TicketStore {
  readonly kind = 'postgres';
  private closed = false;

  private constructor(
    readonly pool: pg.Pool,
    private readonly enqueue?: TransactionalEnqueue,
  ) {}

  static async open(opts: PostgresStoreOptions): Promise<PostgresTicketStore> {
    // A bounded connect time: an unreachable server fails a request (and the worker retries) instead of hanging it.
    const pool = new pg.Pool({
      connectionString: opts.connectionString,
      max: opts.poolMax ?? 10,
      application_name: 'support-agent',
      connectionTimeoutMillis: 5000,
    });
    // A client whose server went away emits 'error': the pool forwards it for idle clients, but a checked-out one
    // (mid-transaction, between two queries) has no listener of its own, and an unheard 'error' crashes the process.
    pool.on('error', (err) => opts.onError?.(err));
    pool.on('connect', (client) => client.on('error', (err) => opts.onError?.(err)));
    try {
      await migratePostgres(pool);
    } catch (err) {
      await pool.end();
      throw err;
    }
    return new PostgresTicketStore(pool, opts.enqueue);
  }

  private async row(ticketId: string): Promise<Row | undefined> {
    const { rows } = await this.pool.query<Row>(`${SELECT} WHERE t.ticket_id = $1`, [ticketId]);
    return rows[0];
  }

  private async transaction<T>(fn: (client: pg.PoolClient) => Promise<T>): Promise<T> {
    const client = await this.pool.connect();
    try {
      await client.query('BEGIN');
      const out = await fn(client);
      await client.query('COMMIT');
      return out;
    } catch (err) {
      await client.query('ROLLBACK').catch(() => undefined);
      throw err;
    } finally {
      client.release();
    }
  }

  async insert(t: NewTicket): Promise<InsertResult> {
    const created = await this.transaction(async (client) => {
      const res = await client.query(
        `INSERT INTO tickets (ticket_id, status, ticket_json, attempts, created_at, updated_at, idempotency_key, request_hash, lease_owner, lease_expires_at)
         VALUES ($1, $2, $3, $4, $5, $5, $6, $7, $8, CASE WHEN $8::text IS NULL THEN NULL ELSE now() + $9 * interval '1 millisecond' END)
         ON CONFLICT DO NOTHING`,
        [
          t.ticket_id,
          t.status,
          JSON.stringify(t.ticket),
          t.status === 'processing' ? 1 : 0,
          t.created_at,
          t.idempotency_key ?? null,
          t.request_hash ?? null,
          t.lease?.owner ?? null,
          t.lease?.ms ?? 0,
        ],
      );
      const inserted = res.rowCount === 1;
      if (inserted && t.status === 'queued' && this.enqueue) {
        await this.enqueue({ executeSql: (text, values) => client.query(text, values) }, t.ticket_id);
      }
      return inserted;
    });
    // A conflict on the idempotency key wins over one on the id: the same key must give the same ticket.
    let row: Row | undefined;
    if (t.idempotency_key) row = (await this.pool.query<Row>(`${SELECT} WHERE t.idempotency_key = $1`, [t.idempotency_key])).rows[0];
    row ??= await this.row(t.ticket_id);
    if (!row) throw new Error(`ticket ${t.ticket_id} vanished after insert`);
    return { created, record: toResult(row), request_hash: row.request_hash, idempotency_key: row.idempotency_key };
  }

  async get(ticketId: string): Promise<TicketResult | undefined> {
    const row = await this.row(ticketId);
    return row ? toResult(row) : undefined;
  }

  async markProcessing(ticketId: string): Promise<void> {
    await this.pool.query(`UPDATE tickets SET status = 'processing', attempts = attempts + 1, updated_at = now() WHERE ticket_id = $1`, [ticketId]);
  }

  async claim(ticketId: string, lease: Lease): Promise<ClaimOutcome> {
    const res = await this.pool.query(`UPDATE tickets SET ${takeLease('$2', '$3')} WHERE ticket_id = $1 AND ${CLAIMABLE}`, [ticketId, lease.owner, lease.ms]);
    const row = await this.row(ticketId);
    if (!row) return { kind: 'missing' };
    if (res.rowCount === 1) return { kind: 'claimed', record: toResult(row) };
    return row.status === 'completed' || row.status === 'failed' ? { kind: 'finished', record: toResult(row) } : { kind: 'busy' };
  }

  async claimNext(lease: Lease): Promise<TicketResult | undefined> {
    // SKIP LOCKED: concurrent claimers each take a different row instead of queueing behind one.
    const res = await this.pool.query<{ ticket_id: string }>(
      `UPDATE tickets SET ${takeLease('$1', '$2')}
       WHERE ticket_id = (SELECT ticket_id FROM tickets WHERE ${CLAIMABLE} AND available_at <= now()
                          ORDER BY available_at, created_at LIMIT 1 FOR UPDATE SKIP LOCKED)
       RETURNING ticket_id`,
      [lease.owner, lease.ms],
    );
    const id = res.rows[0]?.ticket_id;
    if (!id) return undefined;
    const row = await this.row(id);
    return row ? toResult(row) : undefined;
  }

  async renewLease(ticketId: string, lease: Lease): Promise<boolean> {
    const res = await this.pool.query(
      `UPDATE tickets SET lease_expires_at = now() + $3 * interval '1 millisecond' WHERE ticket_id = $1 AND lease_owner = $2 AND status = 'processing'`,
      [ticketId, lease.owner, lease.ms],
    );
    return res.rowCount === 1;
  }

  async release(ticketId: string, owner: string, error: string, retryAt: string): Promise<boolean> {
    const res = await this.pool.query(
      `UPDATE tickets SET status = 'queued', error = $3, lease_owner = NULL, lease_expires_at = NULL, available_at = $4, updated_at = now()
       WHERE ticket_id = $1 AND lease_owner = $2 AND status = 'processing'`,
      [ticketId, owner, error, retryAt],
    );
    return res.rowCount === 1;
  }

  async complete(ticketId: string, output: PipelineOutput, completedAt: string, owner?: string): Promise<boolean> {
    return this.transaction(async (client) => {
      const res = await client.query(
        `UPDATE tickets SET status = 'completed', result_json = $2, review_state = $5, error = NULL, completed_at = $3, updated_at = now(), lease_owner = NULL, lease_expires_at = NULL
         WHERE ticket_id = $1 AND ($4::text IS NULL OR (lease_owner = $4 AND status = 'processing'))`,
        [ticketId, JSON.stringify(output), completedAt, owner ?? null, output.review?.state ?? null],
      );
      if (res.rowCount !== 1) return false;
      for (const e of output.review?.history ?? []) await insertEvent(client, ticketId, e);
      return true;
    });
  }

  async decideReview(ticketId: string, decision: ReviewDecision): Promise<DecideOutcome> {
    return this.transaction(async (client): Promise<DecideOutcome> => {
      // FOR UPDATE: a concurrent decision waits here, then sees the state this one wrote.
      const { rows } = await client.query<{ status: TicketResult['status']; review_state: ReviewState | null; result_json: PipelineOutput | null }>(
        'SELECT status, review_state, result_json FROM tickets WHERE ticket_id = $1 FOR UPDATE',
        [ticketId],
      );
      const row = rows[0];
      if (!row) return { kind: 'missing' };
      if (row.status !== 'completed' || row.review_state !== 'pending_review' || !row.result_json)
        return { kind: 'conflict', status: row.status, state: row.review_state };
      const result = applyDecision(row.result_json, decision);
      await client.query(`UPDATE tickets SET result_json = $2, review_state = $3, updated_at = now() WHERE ticket_id = $1`, [
        ticketId,
        JSON.stringify(result),
        decision.review.state,
      ]);
      await insertEvent(client, ticketId, decision.event);
      const { rows: after } = await client.query<Row>(`${SELECT} WHERE t.ticket_id = $1`, [ticketId]);
      return { kind: 'decided', record: toResult(after[0]!) };
    });
  }

  async listReviewEvents(ticketId: string): Promise<ReviewEventRow[]> {
    const { rows } = await this.pool.query<{ ticket_id: string; action: ReviewEventRow['action']; at: Date; reviewer: string | null; reason: string | null; response_text: string | null }>(
      'SELECT ticket_id, action, at, reviewer, reason, response_text FROM review_events WHERE ticket_id = $1 ORDER BY id',
      [ticketId],
    );
    return rows.map((r) => reviewEventRow({ ...r, at: r.at.toISOString() }));
  }

  async listReviews(q: ReviewQueueQuery): Promise<ReviewPage> {
    const order =
      q.sort === 'priority' ? `${PRIORITY_RANK_SQL("t.result_json->'analysis'->>'priority'")}, t.created_at, t.ticket_id` : 't.created_at, t.ticket_id';
    const where = `WHERE t.status = 'completed' AND t.review_state = $1`;
    const { rows } = await this.pool.query<Row>(`${SELECT} ${where} ORDER BY ${order} LIMIT $2 OFFSET $3`, [q.state, q.limit, q.offset]);
    const { rows: n } = await this.pool.query<{ n: string }>(`SELECT COUNT(*) AS n FROM tickets t ${where}`, [q.state]);
    return { items: rows.map(toResult), total: Number(n[0]?.n ?? 0) };
  }

  async addFeedback(f: NewFeedback): Promise<void> {
    await this.pool.query(
      'INSERT INTO feedback (feedback_id, ticket_id, rating, reason, corrected_json, created_at) VALUES ($1, $2, $3, $4, $5, $6)',
      [f.feedback_id, f.ticket_id, f.rating, f.reason, f.corrected ? JSON.stringify(f.corrected) : null, f.created_at],
    );
  }

  async feedbackSummary(since: string, until: string): Promise<FeedbackSummary> {
    const { rows } = await this.pool.query<{ rating: 'up' | 'down'; corrected_json: Correction | null }>(
      'SELECT rating, corrected_json FROM feedback WHERE created_at >= $1 AND created_at <= $2',
      [since, until],
    );
    return summarizeFeedback(rows.map((r) => ({ rating: r.rating, corrected: r.corrected_json })));
  }

  async reviewCounts(since: string, until: string): Promise<ReviewCounts> {
    const { rows } = await this.pool.query<{ review_state: ReviewState; n: string }>(
      `SELECT review_state, COUNT(*) AS n FROM tickets WHERE status = 'completed' AND review_state IS NOT NULL
         AND completed_at >= $1 AND completed_at <= $2 GROUP BY review_state`,
      [since, until],
    );
    const counts = emptyReviewCounts();
    for (const r of rows) if (r.review_state in counts) counts[r.review_state] = Number(r.n);
    return counts;
  }

  async listCorrections(): Promise<CorrectionRow[]> {
    const { rows } = await this.pool.query<{
      ticket_id: string;
      corrected_json: Correction;
      ticket_json: { subject: string; body: string };
      category: string | null;
      priority: string | null;
      sentiment: string | null;
    }>(
      `SELECT DISTINCT ON (t.created_at, t.ticket_id) f.ticket_id, f.corrected_json, t.ticket_json,
              t.result_json->'analysis'->>'category' AS category,
              t.result_json->'analysis'->>'priority' AS priority,
              t.result_json->'analysis'->>'sentiment' AS sentiment
       FROM feedback f JOIN tickets t ON t.ticket_id = f.ticket_id
       WHERE f.corrected_json IS NOT NULL
       ORDER BY t.created_at, t.ticket_id, f.created_at DESC, f.feedback_id DESC`,
    );
    return rows.map((r) => ({
      ticket_id: r.ticket_id,
      subject: r.ticket_json.subject,
      body: r.ticket_json.body,
      analysis: { category: r.category, priority: r.priority, sentiment: r.sentiment },
      corrected: r.corrected_json,
    }));
  }

  async fail(ticketId: string, error: string, completedAt: string, owner?: string): Promise<boolean> {
    const res = await this.pool.query(
      `UPDATE tickets SET status = 'failed', error = $2, completed_at = $3, updated_at = now(), lease_owner = NULL, lease_expires_at = NULL
       WHERE ticket_id = $1 AND ($4::text IS NULL OR (lease_owner = $4 AND status = 'processing'))`,
      [ticketId, error, completedAt, owner ?? null],
    );
    return res.rowCount === 1;
  }

  async listUnfinished(limit: number, status?: 'queued' | 'processing'): Promise<TicketResult[]> {
    const statuses = status ? [status] : ['queued', 'processing'];
    const { rows } = await this.pool.query<Row>(`${SELECT} WHERE t.status = ANY($2) ORDER BY t.created_at LIMIT $1`, [limit, statuses]);
    return rows.map(toResult);
  }

  async listUndeliveredWebhooks(limit: number): Promise<TicketResult[]> {
    const { rows } = await this.pool.query<Row>(
      `${SELECT} WHERE t.status IN ('completed','failed') AND t.ticket_json->>'callback_url' IS NOT NULL
         AND (t.webhook_state IS NULL OR t.webhook_state = 'pending') ORDER BY t.completed_at LIMIT $1`,
      [limit],
    );
    return rows.map(toResult);
  }

  async enqueueStaffEvent(e: StaffEventRecord): Promise<void> {
    await this.pool.query(
      'INSERT INTO staff_events (event_id, type, ticket_id, at, data_json) VALUES ($1, $2, $3, $4, $5) ON CONFLICT (event_id) DO NOTHING',
      [e.event_id, e.type, e.ticket_id, e.at, JSON.stringify(e.data)],
    );
  }

  async finishStaffEvent(eventId: string, state: 'delivered' | 'failed', attempts: number): Promise<void> {
    await this.pool.query('UPDATE staff_events SET state = $2, attempts = $3 WHERE event_id = $1', [eventId, state, attempts]);
  }

  async listPendingStaffEvents(limit: number): Promise<StaffEventRecord[]> {
    const { rows } = await this.pool.query<{ event_id: string; type: string; ticket_id: string; at: Date; data_json: Record<string, unknown> }>(
      `SELECT event_id, type, ticket_id, at, data_json FROM staff_events WHERE state = 'pending' ORDER BY at, event_id LIMIT $1`,
      [limit],
    );
    return rows.map((r) => ({ event_id: r.event_id, type: r.type, ticket_id: r.ticket_id, at: r.at.toISOString(), data: r.data_json }));
  }

  async setWebhookState(ticketId: string, state: WebhookState): Promise<void> {
    await this.pool.query('UPDATE tickets SET webhook_state = $2 WHERE ticket_id = $1', [ticketId, state]);
  }

  async recordWebhookAttempt(ticketId: string, a: WebhookAttempt): Promise<void> {
    await this.pool.query(
      `INSERT INTO webhook_attempts (ticket_id, attempt, url, status_code, ok, error, duration_ms, attempted_at) VALUES ($1, $2, $3, $4, $5, $6, $7, $8)`,
      [ticketId, a.attempt, a.url, a.status_code, a.ok, a.error, a.duration_ms, a.attempted_at],
    );
  }

  async listWebhookAttempts(ticketId: string): Promise<WebhookAttempt[]> {
    const { rows } = await this.pool.query<Omit<WebhookAttempt, 'attempted_at'> & { attempted_at: Date }>(
      'SELECT attempt, url, status_code, ok, error, duration_ms, attempted_at FROM webhook_attempts WHERE ticket_id = $1 ORDER BY id',
      [ticketId],
    );
    return rows.map((r) => ({ ...r, attempted_at: r.attempted_at.toISOString() }));
  }

  /** The /stats projection: the same fields the SQLite adapter reads with json_extract. */
  async statsRows(q: StatsQuery): Promise<StatsRow[]> {
    const { rows } = await this.pool.query<
      Omit<StatsRow, 'completed_at' | 'quality_failed' | 'agent_costs'> & { completed_at: Date; quality_failed: string[] | null; trace: unknown }
    >(
      `SELECT ticket_id, status, completed_at,
         result_json->>'variant' AS variant,
         result_json->'analysis'->>'category' AS category,
         result_json->'analysis'->>'priority' AS priority,
         (result_json->'analysis'->>'requires_human_escalation')::boolean AS escalated,
         (result_json->'quality'->>'score')::float8 AS quality,
         result_json->'quality'->'failed' AS quality_failed,
         (result_json->'quality'->'judge'->>'score')::float8 AS judge,
         (result_json->'metrics'->'latency_ms'->>'total')::float8 AS latency_ms,
         COALESCE((result_json->'metrics'->'tokens'->>'input')::int, 0) AS tokens_input,
         COALESCE((result_json->'metrics'->'tokens'->>'output')::int, 0) AS tokens_output,
         COALESCE((result_json->'metrics'->>'cost_usd')::float8, 0) AS cost_usd,
         result_json->>'provider' AS provider,
         (result_json->>'degraded')::boolean AS degraded,
         result_json->'trace' AS trace
       FROM tickets
       WHERE status IN ('completed', 'failed') AND completed_at >= $1 AND completed_at <= $2
         AND ($3::text IS NULL OR result_json->>'variant' = $3)
       ORDER BY completed_at DESC
       LIMIT $4`,
      [q.since, q.until, q.variant ?? null, q.limit],
    );
    return rows.map(({ trace, ...r }) => ({
      ...r,
      completed_at: r.completed_at.toISOString(),
      quality_failed: r.quality_failed ?? [],
      agent_costs: agentCosts(trace),
    }));
  }

  async countQueued(): Promise<number> {
    const { rows } = await this.pool.query<{ n: string }>(`SELECT COUNT(*) AS n FROM tickets WHERE status = 'queued'`);
    return Number(rows[0]?.n ?? 0);
  }

  async ping(): Promise<StoreHealth> {
    try {
      await this.pool.query('SELECT 1');
      return { status: 'up' };
    } catch (err) {
      return { status: 'down', detail: (err as Error).message };
    }
  }

  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    await this.pool.end();
  }
}

async function insertEvent(client: pg.PoolClient, ticketId: string, e: ReviewEvent): Promise<void> {
  await client.query('INSERT INTO review_events (ticket_id, action, at, reviewer, reason, response_text) VALUES ($1, $2, $3, $4, $5, $6)', [
    ticketId,
    e.action,
    e.at,
    e.reviewer ?? null,
    e.reason ?? null,
    e.response_text ?? null,
  ]);
}

function toResult(row: Row): TicketResult {
  return toTicketResult({
    ...row,
    ticket: row.ticket_json,
    result: row.result_json,
    created_at: row.created_at.toISOString(),
    completed_at: row.completed_at ? row.completed_at.toISOString() : null,
    webhook_attempts: Number(row.webhook_attempts),
  });
}
