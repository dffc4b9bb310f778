import type { Pool } from 'pg';

/**
 * Versioned schema for the PostgreSQL store: each entry runs once, in its own transaction, in order.
 * Ticket and result documents are `json`, not `jsonb`, so they come back byte for byte (key order included)
 * as SQLite returns them; only GET /stats reads a few fields inside result_json.
 */
export const POSTGRES_MIGRATIONS: string[] = [
  `CREATE TABLE tickets (
     ticket_id        TEXT PRIMARY KEY,
     status           TEXT NOT NULL CHECK (status IN ('queued','processing','completed','failed')),
     ticket_json      JSON NOT NULL,
     result_json      JSON,
     error            TEXT,
     attempts         INTEGER NOT NULL DEFAULT 0,
     idempotency_key  TEXT UNIQUE,
     request_hash     TEXT,
     lease_owner      TEXT,
     lease_expires_at TIMESTAMPTZ,
     available_at     TIMESTAMPTZ NOT NULL DEFAULT now(),
     webhook_state    TEXT CHECK (webhook_state IN ('pending','delivered','failed')),
     created_at       TIMESTAMPTZ NOT NULL,
     updated_at       TIMESTAMPTZ NOT NULL DEFAULT now(),
     completed_at     TIMESTAMPTZ
   );
   CREATE INDEX tickets_status_due ON tickets (status, available_at);
   CREATE INDEX tickets_status_created ON tickets (status, created_at);
   CREATE TABLE webhook_attempts (
     id           BIGSERIAL PRIMARY KEY,
     ticket_id    TEXT NOT NULL REFERENCES tickets (ticket_id) ON DELETE CASCADE,
     attempt      INTEGER NOT NULL,
     url          TEXT NOT NULL,
     status_code  INTEGER,
     ok           BOOLEAN NOT NULL,
     error        TEXT,
     duration_ms  DOUBLE PRECISION NOT NULL,
     attempted_at TIMESTAMPTZ NOT NULL
   );
   CREATE INDEX webhook_attempts_ticket ON webhook_attempts (ticket_id, id);`,
  // 2: GET /stats reads finished tickets by completion time.
  `CREATE INDEX tickets_completed_at ON tickets (completed_at);`,
  // 3: human review (state column for the queue and the compare-and-set, audit trail) and feedback.
  `ALTER TABLE tickets ADD COLUMN review_state TEXT
     CHECK (review_state IN ('auto_approved','pending_review','approved','edited','rejected'));
   CREATE INDEX tickets_review_state ON tickets (review_state, created_at);
   CREATE TABLE review_events (
     id            BIGSERIAL PRIMARY KEY,
     ticket_id     TEXT NOT NULL REFERENCES tickets (ticket_id) ON DELETE CASCADE,
     action        TEXT NOT NULL CHECK (action IN ('auto_approve','hold','approve','edit','reject')),
     at            TIMESTAMPTZ NOT NULL,
     reviewer      TEXT,
     reason        TEXT,
     response_text TEXT
   );
   CREATE INDEX review_events_ticket ON review_events (ticket_id, id);
   CREATE TABLE feedback (
     feedback_id    TEXT PRIMARY KEY,
     ticket_id      TEXT NOT NULL REFERENCES tickets (ticket_id) ON DELETE CASCADE,
     rating         TEXT NOT NULL CHECK (rating IN ('up','down')),
     reason         TEXT,
     corrected_json JSON,
     created_at     TIMESTAMPTZ NOT NULL
   );
   CREATE INDEX feedback_created ON feedback (created_at);
   CREATE INDEX feedback_ticket ON feedback (ticket_id, created_at);`,
  // 4: the staff event outbox: ticket.escalated / ticket.reviewed survive a crash until delivered.
  `CREATE TABLE staff_events (
     event_id  TEXT PRIMARY KEY,
     type      TEXT NOT NULL,
     ticket_id TEXT NOT NULL,
     at        TIMESTAMPTZ NOT NULL,
     data_json JSON NOT NULL,
     state     TEXT NOT NULL DEFAULT 'pending' CHECK (state IN ('pending','delivered','failed')),
     attempts  INTEGER NOT NULL DEFAULT 0
   );
   CREATE INDEX staff_events_state ON staff_events (state, at);`,
];

// Any constant works; it only has to be the same in every process that migrates this database.
const MIGRATION_LOCK = 0x5a_7e_11;

/** Applies pending migrations under an advisory lock, so replicas starting together do not race. Returns the versions applied. */
export async function migratePostgres(pool: Pool, migrations = POSTGRES_MIGRATIONS): Promise<number[]> {
  const client = await pool.connect();
  const applied: number[] = [];
  try {
    await client.query('SELECT pg_advisory_lock($1)', [MIGRATION_LOCK]);
    await client.query('CREATE TABLE IF NOT EXISTS schema_migrations (version INTEGER PRIMARY KEY, applied_at TIMESTAMPTZ NOT NULL DEFAULT now())');
    const { rows } = await client.query<{ version: number }>('SELECT version FROM schema_migrations');
    const done = new Set(rows.map((r) => r.version));
    for (const [i, sql] of migrations.entries()) {
      const version = i + 1;
      if (done.has(version)) continue;
      await client.query('BEGIN');
      try {
        await client.query(sql);
        await client.query('INSERT INTO schema_migrations (version) VALUES ($1)', [version]);
        await client.query('COMMIT');
        applied.push(version);
      } catch (err) {
        await client.query('ROLLBACK');
        throw err;
      }
    }
  } finally {
    await client.query('SELECT pg_advisory_unlock($1)', [MIGRATION_LOCK]).catch(() => undefined);
    client.release();
  }
  return applied;
}
