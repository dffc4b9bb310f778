import Anthropic from '@anthropic-ai/sdk';
import type { TokenUsage } from '../schemas/result.schema.js';
import { toToolSchema, validateOutput } from './json-schema.js';
import type { LlmProvider, ProviderHealth, StructuredRequest, StructuredResponse } from './llm-provider.js';
import { ZERO_USAGE } from './llm-provider.js';
import { LlmBadOutputError } from './llm.errors.js';
import { CALL_THE_TOOL, callWithRetries, prepareCall, REPAIR_NOTE, sumUsage, type ModelProviderDeps } from './model-provider.js';

export interface AnthropicProviderOptions extends ModelProviderDeps {
  apiKey: string;
  /** ANTHROPIC_BASE_URL; the SDK's default when unset. */
  baseURL?: string | undefined;
}

type MessageParam = Anthropic.MessageParam;

/**
 * Claude through the Messages API: the agent's zod schema becomes a tool's input_schema, the tool is
 * forced with tool_choice where the model allows it (Claude 5.5 models do not: they get tool_choice auto
 * and an instruction), and the static system prompt carries cache_control so repeated tickets read it
 * from the prompt cache. Output that fails the schema gets one repair turn (a tool_result with is_error).
 */
export class AnthropicProvider implements LlmProvider {
  readonly name = 'anthropic';
  private readonly client: Anthropic;

  constructor(private readonly deps: AnthropicProviderOptions) {
    this.client = new Anthropic({ apiKey: deps.apiKey, baseURL: deps.baseURL ?? null, maxRetries: 0 });
  }

  async generate<T>(request: StructuredRequest<T>): Promise<StructuredResponse<T>> {
    const { options, budget, signal } = prepareCall('anthropic', this.deps, request);
    const caps = options.capabilities;
    const prompt = request.prompt();
    const tool = request.schemaName;
    const body = {
      model: options.model,
      max_tokens: options.max_tokens,
      system: [
        {
          type: 'text' as const,
          text: caps.forced_tool_choice ? prompt.system : `${prompt.system}\n${CALL_THE_TOOL(tool)}`,
          cache_control: { type: 'ephemeral' as const },
        },
      ],
      tools: [{ name: tool, description: request.schemaDescription ?? `Record the ${tool.replace(/_/g, ' ')}.`, input_schema: toToolSchema(request.schema) as Anthropic.Tool.InputSchema }],
      tool_choice: caps.forced_tool_choice ? { type: 'tool' as const, name: tool } : { type: 'auto' as const },
      ...(caps.sampling_params && options.temperature !== undefined ? { temperature: options.temperature } : {}),
      ...(caps.effort && options.effort ? { output_config: { effort: options.effort } } : {}),
    };
    const messages: MessageParam[] = [{ role: 'user', content: prompt.user }];
    const ctx = { signal, budget, timeoutMs: options.timeout_ms, agent: request.agent };
    let usage: TokenUsage = { ...ZERO_USAGE };
    let requestId: string | undefined;

    for (let round = 0; round < 2; round++) {
      const res = await callWithRetries('anthropic', this.deps, ctx, (s) =>
        this.client.messages.create({ ...body, messages }, { signal: s, timeout: options.timeout_ms }),
      );
      usage = sumUsage(usage, usageOf(res.usage));
      requestId = res._request_id ?? requestId;
      const call = res.content.find((b): b is Anthropic.ToolUseBlock => b.type === 'tool_use' && b.name === tool);
      const checked = call ? validateOutput(request.schema, call.input) : { ok: false as const, error: `no ${tool} tool call in the reply (stop_reason ${res.stop_reason})` };
      if (checked.ok) {
        return {
          data: checked.data,
          provider: this.name,
          model: res.model || options.model,
          usage,
          costUsd: this.deps.prices.cost(res.model || options.model, usage),
          ...(requestId ? { requestId } : {}),
        };
      }
      if (round === 1) throw new LlmBadOutputError(this.name, `output failed the ${tool} schema after a repair request: ${checked.error}`, checked.error);
      this.deps.log.warn({ provider: this.name, agent: request.agent, model: options.model }, 'model output failed its schema; sending one repair request');
      messages.push({ role: 'assistant', content: res.content });
      messages.push({
        role: 'user',
        content: call
          ? [{ type: 'tool_result', tool_use_id: call.id, is_error: true, content: REPAIR_NOTE(checked.error) }]
          : REPAIR_NOTE(checked.error),
      });
    }
    throw new Error('unreachable');
  }

  async health(): Promise<ProviderHealth> {
    // No probe request: it would cost money on every health check. The breaker reports failures.
    return { status: 'up', detail: 'configured (not probed)' };
  }
}

function usageOf(u: Anthropic.Usage): TokenUsage {
  return {
    input: u.input_tokens ?? 0,
    output: u.output_tokens ?? 0,
    cache_read: u.cache_read_input_tokens ?? 0,
    cache_write: u.cache_creation_input_tokens ?? 0,
  };
}
