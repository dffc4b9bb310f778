import { describe, expect, it } from 'vitest';
import { bucketStart, statsSeries, summarizeSeries } from '../../../src/evaluation/stats-series.js';
import type { StatsRow } from '../../../src/tickets/ticket-store.js';

function row(over: Partial<StatsRow>): StatsRow {
  return {
    ticket_id: 'T',
    status: 'completed',
    completed_at: '2026-03-01T10:15:00.000Z',
    variant: 'a',
    category: 'technical',
    priority: 'medium',
    escalated: false,
    quality: 0.9,
    quality_failed: [],
    judge: null,
    latency_ms: 100,
    tokens_input: 0,
    tokens_output: 0,
    cost_usd: 0,
    provider: 'local',
    degraded: false,
    agent_costs: [],
    ...over,
  };
}

const window = { since: new Date('2026-03-01T09:30:00Z'), until: new Date('2026-03-01T12:05:00Z'), bucket: 'hour' as const, limit: 1000 };

describe('summarizeSeries', () => {
  const rows = [
    row({ completed_at: '2026-03-01T10:15:00.000Z', category: 'billing', escalated: true, latency_ms: 300, cost_usd: 0.02, quality: 0.5 }),
    row({ completed_at: '2026-03-01T10:59:59.999Z', variant: 'b', latency_ms: 100, cost_usd: 0.04, quality: 1 }),
    row({ completed_at: '2026-03-01T12:00:00.000Z', variant: 'b', quality: null }),
    row({ completed_at: '2026-03-01T12:01:00.000Z', status: 'failed', variant: null, category: null, escalated: null, latency_ms: null, quality: null }),
  ];
  const s = summarizeSeries(rows, window);

  it('makes one UTC-aligned bucket per hour of the window, empty ones included with null rates', () => {
    expect(s.points.map((p) => p.start)).toEqual([
      '2026-03-01T09:00:00.000Z',
      '2026-03-01T10:00:00.000Z',
      '2026-03-01T11:00:00.000Z',
      '2026-03-01T12:00:00.000Z',
    ]);
    expect(s.points[0]).toMatchObject({ count: 0, failed: 0, escalation_rate: null, quality_mean: null, latency_ms: null, cost_per_ticket_usd: null });
    expect(s.points[2]!.count).toBe(0);
  });

  it('aggregates each bucket: volume, category mix, escalation, quality, latency percentiles, cost per ticket', () => {
    const p = s.points[1]!;
    expect(p).toMatchObject({ count: 2, failed: 0, category_mix: { billing: 1, technical: 1 }, escalation_rate: 0.5, quality_mean: 0.75 });
    expect(p.latency_ms).toEqual({ p50: 100, p95: 300 });
    expect(p.cost_per_ticket_usd).toBeCloseTo(0.03, 6);
    expect(s.points[3]).toMatchObject({ count: 1, failed: 1, quality_mean: null, escalation_rate: 0 });
  });

  it('gives each variant its own series on the same buckets; failed tickets only count overall', () => {
    expect(s.variants.map((v) => v.variant)).toEqual(['a', 'b']);
    expect(s.variants[0]!.points.map((p) => p.count)).toEqual([0, 1, 0, 0]);
    expect(s.variants[1]!.points.map((p) => p.count)).toEqual([0, 1, 0, 1]);
    expect(s.variants[1]!.points[3]!.failed).toBe(0);
    expect(s.categories).toEqual(['billing', 'technical']);
  });

  it('buckets by UTC day', () => {
    const d = summarizeSeries(rows, { ...window, bucket: 'day', since: new Date('2026-02-28T23:00:00Z') });
    expect(d.points.map((p) => [p.start, p.count])).toEqual([
      ['2026-02-28T00:00:00.000Z', 0],
      ['2026-03-01T00:00:00.000Z', 3],
    ]);
    expect(bucketStart(Date.parse('2026-03-01T23:59:59Z'), 'day')).toBe(Date.parse('2026-03-01T00:00:00Z'));
  });
});

describe('statsSeries', () => {
  const store = { statsRows: async () => [] };
  it('refuses a window with too many buckets, naming the bucket field', async () => {
    await expect(statsSeries(store, { since: '2020-01-01', bucket: 'hour' })).rejects.toMatchObject({ statusCode: 400, options: { errors: [{ field: 'bucket' }] } });
    await expect(statsSeries(store, { since: '2020-01-01', until: '2020-06-01', bucket: 'day' })).resolves.toMatchObject({ bucket: 'day' });
  });
  it('refuses until before since', async () => {
    await expect(statsSeries(store, { since: '2026-03-02', until: '2026-03-01' })).rejects.toMatchObject({ statusCode: 400 });
  });
});
