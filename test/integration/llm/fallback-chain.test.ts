import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { buildProviderChain } from '../../../src/llm/provider-factory.js';
import type { FallbackChainProvider } from '../../../src/llm/fallback-chain.provider.js';
import { CircuitBreakerProvider } from '../../../src/llm/circuit-breaker.provider.js';
import { testConfig } from '../../helpers/build-test-app.js';
import { analyzerRequest, fastRetry, models } from '../../helpers/llm.js';
import { FakeAnthropic } from '../../fakes/fake-anthropic.js';
import { behave } from '../../fakes/fake-http.js';
import { FakeOpenAi } from '../../fakes/fake-openai.js';

const anthropic = new FakeAnthropic();
const openai = new FakeOpenAi();
let clock = 0;

beforeAll(async () => {
  await anthropic.start();
  await openai.start();
});
afterAll(async () => {
  await anthropic.stop();
  await openai.stop();
});
beforeEach(() => {
  anthropic.reset();
  openai.reset();
  clock = 0;
});

function chain(env: Record<string, string> = {}, opts: { models?: typeof models } = {}) {
  const config = testConfig({
    ANTHROPIC_API_KEY: 'sk-ant',
    ANTHROPIC_BASE_URL: anthropic.url,
    OPENAI_API_KEY: 'sk-oai',
    OPENAI_BASE_URL: `${openai.url}/v1`,
    LLM_BREAKER_FAILURES: '2',
    LLM_BREAKER_COOLDOWN_MS: '1000',
    ...env,
  });
  return buildProviderChain(config, { retry: fastRetry({ maxRetries: 1 }), now: () => clock, ...opts });
}

const down = (n: number) => Array.from({ length: n }, () => behave.status(503));

describe('the provider chain anthropic → openai → local', () => {
  it('is built from the keys present, in order, with local last', () => {
    const c = chain() as FallbackChainProvider;
    expect(c.description).toBe('anthropic>openai>local');
    expect((chain({ LLM_CHAIN: 'openai,anthropic' }) as FallbackChainProvider).description).toBe('openai>anthropic>local');
    expect(c.providers[0]).toBeInstanceOf(CircuitBreakerProvider);
  });

  it('tries first the provider an agent is configured for, or a request names (an A/B variant)', async () => {
    const perAgent = structuredClone(models);
    perAgent.agents.analyzer.providers = ['openai'];
    const res = await chain({}, { models: perAgent }).generate(analyzerRequest());
    expect(res.provider).toBe('openai');
    expect(anthropic.requests).toHaveLength(0);
    const variant = await chain().generate(analyzerRequest({ provider: 'openai', model: 'gpt-5.4-mini', variant: 'cheap' }));
    expect(variant).toMatchObject({ provider: 'openai', model: 'gpt-5.4-mini' });
    expect(openai.requests.at(-1)!.body.model).toBe('gpt-5.4-mini');
  });

  it('answers from Claude when it is up, not degraded', async () => {
    const res = await chain().generate(analyzerRequest());
    expect(res.provider).toBe('anthropic');
    expect(res.degradedReason).toBeUndefined();
    expect(openai.requests).toHaveLength(0);
  });

  it('falls back to OpenAI after Claude exhausts its retries, and says why', async () => {
    anthropic.enqueue(...down(2));
    const res = await chain().generate(analyzerRequest());
    expect(anthropic.requests).toHaveLength(2);
    expect(res.provider).toBe('openai');
    expect(res.model).toBe('gpt-5.4');
    expect(res.degradedReason).toMatch(/^anthropic: HTTP 503.*answered by openai$/);
  });

  it('falls back to the local provider when both are down', async () => {
    anthropic.enqueue(...down(2));
    openai.enqueue(...down(2));
    const res = await chain().generate(analyzerRequest());
    expect(res.provider).toBe('local');
    expect(res.model).toBe('local-rules-v1');
    expect(res.costUsd).toBe(0);
    expect(res.degradedReason).toContain('anthropic: HTTP 503');
    expect(res.degradedReason).toContain('openai: HTTP 503');
  });

  it('falls back on output that fails the schema after the repair request', async () => {
    anthropic.enqueue(behave.toolInput({ bad: 1 }), behave.toolInput({ bad: 2 }));
    const res = await chain().generate(analyzerRequest());
    expect(res.provider).toBe('openai');
    expect(res.degradedReason).toContain('failed the ticket_analysis schema after a repair request');
  });

  it('opens the breaker after repeated failures, stops calling Claude, and probes it again after the cooldown', async () => {
    const c = chain();
    anthropic.enqueue(...down(4));
    await c.generate(analyzerRequest());
    await c.generate(analyzerRequest());
    expect(anthropic.requests).toHaveLength(4);
    // Open: Claude is not called at all.
    const skipped = await c.generate(analyzerRequest());
    expect(anthropic.requests).toHaveLength(4);
    expect(skipped.provider).toBe('openai');
    expect(skipped.degradedReason).toContain('circuit open');
    expect((await c.health()).detail).toContain('circuit open');
    // After the cooldown one probe goes through; it succeeds and closes the circuit.
    clock += 1000;
    const probe = await c.generate(analyzerRequest());
    expect(anthropic.requests).toHaveLength(5);
    expect(probe.provider).toBe('anthropic');
    await c.generate(analyzerRequest());
    expect(anthropic.requests).toHaveLength(6);
  });

  it('reopens the breaker when the probe fails', async () => {
    const c = chain();
    anthropic.enqueue(...down(4));
    await c.generate(analyzerRequest());
    await c.generate(analyzerRequest());
    clock += 1000;
    anthropic.enqueue(...down(2));
    expect((await c.generate(analyzerRequest())).provider).toBe('openai');
    expect(anthropic.requests).toHaveLength(6);
    await c.generate(analyzerRequest());
    expect(anthropic.requests).toHaveLength(6);
  });
});
