import { errorMessage } from '../errors.js';
import type { LlmProvider, ProviderHealth, StructuredRequest, StructuredResponse } from './llm-provider.js';
import { ZERO_USAGE } from './llm-provider.js';

export class LocalOutputError extends Error {}

/**
 * The offline provider: runs each agent's own deterministic method (rules, learned models, retrieval,
 * templates). No key, no network, no tokens, no cost. Output is validated against the same schema a
 * model's output would be.
 */
export class LocalProvider implements LlmProvider {
  readonly name = 'local';

  async generate<T>(request: StructuredRequest<T>): Promise<StructuredResponse<T>> {
    request.signal?.throwIfAborted();
    const raw = await request.local();
    const parsed = request.schema.safeParse(raw);
    if (!parsed.success) {
      throw new LocalOutputError(`local ${request.agent} output failed its schema: ${errorMessage(parsed.error)}`);
    }
    return { data: parsed.data, provider: this.name, model: request.localModel, usage: { ...ZERO_USAGE }, costUsd: 0 };
  }

  async health(): Promise<ProviderHealth> {
    return { status: 'up', detail: 'offline provider, no network needed' };
  }
}
