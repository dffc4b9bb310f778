import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import Database from 'better-sqlite3';
import type { PipelineOutput, TicketResult } from '../schemas/result.schema.js';
import type { WebhookAttempt, WebhookState } from '../schemas/webhook.schema.js';
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

interface Row {
  ticket_id: string;
  status: TicketResult['status'];
  ticket_json: string;
  result_json: string | null;
  error: string | null;
  attempts: number;
  created_at: string;
  completed_at: string | null;
  idempotency_key: string | null;
  request_hash: string | null;
  webhook_state: WebhookState | null;
  review_state: ReviewState | null;
  webhook_attempts: number;
}

const MIGRATIONS: string[] = [
  `CREATE TABLE IF NOT EXISTS tickets (
     ticket_id    TEXT PRIMARY KEY,
     status       TEXT NOT NULL CHECK (status IN ('queued','processing','completed','failed')),
     ticket_json  TEXT NOT NULL,
     result_json  TEXT,
     error        TEXT,
     attempts     INTEGER NOT NULL DEFAULT 0,
     created_at   TEXT NOT NULL,
     updated_at   TEXT NOT NULL,
     completed_at TEXT
   );
   CREATE INDEX IF NOT EXISTS tickets_status_created ON tickets (status, created_at);`,
  // 2: the tickets table doubles as the queue (leases, due time), idempotency keys, webhook attempts.
  `ALTER TABLE tickets ADD COLUMN idempotency_key TEXT;
   ALTER TABLE tickets ADD COLUMN request_hash TEXT;
   ALTER TABLE tickets ADD COLUMN lease_owner TEXT;
   ALTER TABLE tickets ADD COLUMN lease_expires_at INTEGER;
   ALTER TABLE tickets ADD COLUMN available_at INTEGER NOT NULL DEFAULT 0;
   ALTER TABLE tickets ADD COLUMN webhook_state TEXT;
   CREATE UNIQUE INDEX tickets_idempotency_key ON tickets (idempotency_key);
   CREATE INDEX tickets_status_due ON tickets (status, available_at);
   CREATE TABLE webhook_attempts (
     id           INTEGER PRIMARY KEY AUTOINCREMENT,
     ticket_id    TEXT NOT NULL REFERENCES tickets (ticket_id),
     attempt      INTEGER NOT NULL,
     url          TEXT NOT NULL,
     status_code  INTEGER,
     ok           INTEGER NOT NULL,
     error        TEXT,
     duration_ms  REAL NOT NULL,
     attempted_at TEXT NOT NULL
   );
   CREATE INDEX webhook_attempts_ticket ON webhook_attempts (ticket_id, id);`,
  // 3: GET /stats reads finished tickets by completion time.
  `CREATE INDEX IF NOT EXISTS tickets_completed_at ON tickets (completed_at);`,
  // 4: human review (state column for the queue and the compare-and-set, audit trail) and feedback.
  `ALTER TABLE tickets ADD COLUMN review_state TEXT;
   CREATE INDEX tickets_review_state ON tickets (review_state, created_at);
   CREATE TABLE review_events (
     id            INTEGER PRIMARY KEY AUTOINCREMENT,
     ticket_id     TEXT NOT NULL REFERENCES tickets (ticket_id),
     action        TEXT NOT NULL,
     at            TEXT NOT NULL,
     reviewer      TEXT,
     reason        TEXT,
     response_text TEXT
   );
   CREATE INDEX review_events_ticket ON review_events (ticket_id, id);
   CREATE TABLE feedback (
     feedback_id    TEXT PRIMARY KEY,
     ticket_id      TEXT NOT NULL REFERENCES tickets (ticket_id),
     rating         TEXT NOT NULL CHECK (rating IN ('up','down')),
     reason         TEXT,
     corrected_json TEXT,
     created_at     TEXT NOT NULL
   );
   CREATE INDEX feedback_created ON feedback (created_at);
   CREATE INDEX feedback_ticket ON feedback (ticket_id, created_at);`,
  // 5: the staff event outbox: ticket.escalated / ticket.reviewed survive a crash until delivered.
  `CREATE TABLE staff_events (
     event_id  TEXT PRIMARY KEY,
     type      TEXT NOT NULL,
     ticket_id TEXT NOT NULL,
     at        TEXT NOT NULL,
     data_json TEXT NOT NULL,
     state     TEXT NOT NULL DEFAULT 'pending' CHECK (state IN ('pending','delivered','failed')),
     attempts  INTEGER NOT NULL DEFAULT 0
   );
   CREATE INDEX staff_events_state ON staff_events (state, at);`,
];

