import type { LlmProvider, StructuredRequest, StructuredResponse } from '../../src/llm/llm-provider.js';
import { LocalProvider } from '../../src/llm/local.provider.js';

/**
 * A stand-in for a model provider: the local answers, with the tokens, cost and PromptLayer request id a
 * model call would report, so metrics and PromptLayer code see what they will see in production.
 */
export class CostingProvider implements LlmProvider {
  readonly name = 'fake-model';
  private readonly local = new LocalProvider();
  calls = 0;

  async generate<T>(request: StructuredRequest<T>): Promise<StructuredResponse<T>> {
    const r = await this.local.generate(request);
    this.calls++;
    return { ...r, provider: this.name, model: 'fake-1', usage: { input: 100, output: 20, cache_read: 0, cache_write: 0 }, costUsd: 0.0015, requestId: `pl-${this.calls}` };
  }

  health() {
    return this.local.health();
  }
}
