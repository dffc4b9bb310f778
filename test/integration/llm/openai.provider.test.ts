import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { OpenAiCompatibleProvider } from '../../../src/llm/openai-compatible.provider.js';
import { sampleTicket } from '../../helpers/build-test-app.js';
import { analyzerRequest, fastRetry, modelDeps, prices } from '../../helpers/llm.js';
import { behave } from '../../fakes/fake-http.js';
import { FakeOpenAi } from '../../fakes/fake-openai.js';

const fake = new FakeOpenAi();
let retry = fastRetry();
const make = (structuredOutput: 'auto' | 'json_schema' | 'tools' = 'auto') =>
  new OpenAiCompatibleProvider({ ...modelDeps(retry), apiKey: 'sk-test', baseURL: `${fake.url}/v1`, structuredOutput });

beforeAll(() => fake.start());
afterAll(() => fake.stop());
beforeEach(() => {
  fake.reset();
  retry = fastRetry();
});

describe('OpenAiCompatibleProvider against a fake Chat Completions API', () => {
  it('asks for response_format json_schema with the ticket in the user message, and prices cached tokens apart', async () => {
    const provider = make();
    const first = await provider.generate(analyzerRequest());
    const second = await provider.generate(analyzerRequest());
    const req = fake.requests[0]!;
    expect(req.path).toBe('/v1/chat/completions');
    expect(req.headers.authorization).toBe('Bearer sk-test');
    expect(req.body.model).toBe('gpt-5.4');
    expect(req.body.max_completion_tokens).toBe(2048);
    expect(req.body.temperature).toBeUndefined();
    expect(req.body.response_format.type).toBe('json_schema');
    expect(req.body.response_format.json_schema.name).toBe('ticket_analysis');
    expect(req.body.response_format.json_schema.schema.properties.priority.enum).toEqual(['low', 'medium', 'high', 'critical']);
    expect(req.body.messages.map((m: any) => m.role)).toEqual(['system', 'user']);
    expect(req.body.messages[0].content).not.toContain(sampleTicket.body);
    expect(req.body.messages[1].content).toContain(`<ticket>`);
    expect(first.data.category).toBe('technical');
    expect(first.requestId).toMatch(/^req_/);
    const u = fake.responses[1].usage;
    const cached = u.prompt_tokens_details.cached_tokens;
    expect(cached).toBeGreaterThan(0);
    expect(second.usage).toEqual({ input: u.prompt_tokens - cached, output: u.completion_tokens, cache_read: cached, cache_write: 0 });
    expect(second.costUsd).toBeCloseTo(((u.prompt_tokens - cached) * 2.5 + u.completion_tokens * 15 + cached * 0.25) / 1e6, 12);
    expect(prices.price('gpt-5.4')?.input).toBe(2.5);
  });

  it('sends max_tokens and temperature to a model it knows nothing about (vLLM, Ollama)', async () => {
    await make().generate(analyzerRequest({ model: 'llama-3.3-70b-instruct', temperature: 0.1 }));
    const body = fake.requests[0]!.body;
    expect(body.max_tokens).toBe(2048);
    expect(body.max_completion_tokens).toBeUndefined();
    expect(body.temperature).toBe(0.1);
  });

  it('switches to a forced function call for a model whose server rejects json_schema, and remembers it', async () => {
    fake.rejectResponseFormat = true;
    const provider = make();
    const res = await provider.generate(analyzerRequest());
    expect(res.data.category).toBe('technical');
    expect(fake.requests.map((r) => Boolean(r.body.response_format))).toEqual([true, false]);
    const tools = fake.requests[1]!.body;
    expect(tools.tools[0].function.name).toBe('ticket_analysis');
    expect(tools.tool_choice).toEqual({ type: 'function', function: { name: 'ticket_analysis' } });
    await provider.generate(analyzerRequest());
    expect(fake.requests).toHaveLength(3);
    expect(fake.requests[2]!.body.response_format).toBeUndefined();
  });

  it('repairs malformed JSON once, in json mode and in tools mode', async () => {
    fake.enqueue(behave.text('{"category": "technical", oops'), behave.auto());
    await make('json_schema').generate(analyzerRequest());
    const msgs = fake.requests[1]!.body.messages;
    expect(msgs.map((m: any) => m.role)).toEqual(['system', 'user', 'assistant', 'user']);
    expect(msgs[3].content).toContain('not valid JSON');
    fake.reset();
    fake.enqueue(behave.toolInput({ category: 42 }), behave.auto());
    await make('tools').generate(analyzerRequest());
    const repair = fake.requests[1]!.body.messages;
    expect(repair[2].tool_calls[0].function.name).toBe('ticket_analysis');
    expect(repair[3]).toMatchObject({ role: 'tool', tool_call_id: repair[2].tool_calls[0].id });
    expect(repair[3].content).toContain('category');
  });

  it('honours retry-after on 429 and retries 500s', async () => {
    fake.enqueue(behave.status(429, { 'retry-after-ms': '30' }), behave.status(500), behave.auto());
    await make().generate(analyzerRequest());
    expect(fake.requests).toHaveLength(3);
    expect(retry.slept[0]).toBe(30);
  });
});