/**
 * The /stats projection: plain SQL over the stored result JSON. PostgreSQL (result as jsonb) reads the same
 * fields with result->>'variant', (result->'quality'->>'score')::float8, result->'quality'->'failed', ...
 */
const STATS_SQL = `
  SELECT ticket_id, status, completed_at,
    json_extract(result_json, '$.variant') AS variant,
    json_extract(result_json, '$.analysis.category') AS category,
    json_extract(result_json, '$.analysis.priority') AS priority,
    json_extract(result_json, '$.analysis.requires_human_escalation') AS escalated,
    json_extract(result_json, '$.quality.score') AS quality,
    json_extract(result_json, '$.quality.failed') AS quality_failed,
    json_extract(result_json, '$.quality.judge.score') AS judge,
    json_extract(result_json, '$.metrics.latency_ms.total') AS latency_ms,
    json_extract(result_json, '$.metrics.tokens.input') AS tokens_input,
    json_extract(result_json, '$.metrics.tokens.output') AS tokens_output,
    json_extract(result_json, '$.metrics.cost_usd') AS cost_usd,
    json_extract(result_json, '$.provider') AS provider,
    json_extract(result_json, '$.degraded') AS degraded,
    json_extract(result_json, '$.trace') AS trace
  FROM tickets
  WHERE status IN ('completed', 'failed') AND completed_at >= @since AND completed_at <= @until
    AND (@variant IS NULL OR json_extract(result_json, '$.variant') = @variant)
  ORDER BY completed_at DESC
  LIMIT @limit`;

interface StatsDbRow extends Omit<StatsRow, 'escalated' | 'quality_failed' | 'tokens_input' | 'tokens_output' | 'cost_usd' | 'degraded' | 'agent_costs'> {
  escalated: number | null;
  degraded: number | null;
  trace: string | null;
  quality_failed: string | null;
  tokens_input: number | null;
  tokens_output: number | null;
  cost_usd: number | null;
}

const SELECT = `SELECT t.*, (SELECT COUNT(*) FROM webhook_attempts w WHERE w.ticket_id = t.ticket_id) AS webhook_attempts FROM tickets t`;
// Claimable: queued, or processing with no live lease (its worker died or never took one).
const CLAIMABLE = `(status = 'queued' OR (status = 'processing' AND (lease_expires_at IS NULL OR lease_expires_at < @now)))`;

/** Parses "sqlite:path", "sqlite://path" or "sqlite::memory:". */
export function sqlitePath(url: string): string {
  const path = url.replace(/^sqlite:(\/\/)?/, '');
  return path === '' ? ':memory:' : path;
}

/**
 * The SQLite store (better-sqlite3, WAL). The tickets table is also the queue: workers claim rows with a
 * lease in one IMMEDIATE transaction, which SQLite serialises across connections and processes.
 */
export class SqliteTicketStore implements TicketStore {
  readonly kind = 'sqlite';
  private readonly db: Database.Database;

  constructor(path: string) {
    if (path !== ':memory:') mkdirSync(dirname(path), { recursive: true });
    this.db = new Database(path);
    this.db.pragma('journal_mode = WAL');
    this.db.pragma('synchronous = NORMAL');
    this.db.pragma('busy_timeout = 5000');
    this.migrate();
  }

