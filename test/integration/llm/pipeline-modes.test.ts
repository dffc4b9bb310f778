import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { buildProviderChain } from '../../../src/llm/provider-factory.js';
import type { PipelineMode } from '../../../src/orchestrator/orchestrator.js';
import { buildTestApp, sampleTicket, testConfig, type TestApp } from '../../helpers/build-test-app.js';
import { fastRetry } from '../../helpers/llm.js';
import { FakeAnthropic } from '../../fakes/fake-anthropic.js';
import { behave } from '../../fakes/fake-http.js';

const fake = new FakeAnthropic();
const apps: TestApp[] = [];

beforeAll(() => fake.start());
afterAll(async () => {
  for (const a of apps) await a.close();
  await fake.stop();
});
beforeEach(() => {
  fake.reset();
  fake.transform = {};
  fake.latencyMs = { ticket_analysis: 300, article_ranking: 150, status_judgement: 100, draft_reply: 50 };
});

async function run(mode: PipelineMode) {
  const config = testConfig({ ANTHROPIC_API_KEY: 'k', ANTHROPIC_BASE_URL: fake.url });
  const t = await buildTestApp({ parts: { provider: buildProviderChain(config, { retry: fastRetry() }), pipelineMode: mode } });
  apps.push(t);
  const res = await t.app.inject({ method: 'POST', url: '/tickets', payload: { ...sampleTicket, ticket_id: `M-${mode}-${Date.now()}` } });
  expect(res.statusCode).toBe(201);
  const out = res.json();
  const span = (agent: string, outcome = 'ok') => out.trace.find((s: any) => s.agent === agent && s.outcome === outcome);
  return { out, span };
}

describe('pipeline modes', () => {
  it('sequential: retrieval and status start only after the analyzer ends', async () => {
    const { out, span } = await run('sequential');
    expect(out.degraded).toBe(false);
    expect(span('knowledge').start_offset_ms).toBeGreaterThanOrEqual(span('analyzer').end_offset_ms);
    expect(span('status').start_offset_ms).toBeGreaterThanOrEqual(span('analyzer').end_offset_ms);
  });

  it('speculative: retrieval and status run alongside the analyzer, and their results are kept when it agrees', async () => {
    const { out, span } = await run('speculative');
    expect(out.degraded).toBe(false);
    expect(span('knowledge').start_offset_ms).toBeLessThan(span('analyzer').end_offset_ms);
    expect(span('status').start_offset_ms).toBeLessThan(span('analyzer').end_offset_ms);
    expect(out.trace.some((s: any) => s.outcome === 'discarded')).toBe(false);
    expect(fake.requests.map((r) => r.body.tools[0].name).sort()).toEqual(['article_ranking', 'draft_reply', 'status_judgement', 'ticket_analysis']);
  });

  it('speculative: when the analysis changes the routing facts, retrieval and status run again on it', async () => {
    fake.transform.ticket_analysis = (a) => ({ ...a, error_codes: [...(a.error_codes as string[]), 'E4242'] });
    const { out, span } = await run('speculative');
    expect(out.analysis.error_codes).toContain('E4242');
    const discarded = out.trace.filter((s: any) => s.outcome === 'discarded').map((s: any) => s.agent).sort();
    expect(discarded).toEqual(['knowledge', 'status']);
    expect(span('knowledge').start_offset_ms).toBeGreaterThanOrEqual(span('analyzer').end_offset_ms);
    expect(out.degraded).toBe(false);
    expect(out.trace.filter((s: any) => s.outcome !== 'discarded')).toHaveLength(4);
  });

  it('a ticket completes degraded, with the reason per agent, when Claude is down and local answers', async () => {
    fake.enqueue(...Array.from({ length: 40 }, () => behave.status(529)));
    const { out } = await run('sequential');
    expect(out.degraded).toBe(true);
    expect(out.provider).toBe('local');
    for (const t of out.trace) {
      expect(t.outcome).toBe('degraded');
      expect(t.provider).toBe('local');
      expect(t.error).toMatch(/^anthropic: HTTP 529.*answered by local$/);
    }
    expect(out.metrics.cost_usd).toBe(0);
    expect(out.response.response_text.length).toBeGreaterThan(0);
  });

  it('a model can only cite candidates the index returned, and only judge incidents the status page lists', async () => {
    fake.transform.article_ranking = (a) => ({ ...a, ranking: [{ article_id: 'KB-999', relevant: true }, ...(a.ranking as object[])] });
    fake.transform.status_judgement = (a) => ({ ...a, incidents: [...(a.incidents as object[]), { id: 'inc_invented', related_to_ticket: true, relation_reasons: ['made up'] }] });
    const { out } = await run('sequential');
    const ids = out.knowledge.articles.map((x: any) => x.article_id);
    expect(ids).not.toContain('KB-999');
    expect(ids.length).toBeGreaterThan(0);
    expect(out.system_status.incidents.map((i: any) => i.id)).not.toContain('inc_invented');
    const ranking = fake.requests.find((r) => r.body.tools[0].name === 'article_ranking')!.body;
    expect(ranking.messages[0].content).toMatch(/<candidates>[\s\S]*KB-0\d\d[\s\S]*<\/candidates>/);
  });
});
