import { ValidationError } from '../errors.js';
import type { BucketSize, SeriesPoint, StatsSeries } from '../schemas/stats-series.schema.js';
import type { StatsRow, TicketStore } from '../tickets/ticket-store.js';
import { count, mean, parseWindow, r, STATS_ROW_LIMIT } from './live-stats.js';
import { percentile } from './scenarios.js';

/** Most buckets one call returns (e.g. 90 days by the hour); beyond it the caller picks a bigger bucket. */
export const MAX_BUCKETS = 2200;
const BUCKET_MS: Record<BucketSize, number> = { hour: 3600_000, day: 86_400_000 };

/** The UTC start of the bucket holding `t` (hours and days align to UTC, so buckets match across calls). */
export function bucketStart(t: number, bucket: BucketSize): number {
  return Math.floor(t / BUCKET_MS[bucket]) * BUCKET_MS[bucket];
}

function point(start: number, rows: StatsRow[]): SeriesPoint {
  const done = rows.filter((x) => x.status === 'completed');
  const quality = done.map((x) => x.quality).filter((q): q is number => q !== null);
  const latency = done.map((x) => x.latency_ms).filter((q): q is number => q !== null).sort((a, b) => a - b);
  const n = done.length;
  return {
    start: new Date(start).toISOString(),
    count: n,
    failed: rows.length - n,
    category_mix: count(done.map((x) => x.category)),
    escalation_rate: n ? r(done.filter((x) => x.escalated).length / n) : null,
    quality_mean: quality.length ? r(mean(quality)) : null,
    latency_ms: latency.length ? { p50: percentile(latency, 50), p95: percentile(latency, 95) } : null,
    cost_per_ticket_usd: n ? r(done.reduce((s, x) => s + x.cost_usd, 0) / n, 6) : null,
  };
}

function series(rows: StatsRow[], starts: number[], bucket: BucketSize): SeriesPoint[] {
  const by = new Map<number, StatsRow[]>(starts.map((s) => [s, []]));
  for (const x of rows) by.get(bucketStart(Date.parse(x.completed_at), bucket))?.push(x);
  return starts.map((s) => point(s, by.get(s) ?? []));
}

/** Buckets finished tickets by completion time: volume, category mix, escalation, quality, latency, cost. */
export function summarizeSeries(
  rows: StatsRow[],
  window: { since: Date; until: Date; bucket: BucketSize; limit: number },
  now = new Date(),
): StatsSeries {
  const { bucket } = window;
  const starts: number[] = [];
  for (let s = bucketStart(window.since.getTime(), bucket); s <= window.until.getTime(); s += BUCKET_MS[bucket]) starts.push(s);
  const variants = [...new Set(rows.filter((x) => x.status === 'completed').map((x) => x.variant ?? 'none'))].sort();
  const categories = [...new Set(rows.filter((x) => x.status === 'completed').map((x) => x.category ?? 'unknown'))].sort();
  return {
    since: window.since.toISOString(),
    until: window.until.toISOString(),
    bucket,
    generated_at: now.toISOString(),
    truncated: rows.length >= window.limit,
    categories,
    points: series(rows, starts, bucket),
    variants: variants.map((v) => ({
      variant: v,
      // Failed tickets have no variant; per-variant series count completed tickets only.
      points: series(rows.filter((x) => x.status === 'completed' && (x.variant ?? 'none') === v), starts, bucket),
    })),
  };
}

/** The use case behind GET /stats/series. */
export async function statsSeries(
  store: Pick<TicketStore, 'statsRows'>,
  q: { since?: string | undefined; until?: string | undefined; bucket?: BucketSize | undefined; variant?: string | undefined },
  now = new Date(),
): Promise<StatsSeries> {
  const bucket = q.bucket ?? 'hour';
  const { since, until } = parseWindow(q, now);
  if (until.getTime() < since.getTime()) {
    throw new ValidationError('until: must not be before since', [{ field: 'until', message: 'must not be before since' }]);
  }
  const buckets = Math.floor((bucketStart(until.getTime(), bucket) - bucketStart(since.getTime(), bucket)) / BUCKET_MS[bucket]) + 1;
  if (buckets > MAX_BUCKETS) {
    const message = `the window holds ${buckets} ${bucket} buckets, more than ${MAX_BUCKETS}: use a larger bucket or a shorter window`;
    throw new ValidationError(`bucket: ${message}`, [{ field: 'bucket', message }]);
  }
  const limit = STATS_ROW_LIMIT;
  const rows = await store.statsRows({ since: since.toISOString(), until: until.toISOString(), variant: q.variant, limit });
  return summarizeSeries(rows, { since, until, bucket, limit }, now);
}
