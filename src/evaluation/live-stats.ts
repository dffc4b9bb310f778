import { ValidationError } from '../errors.js';
import type { AgentCost, Stats, VariantStats } from '../schemas/stats.schema.js';
import type { StatsRow, TicketStore } from '../tickets/ticket-store.js';
import { emptyReviewCounts, summarizeFeedback } from '../tickets/ticket-row.js';
import { percentile } from './scenarios.js';

/** Most results one /stats call reads; beyond it the answer says truncated (narrow the window). */
export const STATS_ROW_LIMIT = 100_000;
const DEFAULT_WINDOW_MS = 24 * 3600_000;
const UNITS: Record<string, number> = { m: 60_000, h: 3600_000, d: 86_400_000 };

/** "24h", "7d", "30m" back from now, or an ISO 8601 time. */
export function parseSince(value: string | undefined, now: Date, field = 'since'): Date {
  if (value === undefined || value === '') return new Date(now.getTime() - DEFAULT_WINDOW_MS);
  const rel = /^(\d{1,6})([mhd])$/.exec(value);
  if (rel) return new Date(now.getTime() - Number(rel[1]) * UNITS[rel[2]!]!);
  const t = Date.parse(value);
  if (Number.isNaN(t) || !/^\d{4}-\d{2}-\d{2}/.test(value)) {
    throw new ValidationError(`${field}: must be an ISO 8601 time or a duration like 24h, 7d, 30m`, [
      { field, message: 'must be an ISO 8601 time or a duration like 24h, 7d, 30m' },
    ]);
  }
  return new Date(t);
}

/** The since/until window of /stats and /stats/series: since defaults to 24 hours back, until to now. */
export function parseWindow(q: { since?: string | undefined; until?: string | undefined }, now: Date): { since: Date; until: Date } {
  return { since: parseSince(q.since, now), until: q.until ? parseSince(q.until, now, 'until') : now };
}

export const r = (x: number, d = 4) => Math.round(x * 10 ** d) / 10 ** d;
export const mean = (xs: number[]) => (xs.length ? xs.reduce((s, x) => s + x, 0) / xs.length : 0);
/** How many times each value occurs; null counts as "unknown". */
export const count = (xs: (string | null)[]) => {
  const out: Record<string, number> = {};
  for (const x of xs) out[x ?? 'unknown'] = (out[x ?? 'unknown'] ?? 0) + 1;
  return out;
};

/** Sums model calls per agent, provider and model. */
export function costByAgent(rows: StatsRow[]): AgentCost[] {
  const groups = new Map<string, AgentCost>();
  for (const row of rows) {
    for (const c of row.agent_costs) {
      const key = `${c.agent}\u0000${c.provider}\u0000${c.model}`;
      const g = groups.get(key) ?? { agent: c.agent, provider: c.provider, model: c.model, calls: 0, tokens: { input: 0, output: 0, cache_read: 0, cache_write: 0 }, cost_usd: 0 };
      g.calls++;
      g.tokens.input += c.tokens.input;
      g.tokens.output += c.tokens.output;
      g.tokens.cache_read += c.tokens.cache_read;
      g.tokens.cache_write += c.tokens.cache_write;
      g.cost_usd += c.cost_usd;
      groups.set(key, g);
    }
  }
  return [...groups.values()]
    .map((g) => ({ ...g, cost_usd: r(g.cost_usd, 6) }))
    .sort((a, b) => a.agent.localeCompare(b.agent) || a.provider.localeCompare(b.provider) || a.model.localeCompare(b.model));
}

function variantStats(variant: string, rows: StatsRow[]): VariantStats {
  const quality = rows.map((x) => x.quality).filter((q): q is number => q !== null).sort((a, b) => a - b);
  const judged = rows.map((x) => x.judge).filter((q): q is number => q !== null);
  const latency = rows.map((x) => x.latency_ms).filter((q): q is number => q !== null).sort((a, b) => a - b);
  const failed: Record<string, number> = {};
  for (const x of rows) for (const f of x.quality_failed) failed[f] = (failed[f] ?? 0) + 1;
  const tokensIn = rows.reduce((s, x) => s + x.tokens_input, 0);
  const tokensOut = rows.reduce((s, x) => s + x.tokens_output, 0);
  const cost = rows.reduce((s, x) => s + x.cost_usd, 0);
  return {
    variant,
    count: rows.length,
    category_mix: count(rows.map((x) => x.category)),
    priority_mix: count(rows.map((x) => x.priority)),
    escalation_rate: r(rows.filter((x) => x.escalated).length / Math.max(1, rows.length)),
    quality: {
      scored: quality.length,
      mean: quality.length ? r(mean(quality)) : null,
      p50: quality.length ? percentile(quality, 50) : null,
      min: quality.length ? quality[0]! : null,
      failed_checks: failed,
      judge_mean: judged.length ? r(mean(judged)) : null,
    },
    latency_ms: {
      p50: percentile(latency, 50),
      p90: percentile(latency, 90),
      p95: percentile(latency, 95),
      p99: percentile(latency, 99),
      mean: r(mean(latency), 2),
    },
    tokens: { input: tokensIn, output: tokensOut, per_ticket: r((tokensIn + tokensOut) / Math.max(1, rows.length), 1) },
    cost_usd: { total: r(cost, 6), per_ticket: r(cost / Math.max(1, rows.length), 6) },
    degraded: rows.filter((x) => x.degraded).length,
    by_agent: costByAgent(rows),
  };
}

/** Aggregates finished tickets per variant: counts, category mix, escalation, quality, latency, tokens, cost. */
export function summarizeStats(
  rows: StatsRow[],
  window: { since: Date; until: Date; limit: number },
  now = new Date(),
  extra: Pick<Stats, 'feedback' | 'review'> = { feedback: summarizeFeedback([]), review: emptyReviewCounts() },
): Stats {
  const completed = rows.filter((x) => x.status === 'completed');
  const byVariant = new Map<string, StatsRow[]>();
  for (const x of completed) {
    const key = x.variant ?? 'none';
    byVariant.set(key, [...(byVariant.get(key) ?? []), x]);
  }
  return {
    since: window.since.toISOString(),
    until: window.until.toISOString(),
    generated_at: now.toISOString(),
    completed: completed.length,
    failed: rows.length - completed.length,
    truncated: rows.length >= window.limit,
    variants: [...byVariant.entries()].sort(([a], [b]) => a.localeCompare(b)).map(([v, xs]) => variantStats(v, xs)),
    by_agent: costByAgent(completed),
    ...extra,
  };
}

/** The use case behind GET /stats. */
export async function liveStats(
  store: Pick<TicketStore, 'statsRows' | 'feedbackSummary' | 'reviewCounts'>,
  q: { since?: string | undefined; until?: string | undefined; variant?: string | undefined },
  now = new Date(),
): Promise<Stats> {
  const { since, until } = parseWindow(q, now);
  const limit = STATS_ROW_LIMIT;
  const [from, to] = [since.toISOString(), until.toISOString()];
  const [rows, feedback, review] = await Promise.all([
    store.statsRows({ since: from, until: to, variant: q.variant, limit }),
    store.feedbackSummary(from, to),
    store.reviewCounts(from, to),
  ]);
  return summarizeStats(rows, { since, until, limit }, now, { feedback, review });
}
