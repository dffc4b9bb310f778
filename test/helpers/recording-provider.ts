import type {
  LlmProvider,
  Prompt,
  ProviderHealth,
  StructuredRequest,
  StructuredResponse,
} from '../../src/llm/llm-provider.js';
import { ZERO_USAGE } from '../../src/llm/llm-provider.js';

export interface Received extends Prompt {
  agent: string;
}

/**
 * A stand-in for a model provider: builds the prompt as a real one would, records exactly what would have
 * left the process, and answers with the agent's offline output (optionally edited, as a model might).
 */
export class RecordingProvider implements LlmProvider {
  readonly name = 'recording';
  readonly received: Received[] = [];

  constructor(
    private readonly edit: (agent: string, data: unknown, prompt: Prompt) => unknown = (_a, d) => d,
  ) {}

  async generate<T>(request: StructuredRequest<T>): Promise<StructuredResponse<T>> {
    const prompt = request.prompt();
    this.received.push({ agent: request.agent, ...prompt });
    const data = this.edit(request.agent, await request.local(), prompt) as T;
    return { data, provider: this.name, model: 'recorder-1', usage: { ...ZERO_USAGE }, costUsd: 0 };
  }

  async health(): Promise<ProviderHealth> {
    return { status: 'up' };
  }
}

/**
 * Wraps a provider so that each call waits at a gate the test opens: deterministic "held" requests for
 * load-shedding and shutdown tests. `entered` resolves when the n-th call reaches the gate.
 */
export class GatedProvider implements LlmProvider {
  private opened = false;
  private waiters: (() => void)[] = [];
  private arrivals: (() => void)[] = [];
  calls = 0;

  constructor(
    private readonly inner: LlmProvider,
    private readonly agents: readonly string[] = ['analyzer'],
  ) {}

  get name(): string {
    return this.inner.name;
  }

  /** Resolves once `n` calls have reached the gate. */
  entered(n = 1): Promise<void> {
    if (this.calls >= n) return Promise.resolve();
    return new Promise((resolve) => this.arrivals.push(() => this.calls >= n && resolve()));
  }

  open(): void {
    this.opened = true;
    for (const w of this.waiters.splice(0)) w();
  }

  async generate<T>(request: StructuredRequest<T>): Promise<StructuredResponse<T>> {
    if (this.agents.includes(request.agent) && !this.opened) {
      this.calls++;
      for (const a of this.arrivals) a();
      await new Promise<void>((resolve, reject) => {
        this.waiters.push(resolve);
        request.signal?.addEventListener('abort', () => reject(request.signal?.reason), { once: true });
      });
    }
    return this.inner.generate(request);
  }

  health(): Promise<ProviderHealth> {
    return this.inner.health();
  }
}
