import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { buildProviderChain } from '../../../src/llm/provider-factory.js';
import { testConfig } from '../../helpers/build-test-app.js';
import { analyzerRequest, fastRetry } from '../../helpers/llm.js';
import { FakeAnthropic } from '../../fakes/fake-anthropic.js';
import { FakePromptLayer } from '../../fakes/fake-promptlayer.js';

const anthropic = new FakeAnthropic();
const pl = new FakePromptLayer();

beforeAll(async () => {
  await anthropic.start();
  await pl.start();
  await import('promptlayer'); // the SDK's first import is slow under vitest; keep it out of the timings
});
afterAll(async () => {
  await anthropic.stop();
  await pl.stop();
});
beforeEach(() => {
  anthropic.reset();
  pl.logged.length = 0;
  pl.delayMs = 0;
  pl.status = 201;
});

const chain = (env: Record<string, string> = {}) =>
  buildProviderChain(
    testConfig({ ANTHROPIC_API_KEY: 'sk-ant', ANTHROPIC_BASE_URL: anthropic.url, PROMPTLAYER_API_KEY: 'pl-key', PROMPTLAYER_BASE_URL: pl.url, ...env }),
    { retry: fastRetry() },
  );

const until = async (cond: () => boolean, ms = 15_000) => {
  const end = Date.now() + ms;
  while (!cond() && Date.now() < end) await new Promise((r) => setTimeout(r, 10));
};

describe('PromptLayer logging through the promptlayer SDK', () => {
  it('logs each model request with agent, provider, model and variant tags and the ticket id, and records its id', async () => {
    const res = await chain().generate(analyzerRequest({ variant: 'B' }));
    await until(() => res.analytics?.promptLayerRequestId !== undefined);
    expect(pl.logged).toHaveLength(1);
    const { headers, body } = pl.logged[0]!;
    expect(headers['x-api-key']).toBe('pl-key');
    expect(body.tags).toEqual(['agent:analyzer', 'provider:anthropic', 'model:claude-opus-5-5', 'variant:B']);
    expect(body.metadata).toMatchObject({ ticket_id: 'T-1', agent: 'analyzer', provider_request_id: res.requestId, variant: 'B' });
    expect(body.provider).toBe('anthropic');
    expect(body.status).toBe('SUCCESS');
    expect(body.price).toBe(res.costUsd);
    expect(body.input.messages[1].content[0].text).toContain('<ticket>');
    expect(JSON.parse(body.output.messages[0].content[0].text).category).toBe(res.data.category);
    expect(res.analytics?.promptLayerRequestId).toBe('1000');
  });

  it('never slows or fails a request when PromptLayer is slow or down', async () => {
    pl.delayMs = 3000;
    const started = Date.now();
    const res = await chain({ PROMPTLAYER_TIMEOUT_MS: '100' }).generate(analyzerRequest());
    expect(res.provider).toBe('anthropic');
    expect(Date.now() - started).toBeLessThan(1500);
    await until(() => pl.logged.length > 0);
    expect(res.analytics?.promptLayerRequestId).toBeUndefined();

    pl.delayMs = 0;
    pl.status = 400;
    const failed = await chain().generate(analyzerRequest());
    expect(failed.provider).toBe('anthropic');
  });
});
