import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import Database from 'better-sqlite3';
import type { PipelineOutput, TicketResult } from '../schemas/result.schema.js';
import type { Stats } from '../schemas/stats.schema.js';
import { ticketStats, type AgentCostRow, type StatusCountRow } from './ticket-stats.js';
import type { NewTicket, StoreHealth, TicketStore } from './ticket-store.js';

interface Row {
  ticket_id: string;
  status: TicketResult['status'];
  ticket_json: string;
  result_json: string | null;
  error: string | null;
  attempts: number;
  created_at: string;
  completed_at: string | null;
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
];

/** Parses "sqlite:path", "sqlite://path" or "sqlite::memory:". */
export function sqlitePath(url: string): string {
  const path = url.replace(/^sqlite:(\/\/)?/, '');
  return path === '' ? ':memory:' : path;
}

/** The SQLite store (better-sqlite3, WAL). Results are JSON columns; the ticket row is the unit of durability. */
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
    const applied = new Set(
      (this.db.prepare('SELECT version FROM schema_migrations').all() as { version: number }[]).map((r) => r.version),
    );
    MIGRATIONS.forEach((sql, i) => {
      const version = i + 1;
      if (applied.has(version)) return;
      this.db.transaction(() => {
        this.db.exec(sql);
        this.db.prepare('INSERT INTO schema_migrations (version, applied_at) VALUES (?, ?)').run(version, new Date().toISOString());
      })();
    });
  }

  async insert(t: NewTicket): Promise<{ created: boolean; record: TicketResult }> {
    const info = this.db
      .prepare(
        `INSERT INTO tickets (ticket_id, status, ticket_json, attempts, created_at, updated_at)
         VALUES (?, ?, ?, ?, ?, ?) ON CONFLICT (ticket_id) DO NOTHING`,
      )
      .run(t.ticket_id, t.status, JSON.stringify(t.ticket), t.status === 'processing' ? 1 : 0, t.created_at, t.created_at);
    const record = await this.get(t.ticket_id);
    if (!record) throw new Error(`ticket ${t.ticket_id} vanished after insert`);
    return { created: info.changes === 1, record };
  }

  async get(ticketId: string): Promise<TicketResult | undefined> {
    const row = this.db.prepare('SELECT * FROM tickets WHERE ticket_id = ?').get(ticketId) as Row | undefined;
    return row ? toResult(row) : undefined;
  }

  async markProcessing(ticketId: string): Promise<void> {
    this.db
      .prepare(`UPDATE tickets SET status = 'processing', attempts = attempts + 1, updated_at = ? WHERE ticket_id = ?`)
      .run(new Date().toISOString(), ticketId);
  }

  async complete(ticketId: string, output: PipelineOutput, completedAt: string): Promise<void> {
    this.db
      .prepare(
        `UPDATE tickets SET status = 'completed', result_json = ?, error = NULL, completed_at = ?, updated_at = ? WHERE ticket_id = ?`,
      )
      .run(JSON.stringify(output), completedAt, completedAt, ticketId);
  }

  async fail(ticketId: string, error: string, completedAt: string): Promise<void> {
    this.db
      .prepare(`UPDATE tickets SET status = 'failed', error = ?, completed_at = ?, updated_at = ? WHERE ticket_id = ?`)
      .run(error, completedAt, completedAt, ticketId);
  }

  async listUnfinished(limit: number): Promise<TicketResult[]> {
    const rows = this.db
      .prepare(`SELECT * FROM tickets WHERE status IN ('queued','processing') ORDER BY created_at LIMIT ?`)
      .all(limit) as Row[];
    return rows.map(toResult);
  }

  async stats(): Promise<Stats> {
    const counts = this.db
      .prepare(
        `SELECT status, COUNT(*) AS n, COALESCE(SUM(json_extract(result_json, '$.degraded')), 0) AS degraded,
                COALESCE(SUM(json_extract(result_json, '$.metrics.cost_usd')), 0) AS cost
           FROM tickets GROUP BY status`,
      )
      .all() as StatusCountRow[];
    const agents = this.db
      .prepare(
        `SELECT json_extract(t.value, '$.agent') AS agent, json_extract(t.value, '$.provider') AS provider,
                json_extract(t.value, '$.model') AS model, COUNT(*) AS calls,
                SUM(json_extract(t.value, '$.tokens.input')) AS input, SUM(json_extract(t.value, '$.tokens.output')) AS output,
                SUM(json_extract(t.value, '$.tokens.cache_read')) AS cache_read, SUM(json_extract(t.value, '$.tokens.cache_write')) AS cache_write,
                SUM(json_extract(t.value, '$.cost_usd')) AS cost
           FROM tickets, json_each(tickets.result_json, '$.trace') AS t
          WHERE tickets.status = 'completed'
          GROUP BY 1, 2, 3 ORDER BY 1, 2, 3`,
      )
      .all() as AgentCostRow[];
    return ticketStats(counts, agents);
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
  const output = row.result_json ? (JSON.parse(row.result_json) as PipelineOutput) : undefined;
  return {
    ticket_id: row.ticket_id,
    status: row.status,
    ticket: JSON.parse(row.ticket_json),
    ...(output ?? {}),
    ...(row.error ? { error: row.error } : {}),
    attempts: row.attempts,
    created_at: row.created_at,
    completed_at: row.completed_at,
  };
}
