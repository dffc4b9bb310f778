import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadScenarios } from '../../src/evaluation/scenarios.js';
import { VariantsFileSchema } from '../../src/evaluation/variants/variant.schema.js';
import { StatsSeriesSchema } from '../../src/schemas/stats-series.schema.js';
import { StatsSchema } from '../../src/schemas/stats.schema.js';
import { buildTestApp, DATA, type TestApp } from '../helpers/build-test-app.js';

const variants = VariantsFileSchema.parse({
  experiment: 'series-test',
  default: 'baseline',
  split: { baseline: 1, concise: 1 },
  variants: [{ name: 'baseline' }, { name: 'concise', prompt_version: 'concise-v1' }],
});
const scenarios = loadScenarios(DATA.scenarios).slice(0, 8);
let t: TestApp;

beforeAll(async () => {
  t = await buildTestApp({ parts: { evaluation: { variants } } });
  for (const s of scenarios) expect((await t.app.inject({ method: 'POST', url: '/tickets', payload: s.ticket })).statusCode).toBe(201);
});
afterAll(() => t.close());

describe('GET /stats/series', () => {
  it('adds up to what GET /stats reports for the same window, overall and per variant', async () => {
    const since = new Date(Date.now() - 3 * 3600_000).toISOString();
    const until = new Date(Date.now() + 1000).toISOString();
    const res = await t.app.inject({ method: 'GET', url: `/stats/series?since=${since}&until=${until}&bucket=hour` });
    expect(res.statusCode).toBe(200);
    const series = StatsSeriesSchema.parse(res.json());
    const stats = StatsSchema.parse((await t.app.inject({ method: 'GET', url: `/stats?since=${since}&until=${until}` })).json());
    expect(series.points.length).toBeGreaterThanOrEqual(4);
    expect(series.points.reduce((s, p) => s + p.count, 0)).toBe(scenarios.length);
    expect(stats.completed).toBe(scenarios.length);
    for (const v of stats.variants) {
      const points = series.variants.find((x) => x.variant === v.variant)!.points;
      expect(points.reduce((s, p) => s + p.count, 0)).toBe(v.count);
      const escalated = points.reduce((s, p) => s + (p.escalation_rate ?? 0) * p.count, 0);
      expect(escalated / v.count).toBeCloseTo(v.escalation_rate, 3);
      for (const [cat, n] of Object.entries(v.category_mix)) {
        expect(points.reduce((s, p) => s + (p.category_mix[cat] ?? 0), 0)).toBe(n);
      }
    }
    expect(series.categories).toEqual(Object.keys(Object.assign({}, ...stats.variants.map((v) => v.category_mix))).sort());
  });

  it('filters by variant and buckets by day', async () => {
    const series = StatsSeriesSchema.parse((await t.app.inject({ method: 'GET', url: '/stats/series?variant=concise&bucket=day&since=2d' })).json());
    expect(series.bucket).toBe('day');
    expect(series.variants.map((v) => v.variant)).toEqual(['concise']);
    expect(series.points.every((p) => p.start.endsWith('T00:00:00.000Z'))).toBe(true);
  });

  it('answers 400 problem+json naming the field for a bad bucket or a window too long for it', async () => {
    const bad = await t.app.inject({ method: 'GET', url: '/stats/series?bucket=minute' });
    expect(bad.statusCode).toBe(400);
    expect(bad.headers['content-type']).toMatch(/problem\+json/);
    expect(bad.json().errors[0].field).toMatch(/bucket/);
    const long = await t.app.inject({ method: 'GET', url: '/stats/series?since=2000-01-01&bucket=hour' });
    expect(long.statusCode).toBe(400);
    expect(long.json().errors[0].field).toBe('bucket');
  });
});
