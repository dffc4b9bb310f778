import parsePrometheusTextFormat, { type PromFamily } from 'parse-prometheus-text-format';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildTestApp, sampleTicket, type TestApp } from '../helpers/build-test-app.js';
import { CostingProvider } from '../helpers/costing-provider.js';

let t: TestApp;
let families: Map<string, PromFamily>;
let raw: string;
const provider = new CostingProvider();

const sample = (name: string, labels: Record<string, string> = {}) =>
  families.get(name)?.metrics.find((m) => Object.entries(labels).every(([k, v]) => m.labels?.[k] === v));
const value = (name: string, labels: Record<string, string> = {}) => Number(sample(name, labels)?.value ?? Number.NaN);
/**
 * The parser flattens labelled histograms into one sample (it only handles unlabelled ones), so histogram
 * counts are read from their `<name>_count{...}` sample lines, which it has already accepted as valid text.
 */
const histogramCount = (name: string, labels: Record<string, string>) => {
  const line = raw
    .split('\n')
    .find((l) => l.startsWith(`${name}_count{`) && Object.entries(labels).every(([k, v]) => l.includes(`${k}="${v}"`)));
  return line ? Number(line.split(' ').at(-1)) : Number.NaN;
};

beforeAll(async () => {
  t = await buildTestApp({ parts: { provider } });
  t.deps.metrics.setQueueDepthSource(() => 7);
  await t.app.inject({ method: 'POST', url: '/tickets', payload: { ...sampleTicket, ticket_id: 'M-1' } });
  await t.app.inject({ method: 'POST', url: '/tickets', payload: { ...sampleTicket, ticket_id: 'M-2', customer_id: 'CUST-1002' } });
  await t.app.inject({ method: 'GET', url: '/tickets/M-1' });
  await t.app.inject({ method: 'GET', url: '/tickets/NOPE' });
  await t.app.inject({ method: 'GET', url: '/no-such-route' });
  // What the provider layer of the real providers reports through the ProviderMetrics interface.
  t.deps.metrics.providerError({ provider: 'anthropic', model: 'claude-x', kind: 'rate_limit' });
  t.deps.metrics.providerRetry({ provider: 'anthropic', model: 'claude-x' });
  t.deps.metrics.providerRetry({ provider: 'anthropic', model: 'claude-x' });
  t.deps.metrics.providerFallback({ from: 'anthropic', to: 'local' });
  const res = await t.app.inject({ method: 'GET', url: '/metrics' });
  expect(res.statusCode).toBe(200);
  expect(res.headers['content-type']).toMatch(/^text\/plain; version=0\.0\.4/);
  raw = res.body;
  families = new Map(parsePrometheusTextFormat(raw).map((f) => [f.name, f]));
});
afterAll(() => t.close());

describe('GET /metrics', () => {
  it('parses as Prometheus text with HELP and TYPE for every family', () => {
    expect(families.size).toBeGreaterThanOrEqual(12);
    for (const f of families.values()) expect(f.help, f.name).not.toBe('');
    expect(families.get('http_request_duration_seconds')?.type).toBe('HISTOGRAM');
  });

  it('counts requests by route template and status, never by raw URL', () => {
    expect(value('http_requests_total', { method: 'POST', route: '/tickets', status_code: '201' })).toBe(2);
    expect(value('http_requests_total', { method: 'GET', route: '/tickets/:id', status_code: '200' })).toBe(1);
    expect(value('http_requests_total', { method: 'GET', route: '/tickets/:id', status_code: '404' })).toBe(1);
    expect(value('http_requests_total', { route: 'unmatched', status_code: '404' })).toBe(1);
    expect(raw).not.toContain('NOPE');
    expect(histogramCount('http_request_duration_seconds', { method: 'POST', route: '/tickets', status_code: '201' })).toBe(2);
  });

  it('has a latency histogram per agent, and tokens and cost per provider and model', () => {
    for (const agent of ['analyzer', 'knowledge', 'status', 'synthesis']) {
      expect(histogramCount('support_agent_duration_seconds', { agent, provider: 'fake-model', model: 'fake-1' }), agent).toBe(2);
    }
    // 2 tickets × 4 agents × (100 in, 20 out, $0.0015)
    expect(value('support_llm_tokens_total', { provider: 'fake-model', model: 'fake-1', kind: 'input' })).toBe(800);
    expect(value('support_llm_tokens_total', { provider: 'fake-model', model: 'fake-1', kind: 'output' })).toBe(160);
    expect(value('support_llm_cost_usd_total', { provider: 'fake-model', model: 'fake-1' })).toBeCloseTo(0.012, 9);
  });

  it('counts tickets by category, priority, escalation and variant, and their quality', () => {
    const tickets = families.get('support_tickets_total')!.metrics;
    expect(tickets.reduce((s, m) => s + Number(m.value), 0)).toBe(2);
    expect(value('support_tickets_total', { category: 'technical', escalated: 'false', variant: 'baseline' })).toBeGreaterThanOrEqual(1);
    expect(histogramCount('support_reply_quality_score', { variant: 'baseline' })).toBe(2);
  });

  it('reports provider errors, retries and fallbacks, and the queue depth', () => {
    expect(value('support_provider_errors_total', { provider: 'anthropic', kind: 'rate_limit' })).toBe(1);
    expect(value('support_provider_retries_total', { provider: 'anthropic', model: 'claude-x' })).toBe(2);
    expect(value('support_provider_fallbacks_total', { from: 'anthropic', to: 'local' })).toBe(1);
    expect(value('support_queue_depth')).toBe(7);
  });
});