  private migrate(): void {
    this.db.exec('CREATE TABLE IF NOT EXISTS schema_migrations (version INTEGER PRIMARY KEY, applied_at TEXT NOT NULL)');
    this.db
      .transaction(() => {
        const applied = new Set(
          (this.db.prepare('SELECT version FROM schema_migrations').all() as { version: number }[]).map((r) => r.version),
        );
        MIGRATIONS.forEach((sql, i) => {
          const version = i + 1;
          if (applied.has(version)) return;
          this.db.exec(sql);
          this.db.prepare('INSERT INTO schema_migrations (version, applied_at) VALUES (?, ?)').run(version, new Date().toISOString());
        });
      })
      .immediate();
  }

  private row(ticketId: string): Row | undefined {
    return this.db.prepare(`${SELECT} WHERE t.ticket_id = ?`).get(ticketId) as Row | undefined;
  }

  async insert(t: NewTicket): Promise<InsertResult> {
    const now = Date.now();
    const info = this.db
      .prepare(
        `INSERT INTO tickets (ticket_id, status, ticket_json, attempts, created_at, updated_at, idempotency_key, request_hash,
                              lease_owner, lease_expires_at, available_at)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT DO NOTHING`,
      )
      .run(
        t.ticket_id,
        t.status,
        JSON.stringify(t.ticket),
        t.status === 'processing' ? 1 : 0,
        t.created_at,
        t.created_at,
        t.idempotency_key ?? null,
        t.request_hash ?? null,
        t.lease?.owner ?? null,
        t.lease ? now + t.lease.ms : null,
        now,
      );
    // A conflict on the idempotency key wins over one on the id: the same key must give the same ticket.
    const row = (
      t.idempotency_key
        ? this.db.prepare(`${SELECT} WHERE t.idempotency_key = ?`).get(t.idempotency_key) ?? this.row(t.ticket_id)
        : this.row(t.ticket_id)
    ) as Row | undefined;
    if (!row) throw new Error(`ticket ${t.ticket_id} vanished after insert`);
    return { created: info.changes === 1, record: toResult(row), request_hash: row.request_hash, idempotency_key: row.idempotency_key };
  }

  async get(ticketId: string): Promise<TicketResult | undefined> {
    const row = this.row(ticketId);
    return row ? toResult(row) : undefined;
  }

  async markProcessing(ticketId: string): Promise<void> {
    this.db
      .prepare(`UPDATE tickets SET status = 'processing', attempts = attempts + 1, updated_at = ? WHERE ticket_id = ?`)
      .run(new Date().toISOString(), ticketId);
  }

  async claim(ticketId: string, lease: Lease): Promise<ClaimOutcome> {
    const now = Date.now();
    const info = this.db
      .prepare(
        `UPDATE tickets SET status = 'processing', attempts = attempts + 1, lease_owner = @owner, lease_expires_at = @until, updated_at = @iso
         WHERE ticket_id = @id AND ${CLAIMABLE}`,
      )
      .run({ id: ticketId, owner: lease.owner, until: now + lease.ms, now, iso: new Date(now).toISOString() });
    const row = this.row(ticketId);
    if (!row) return { kind: 'missing' };
    if (info.changes === 1) return { kind: 'claimed', record: toResult(row) };
    return row.status === 'completed' || row.status === 'failed' ? { kind: 'finished', record: toResult(row) } : { kind: 'busy' };
  }

  async claimNext(lease: Lease): Promise<TicketResult | undefined> {
    const now = Date.now();
    const pick = this.db.transaction(() => {
      const next = this.db
        .prepare(`SELECT ticket_id FROM tickets WHERE ${CLAIMABLE} AND available_at <= @now ORDER BY available_at, created_at LIMIT 1`)
        .get({ now }) as { ticket_id: string } | undefined;
      if (!next) return undefined;
      this.db
        .prepare(
          `UPDATE tickets SET status = 'processing', attempts = attempts + 1, lease_owner = ?, lease_expires_at = ?, updated_at = ? WHERE ticket_id = ?`,
        )
        .run(lease.owner, now + lease.ms, new Date(now).toISOString(), next.ticket_id);
      return this.row(next.ticket_id);
    });
    const row = pick.immediate();
    return row ? toResult(row) : undefined;
  }

