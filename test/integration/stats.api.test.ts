import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { VariantsFileSchema } from '../../src/evaluation/variants/variant.schema.js';
import { StatsSchema } from '../../src/schemas/stats.schema.js';
import { loadScenarios } from '../../src/evaluation/scenarios.js';
import { buildTestApp, DATA, type TestApp } from '../helpers/build-test-app.js';

const variants = VariantsFileSchema.parse({
  experiment: 'stats-test',
  default: 'baseline',
  split: { baseline: 1, concise: 1 },
  variants: [{ name: 'baseline' }, { name: 'concise', prompt_version: 'concise-v1' }],
});
const scenarios = loadScenarios(DATA.scenarios);
let t: TestApp;

beforeAll(async () => {
  t = await buildTestApp({ parts: { evaluation: { variants } } });
  for (const s of scenarios) {
    const res = await t.app.inject({ method: 'POST', url: '/tickets', payload: s.ticket });
    expect(res.statusCode).toBe(201);
  }
});
afterAll(() => t.close());

describe('GET /stats', () => {
  it('summarises the live results per variant, each ticket on the variant the hash split gave it', async () => {
    const res = await t.app.inject({ method: 'GET', url: '/stats' });
    expect(res.statusCode).toBe(200);
    const stats = StatsSchema.parse(res.json());
    const expected = new Map<string, number>();
    for (const s of scenarios) {
      const v = t.deps.evaluation.router.assign(s.ticket.ticket_id!).name;
      expected.set(v, (expected.get(v) ?? 0) + 1);
    }
    expect(stats.completed).toBe(15);
    expect(stats.failed).toBe(0);
    expect(stats.variants).toHaveLength(2);
    expect(Object.fromEntries(stats.variants.map((v) => [v.variant, v.count]))).toEqual(Object.fromEntries([...expected].sort()));
    for (const v of stats.variants) {
      expect(Object.values(v.category_mix).reduce((a, b) => a + b, 0)).toBe(v.count);
      expect(v.quality.scored).toBe(v.count);
      expect(v.quality.mean).toBeGreaterThan(0.8);
      expect(v.latency_ms.p95).toBeGreaterThanOrEqual(v.latency_ms.p50);
      expect(v.cost_usd.total).toBe(0);
    }
  });

  it('matches what is stored: category mix and escalation rate of one variant', async () => {
    const stats = StatsSchema.parse((await t.app.inject({ method: 'GET', url: '/stats?variant=concise&since=7d' })).json());
    expect(stats.variants.map((v) => v.variant)).toEqual(['concise']);
    const stored = await Promise.all(scenarios.map((s) => t.deps.tickets.get(s.ticket.ticket_id!)));
    const concise = stored.filter((r) => r?.variant === 'concise');
    const v = stats.variants[0]!;
    expect(v.count).toBe(concise.length);
    expect(v.escalation_rate).toBeCloseTo(concise.filter((r) => r?.analysis?.requires_human_escalation).length / concise.length, 4);
    expect(v.category_mix.technical ?? 0).toBe(concise.filter((r) => r?.analysis?.category === 'technical').length);
  });

  it('honours the window: nothing since a time in the future, and until before everything', async () => {
    const future = StatsSchema.parse((await t.app.inject({ method: 'GET', url: `/stats?since=${new Date(Date.now() + 3600_000).toISOString()}` })).json());
    expect(future.completed).toBe(0);
    const old = StatsSchema.parse((await t.app.inject({ method: 'GET', url: '/stats?since=2000-01-01&until=2001-01-01' })).json());
    expect(old.variants).toEqual([]);
  });

  it('rejects a malformed window with a problem naming the field', async () => {
    const res = await t.app.inject({ method: 'GET', url: '/stats?since=yesterday' });
    expect(res.statusCode).toBe(400);
    expect(res.headers['content-type']).toMatch(/problem\+json/);
    expect(res.json().errors[0].field).toMatch(/since/);
  });

  it('counts failed tickets in the window', async () => {
    await t.deps.store.insert({ ticket_id: 'F-1', ticket: { subject: 's', body: 'b' }, status: 'processing', created_at: new Date().toISOString() });
    await t.deps.store.fail('F-1', 'boom', new Date().toISOString());
    const stats = StatsSchema.parse((await t.app.inject({ method: 'GET', url: '/stats' })).json());
    expect(stats.failed).toBe(1);
    expect(stats.completed).toBe(15);
  });
});
