import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp } from '../../../src/app.js';
import { createDeps, type Deps } from '../../../src/container.js';
import { loadScenarios } from '../../../src/evaluation/scenarios.js';
import { silentLogger } from '../../../src/logger.js';
import { DATA, testConfig } from '../../helpers/build-test-app.js';
import { FakeAnthropic } from '../../fakes/fake-anthropic.js';

const fake = new FakeAnthropic();
const scenarios = loadScenarios(DATA.scenarios);
let app: FastifyInstance;
let deps: Deps;

beforeAll(async () => {
  await fake.start();
  // The service as deployed: the composition root reads ANTHROPIC_API_KEY and ANTHROPIC_BASE_URL.
  const config = testConfig({ ANTHROPIC_API_KEY: 'sk-ant-e2e', ANTHROPIC_BASE_URL: fake.url });
  deps = await createDeps(config, silentLogger);
  app = await buildApp({ config, deps });
  await app.ready();
});
afterAll(async () => {
  await app.close();
  await deps.close();
  await fake.stop();
});

describe('end to end on Claude (fake Messages API over real HTTP)', () => {
  it('completes the 15 scenarios with provider "anthropic", every agent answered by a model', async () => {
    expect(scenarios).toHaveLength(15);
    const results = [];
    for (const s of scenarios) {
      const res = await app.inject({ method: 'POST', url: '/tickets', payload: s.ticket });
      expect(res.statusCode).toBe(201);
      results.push(res.json());
    }
    for (const r of results) {
      expect(r.status).toBe('completed');
      expect(r.provider).toBe('anthropic');
      expect(r.degraded).toBe(false);
      const kept = r.trace.filter((t: any) => t.outcome !== 'discarded');
      expect(kept.map((t: any) => t.agent)).toEqual(['analyzer', 'knowledge', 'status', 'synthesis']);
      for (const t of kept) {
        expect(t.provider).toBe('anthropic');
        expect(t.request_id).toMatch(/^req_/);
        expect(t.cost_usd).toBeGreaterThan(0);
      }
      expect(kept.map((t: any) => t.model)).toEqual(['claude-opus-5-5', 'claude-sonnet-5-5', 'claude-haiku-5-5', 'claude-opus-5-5']);
      expect(r.metrics.cost_usd).toBeCloseTo(r.trace.reduce((s: number, t: any) => s + t.cost_usd, 0), 6);
      // Every cited article was retrieved for this ticket, and every step cites one.
      const retrieved = r.knowledge.articles.map((a: any) => a.article_id);
      for (const id of r.response.cited_articles) expect(retrieved).toContain(id);
      expect(r.response.review_flags ?? []).toEqual([]);
    }
    // One request per agent per ticket (speculation never missed: the fake's analysis matches the offline one).
    const tools = fake.requests.map((q) => q.body.tools[0].name);
    expect(tools.filter((t) => t === 'ticket_analysis')).toHaveLength(15);
    expect(tools.filter((t) => t === 'draft_reply')).toHaveLength(15);
    // Prompt caching: after the first ticket, system prompts are read from the cache.
    expect(fake.responses.at(-1).usage.cache_read_input_tokens).toBeGreaterThan(0);
    const stored = await app.inject({ method: 'GET', url: `/tickets/${scenarios[0]!.id}` });
    expect(stored.json().metrics.cost_usd).toBe(results[0].metrics.cost_usd);

    // GET /stats sums the stored cost per ticket and per agent.
    const stats = (await app.inject({ method: 'GET', url: '/stats' })).json();
    expect(stats).toMatchObject({ completed: 15, failed: 0 });
    const variant = stats.variants[0];
    expect(variant).toMatchObject({ count: 15, degraded: 0 });
    const total = results.reduce((s, r) => s + r.metrics.cost_usd, 0);
    expect(variant.cost_usd.total).toBeCloseTo(total, 5);
    expect(variant.cost_usd.per_ticket).toBeCloseTo(total / 15, 5);
    const synth = stats.by_agent.find((a: any) => a.agent === 'synthesis');
    expect(synth).toMatchObject({ provider: 'anthropic', model: 'claude-opus-5-5', calls: 15 });
    expect(stats.by_agent.reduce((s: number, a: any) => s + a.cost_usd, 0)).toBeCloseTo(total, 5);
    expect(stats.by_agent.reduce((s: number, a: any) => s + a.tokens.cache_read, 0)).toBeGreaterThan(0);
  });
});