  async renewLease(ticketId: string, lease: Lease): Promise<boolean> {
    const info = this.db
      .prepare(`UPDATE tickets SET lease_expires_at = ? WHERE ticket_id = ? AND lease_owner = ? AND status = 'processing'`)
      .run(Date.now() + lease.ms, ticketId, lease.owner);
    return info.changes === 1;
  }

  async release(ticketId: string, owner: string, error: string, retryAt: string): Promise<boolean> {
    const info = this.db
      .prepare(
        `UPDATE tickets SET status = 'queued', error = ?, lease_owner = NULL, lease_expires_at = NULL, available_at = ?, updated_at = ?
         WHERE ticket_id = ? AND lease_owner = ? AND status = 'processing'`,
      )
      .run(error, Date.parse(retryAt), new Date().toISOString(), ticketId, owner);
    return info.changes === 1;
  }

  async complete(ticketId: string, output: PipelineOutput, completedAt: string, owner?: string): Promise<boolean> {
    return this.db
      .transaction(() => {
        const info = this.db
          .prepare(
            `UPDATE tickets SET status = 'completed', result_json = ?, review_state = ?, error = NULL, completed_at = ?, updated_at = ?, lease_owner = NULL, lease_expires_at = NULL
             WHERE ticket_id = ? ${owner ? `AND lease_owner = ? AND status = 'processing'` : ''}`,
          )
          .run(JSON.stringify(output), output.review?.state ?? null, completedAt, completedAt, ticketId, ...(owner ? [owner] : []));
        if (info.changes !== 1) return false;
        for (const e of output.review?.history ?? []) this.insertEvent(ticketId, e);
        return true;
      })
      .immediate();
  }

  private insertEvent(ticketId: string, e: ReviewEvent): void {
    this.db
      .prepare('INSERT INTO review_events (ticket_id, action, at, reviewer, reason, response_text) VALUES (?, ?, ?, ?, ?, ?)')
      .run(ticketId, e.action, e.at, e.reviewer ?? null, e.reason ?? null, e.response_text ?? null);
  }

  async decideReview(ticketId: string, decision: ReviewDecision): Promise<DecideOutcome> {
    // IMMEDIATE: the read and the conditional write are one step for every connection and process.
    return this.db
      .transaction((): DecideOutcome => {
        const row = this.row(ticketId);
        if (!row) return { kind: 'missing' };
        const state = row.review_state;
        if (row.status !== 'completed' || state !== 'pending_review' || !row.result_json) return { kind: 'conflict', status: row.status, state };
        const result = applyDecision(JSON.parse(row.result_json) as PipelineOutput, decision);
        const info = this.db
          .prepare(`UPDATE tickets SET result_json = ?, review_state = ?, updated_at = ? WHERE ticket_id = ? AND review_state = 'pending_review'`)
          .run(JSON.stringify(result), decision.review.state, decision.event.at, ticketId);
        if (info.changes !== 1) return { kind: 'conflict', status: row.status, state };
        this.insertEvent(ticketId, decision.event);
        return { kind: 'decided', record: toResult(this.row(ticketId)!) };
      })
      .immediate();
  }

  async listReviewEvents(ticketId: string): Promise<ReviewEventRow[]> {
    const rows = this.db
      .prepare('SELECT ticket_id, action, at, reviewer, reason, response_text FROM review_events WHERE ticket_id = ? ORDER BY id')
      .all(ticketId) as Parameters<typeof reviewEventRow>[0][];
    return rows.map(reviewEventRow);
  }

  async listReviews(q: ReviewQueueQuery): Promise<ReviewPage> {
    const where = `WHERE t.status = 'completed' AND t.review_state = @state`;
    const order =
      q.sort === 'priority'
        ? `${PRIORITY_RANK_SQL("json_extract(t.result_json, '$.analysis.priority')")}, t.created_at, t.ticket_id`
        : 't.created_at, t.ticket_id';
    const rows = this.db
      .prepare(`${SELECT} ${where} ORDER BY ${order} LIMIT @limit OFFSET @offset`)
      .all({ state: q.state, limit: q.limit, offset: q.offset }) as Row[];
    const total = (this.db.prepare(`SELECT COUNT(*) AS n FROM tickets t ${where}`).get({ state: q.state }) as { n: number }).n;
    return { items: rows.map(toResult), total };
  }

