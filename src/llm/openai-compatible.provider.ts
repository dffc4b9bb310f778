import OpenAI from 'openai';
import type { TokenUsage } from '../schemas/result.schema.js';
import { toToolSchema, validateOutput } from './json-schema.js';
import type { LlmProvider, ProviderHealth, StructuredRequest, StructuredResponse } from './llm-provider.js';
import { ZERO_USAGE } from './llm-provider.js';
import { LlmBadOutputError, LlmError } from './llm.errors.js';
import { resolveAgentOptions } from './model-config.js';
import { callWithRetries, prepareCall, REPAIR_NOTE, sumUsage, type ModelProviderDeps } from './model-provider.js';

export type StructuredMode = 'json_schema' | 'tools';

export interface OpenAiProviderOptions extends ModelProviderDeps {
  apiKey: string;
  /** OPENAI_BASE_URL: OpenAI itself, or a vLLM, Ollama or llama.cpp server's /v1. */
  baseURL?: string | undefined;
  /** auto: response_format json_schema, switching to tools for a model whose server rejects it. */
  structuredOutput: StructuredMode | 'auto';
}

type Message = OpenAI.Chat.Completions.ChatCompletionMessageParam;
type Completion = OpenAI.Chat.Completions.ChatCompletion & { _request_id?: string | null };

/**
 * Any OpenAI-compatible Chat Completions server. Structured output through response_format json_schema,
 * or a forced function call where the server lacks it; the reply is validated against the zod schema and
 * gets one repair turn when it fails.
 */
export class OpenAiCompatibleProvider implements LlmProvider {
  readonly name = 'openai';
  private readonly client: OpenAI;
  /** Models whose server answered 400 to response_format: they get tools from then on. */
  private readonly toolsOnly = new Set<string>();

  constructor(private readonly deps: OpenAiProviderOptions) {
    this.client = new OpenAI({ apiKey: deps.apiKey, baseURL: deps.baseURL ?? null, maxRetries: 0 });
  }

  async generate<T>(request: StructuredRequest<T>): Promise<StructuredResponse<T>> {
    const options = resolveAgentOptions(this.deps.models, 'openai', request.agent, request.options);
    const mode: StructuredMode =
      this.deps.structuredOutput === 'auto' ? (this.toolsOnly.has(options.model) ? 'tools' : 'json_schema') : this.deps.structuredOutput;
    try {
      return await this.generateWith(request, mode);
    } catch (err) {
      if (this.deps.structuredOutput === 'auto' && mode === 'json_schema' && rejectsResponseFormat(err)) {
        this.deps.log.warn({ provider: this.name, model: options.model }, 'server rejected response_format json_schema; using tools for this model');
        this.toolsOnly.add(options.model);
        return this.generateWith(request, 'tools');
      }
      throw err;
    }
  }

  private async generateWith<T>(request: StructuredRequest<T>, mode: StructuredMode): Promise<StructuredResponse<T>> {
    const { options, budget, signal } = prepareCall('openai', this.deps, request);
    const caps = options.capabilities;
    const prompt = request.prompt();
    const name = request.schemaName;
    const schema = toToolSchema(request.schema);
    const description = request.schemaDescription ?? `Record the ${name.replace(/_/g, ' ')}.`;
    const body = {
      model: options.model,
      [caps.max_tokens_param]: options.max_tokens,
      ...(caps.sampling_params && options.temperature !== undefined ? { temperature: options.temperature } : {}),
      ...(mode === 'json_schema'
        ? { response_format: { type: 'json_schema' as const, json_schema: { name, description, schema, strict: false } } }
        : {
            tools: [{ type: 'function' as const, function: { name, description, parameters: schema } }],
            tool_choice: caps.forced_tool_choice ? { type: 'function' as const, function: { name } } : ('required' as const),
          }),
    };
    const messages: Message[] = [
      { role: 'system', content: prompt.system },
      { role: 'user', content: prompt.user },
    ];
    const ctx = { signal, budget, timeoutMs: options.timeout_ms, agent: request.agent };
    let usage: TokenUsage = { ...ZERO_USAGE };
    let requestId: string | undefined;

    for (let round = 0; round < 2; round++) {
      const res: Completion = await callWithRetries('openai', this.deps, ctx, (s) =>
        this.client.chat.completions.create({ ...body, messages } as OpenAI.Chat.Completions.ChatCompletionCreateParamsNonStreaming, {
          signal: s,
          timeout: options.timeout_ms,
        }),
      );
      usage = sumUsage(usage, usageOf(res.usage));
      requestId = res._request_id ?? requestId;
      const message = res.choices[0]?.message;
      const call = message?.tool_calls?.find((c) => c.type === 'function' && c.function.name === name);
      const text = mode === 'json_schema' ? message?.content : call && 'function' in call ? call.function.arguments : undefined;
      const checked = checkJson(request, text, mode === 'json_schema' ? 'no JSON content in the reply' : `no ${name} function call in the reply`);
      if (checked.ok) {
        const model = res.model || options.model;
        return { data: checked.data, provider: this.name, model, usage, costUsd: this.deps.prices.cost(model, usage), ...(requestId ? { requestId } : {}) };
      }
      if (round === 1) throw new LlmBadOutputError(this.name, `output failed the ${name} schema after a repair request: ${checked.error}`, checked.error);
      this.deps.log.warn({ provider: this.name, agent: request.agent, model: options.model }, 'model output failed its schema; sending one repair request');
      if (mode === 'tools' && call) {
        messages.push({ role: 'assistant', content: message?.content ?? null, tool_calls: [call] });
        messages.push({ role: 'tool', tool_call_id: call.id, content: REPAIR_NOTE(checked.error) });
      } else {
        messages.push({ role: 'assistant', content: message?.content ?? '' });
        messages.push({ role: 'user', content: REPAIR_NOTE(checked.error, mode === 'tools' ? `Call the ${name} function` : 'Reply again with JSON only') });
      }
    }
    throw new Error('unreachable');
  }

  async health(): Promise<ProviderHealth> {
    return { status: 'up', detail: 'configured (not probed)' };
  }
}

function checkJson<T>(request: StructuredRequest<T>, text: string | null | undefined, missing: string) {
  if (!text) return { ok: false as const, error: missing };
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch {
    return { ok: false as const, error: 'the reply is not valid JSON' };
  }
  return validateOutput(request.schema, raw);
}

function rejectsResponseFormat(err: unknown): boolean {
  return err instanceof LlmError && err.kind === 'bad_request' && /response_format|json_schema/i.test(err.message);
}

function usageOf(u: OpenAI.Completions.CompletionUsage | undefined): TokenUsage {
  if (!u) return { ...ZERO_USAGE };
  const cached = u.prompt_tokens_details?.cached_tokens ?? 0;
  // prompt_tokens includes the cached ones; ours counts them apart because they are priced apart.
  return { input: Math.max(0, u.prompt_tokens - cached), output: u.completion_tokens, cache_read: cached, cache_write: 0 };
}
