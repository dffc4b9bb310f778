import type { Logger } from '../logger.js';
import type { TokenUsage } from '../schemas/result.schema.js';
import type { StructuredRequest } from './llm-provider.js';
import { LlmError } from './llm.errors.js';
import { resolveAgentOptions, type ModelConfig, type ModelProviderName } from './model-config.js';
import type { PriceTable } from './pricing.js';
import { withRetries, type RetryPolicy } from './retry.js';
import { fromSdkError } from './sdk-errors.js';

/** What every remote model provider is built from; container.ts wires it. */
export interface ModelProviderDeps {
  models: ModelConfig;
  prices: PriceTable;
  retry: RetryPolicy;
  log: Logger;
}

/** Appended to the system prompt when the model cannot be forced to call the tool. */
export const CALL_THE_TOOL = (tool: string) => `Answer only by calling the ${tool} tool exactly once, with every required field.`;

export const REPAIR_NOTE = (error: string, how = 'Call the tool again with corrected input') =>
  `Your output did not match the required schema: ${error}. ${how} that fixes every listed problem.`;

/** The per-agent settings and the budget signal for one generate() on one provider. */
export function prepareCall<T>(provider: ModelProviderName, deps: ModelProviderDeps, request: StructuredRequest<T>) {
  const options = resolveAgentOptions(deps.models, provider, request.agent, request.options);
  const budget = AbortSignal.timeout(options.timeout_ms);
  const signal = request.signal ? AbortSignal.any([request.signal, budget]) : budget;
  return { options, budget, signal };
}

/**
 * One HTTP call through an SDK (its own retries off), with our retries, error mapping and the budget:
 * when the provider's budget runs out the error says "timeout", when the caller aborts it says "aborted".
 */
export async function callWithRetries<R>(
  provider: ModelProviderName,
  deps: ModelProviderDeps,
  ctx: { signal: AbortSignal; budget: AbortSignal; timeoutMs: number; agent: string },
  send: (signal: AbortSignal) => Promise<R>,
): Promise<R> {
  return withRetries(
    async () => {
      try {
        return await send(ctx.signal);
      } catch (err) {
        if (ctx.budget.aborted && !isCallerAbort(ctx)) {
          throw new LlmError(provider, 'timeout', `no answer within ${ctx.timeoutMs} ms`, { cause: err });
        }
        throw fromSdkError(provider, err, ctx.signal);
      }
    },
    deps.retry,
    {
      signal: ctx.signal,
      onRetry: (err, delayMs, n) => deps.log.warn({ provider, agent: ctx.agent, kind: err.kind, status: err.status, delayMs, retry: n }, 'retrying model request'),
    },
  );
}

function isCallerAbort(ctx: { signal: AbortSignal; budget: AbortSignal }): boolean {
  return ctx.signal.aborted && ctx.signal.reason !== ctx.budget.reason;
}

export function sumUsage(a: TokenUsage, b: TokenUsage): TokenUsage {
  return { input: a.input + b.input, output: a.output + b.output, cache_read: a.cache_read + b.cache_read, cache_write: a.cache_write + b.cache_write };
}