  async addFeedback(f: NewFeedback): Promise<void> {
    this.db
      .prepare('INSERT INTO feedback (feedback_id, ticket_id, rating, reason, corrected_json, created_at) VALUES (?, ?, ?, ?, ?, ?)')
      .run(f.feedback_id, f.ticket_id, f.rating, f.reason, f.corrected ? JSON.stringify(f.corrected) : null, f.created_at);
  }

  async feedbackSummary(since: string, until: string): Promise<FeedbackSummary> {
    const rows = this.db
      .prepare('SELECT rating, corrected_json FROM feedback WHERE created_at >= ? AND created_at <= ?')
      .all(since, until) as { rating: 'up' | 'down'; corrected_json: string | null }[];
    return summarizeFeedback(rows.map((r) => ({ rating: r.rating, corrected: r.corrected_json ? (JSON.parse(r.corrected_json) as Correction) : null })));
  }

  async reviewCounts(since: string, until: string): Promise<ReviewCounts> {
    const rows = this.db
      .prepare(
        `SELECT review_state, COUNT(*) AS n FROM tickets WHERE status = 'completed' AND review_state IS NOT NULL
           AND completed_at >= ? AND completed_at <= ? GROUP BY review_state`,
      )
      .all(since, until) as { review_state: ReviewState; n: number }[];
    const counts = emptyReviewCounts();
    for (const r of rows) if (r.review_state in counts) counts[r.review_state] = r.n;
    return counts;
  }

  async listCorrections(): Promise<CorrectionRow[]> {
    // The latest correction per ticket (the highest rowid among its corrections).
    const rows = this.db
      .prepare(
        `SELECT f.ticket_id, f.corrected_json, t.ticket_json,
                json_extract(t.result_json, '$.analysis.category') AS category,
                json_extract(t.result_json, '$.analysis.priority') AS priority,
                json_extract(t.result_json, '$.analysis.sentiment') AS sentiment
         FROM feedback f JOIN tickets t ON t.ticket_id = f.ticket_id
         WHERE f.rowid = (SELECT f2.rowid FROM feedback f2 WHERE f2.ticket_id = f.ticket_id AND f2.corrected_json IS NOT NULL
                          ORDER BY f2.created_at DESC, f2.rowid DESC LIMIT 1)
         ORDER BY t.created_at, t.ticket_id`,
      )
      .all() as { ticket_id: string; corrected_json: string; ticket_json: string; category: string | null; priority: string | null; sentiment: string | null }[];
    return rows.map((r) => {
      const ticket = JSON.parse(r.ticket_json) as { subject: string; body: string };
      return {
        ticket_id: r.ticket_id,
        subject: ticket.subject,
        body: ticket.body,
        analysis: { category: r.category, priority: r.priority, sentiment: r.sentiment },
        corrected: JSON.parse(r.corrected_json) as Correction,
      };
    });
  }

  async fail(ticketId: string, error: string, completedAt: string, owner?: string): Promise<boolean> {
    const info = this.db
      .prepare(
        `UPDATE tickets SET status = 'failed', error = ?, completed_at = ?, updated_at = ?, lease_owner = NULL, lease_expires_at = NULL
         WHERE ticket_id = ? ${owner ? `AND lease_owner = ? AND status = 'processing'` : ''}`,
      )
      .run(error, completedAt, completedAt, ticketId, ...(owner ? [owner] : []));
    return info.changes === 1;
  }

  async listUnfinished(limit: number, status?: 'queued' | 'processing'): Promise<TicketResult[]> {
    const statuses = status ? [status] : ['queued', 'processing'];
    const rows = this.db
      .prepare(`${SELECT} WHERE t.status IN (${statuses.map(() => '?').join(',')}) ORDER BY t.created_at LIMIT ?`)
      .all(...statuses, limit) as Row[];
    return rows.map(toResult);
  }

  async listUndeliveredWebhooks(limit: number): Promise<TicketResult[]> {
    const rows = this.db
      .prepare(
        `${SELECT} WHERE t.status IN ('completed','failed') AND json_extract(t.ticket_json, '$.callback_url') IS NOT NULL
           AND (t.webhook_state IS NULL OR t.webhook_state = 'pending') ORDER BY t.completed_at LIMIT ?`,
      )
      .all(limit) as Row[];
    return rows.map(toResult);
  }

  async enqueueStaffEvent(e: StaffEventRecord): Promise<void> {
    this.db
      .prepare('INSERT OR IGNORE INTO staff_events (event_id, type, ticket_id, at, data_json) VALUES (?, ?, ?, ?, ?)')
      .run(e.event_id, e.type, e.ticket_id, e.at, JSON.stringify(e.data));
  }

  async finishStaffEvent(eventId: string, state: 'delivered' | 'failed', attempts: number): Promise<void> {
    this.db.prepare('UPDATE staff_events SET state = ?, attempts = ? WHERE event_id = ?').run(state, attempts, eventId);
  }

  async listPendingStaffEvents(limit: number): Promise<StaffEventRecord[]> {
    const rows = this.db
      .prepare(`SELECT event_id, type, ticket_id, at, data_json FROM staff_events WHERE state = 'pending' ORDER BY at, event_id LIMIT ?`)
      .all(limit) as Array<Omit<StaffEventRecord, 'data'> & { data_json: string }>;
    return rows.map(({ data_json, ...r }) => ({ ...r, data: JSON.parse(data_json) as Record<string, unknown> }));
  }

  async setWebhookState(ticketId: string, state: WebhookState): Promise<void> {
    this.db.prepare('UPDATE tickets SET webhook_state = ? WHERE ticket_id = ?').run(state, ticketId);
  }

  async recordWebhookAttempt(ticketId: string, a: WebhookAttempt): Promise<void> {
    this.db
      .prepare(
        `INSERT INTO webhook_attempts (ticket_id, attempt, url, status_code, ok, error, duration_ms, attempted_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)`,
      )
      .run(ticketId, a.attempt, a.url, a.status_code, a.ok ? 1 : 0, a.error, a.duration_ms, a.attempted_at);
  }

  async listWebhookAttempts(ticketId: string): Promise<WebhookAttempt[]> {
    const rows = this.db
      .prepare('SELECT attempt, url, status_code, ok, error, duration_ms, attempted_at FROM webhook_attempts WHERE ticket_id = ? ORDER BY id')
      .all(ticketId) as (Omit<WebhookAttempt, 'ok'> & { ok: number })[];
    return rows.map((r) => ({ ...r, ok: r.ok === 1 }));
  }

  async statsRows(q: StatsQuery): Promise<StatsRow[]> {
    const rows = this.db.prepare(STATS_SQL).all({ since: q.since, until: q.until, variant: q.variant ?? null, limit: q.limit }) as StatsDbRow[];
    return rows.map(({ trace, ...r }) => ({
      ...r,
      escalated: r.escalated === null ? null : r.escalated === 1,
      degraded: r.degraded === null ? null : r.degraded === 1,
      agent_costs: agentCosts(trace ? JSON.parse(trace) : null),
      quality_failed: r.quality_failed ? (JSON.parse(r.quality_failed) as string[]) : [],
      tokens_input: r.tokens_input ?? 0,
      tokens_output: r.tokens_output ?? 0,
      cost_usd: r.cost_usd ?? 0,
    }));
  }

  async countQueued(): Promise<number> {
    return (this.db.prepare(`SELECT COUNT(*) AS n FROM tickets WHERE status = 'queued'`).get() as { n: number }).n;
  }

  async ping(): Promise<StoreHealth> {
    try {
      this.db.prepare('SELECT 1').get();
      return { status: 'up' };
    } catch (err) {
      return { status: 'down', detail: (err as Error).message };
    }
  }

  async close(): Promise<void> {
    if (this.db.open) this.db.close();
  }
}

function toResult(row: Row): TicketResult {
  return toTicketResult({
    ...row,
    ticket: JSON.parse(row.ticket_json),
    result: row.result_json ? (JSON.parse(row.result_json) as PipelineOutput) : null,
  });
}
