import type { LlmProvider, ProviderHealth, StructuredRequest, StructuredResponse } from './llm-provider.js';
import { CircuitOpenError, LlmError } from './llm.errors.js';

export interface BreakerOptions {
  /** Consecutive provider failures that open the circuit. */
  failureThreshold: number;
  /** How long the circuit stays open before one probe request is let through. */
  cooldownMs: number;
  now?: () => number;
  onStateChange?: (provider: string, state: BreakerState, reason?: string) => void;
}

export type BreakerState = 'closed' | 'open' | 'half_open';

/**
 * A decorator that stops calling a provider that keeps failing, then lets one probe through after the
 * cooldown: success closes the circuit, failure opens it again. Only failures that say the provider is
 * unhealthy count (timeouts, 429, 5xx, 529, dropped connections, auth); a caller's abort or a model's bad
 * output does not.
 */
export class CircuitBreakerProvider implements LlmProvider {
  private state: BreakerState = 'closed';
  private failures = 0;
  private openedAt = 0;
  private probing = false;
  private lastError: string | undefined;
  private readonly now: () => number;

  constructor(
    readonly inner: LlmProvider,
    private readonly options: BreakerOptions,
  ) {
    this.now = options.now ?? Date.now;
  }

  get name(): string {
    return this.inner.name;
  }

  get breakerState(): BreakerState {
    if (this.state === 'open' && this.now() - this.openedAt >= this.options.cooldownMs) return 'half_open';
    return this.state;
  }

  async generate<T>(request: StructuredRequest<T>): Promise<StructuredResponse<T>> {
    const state = this.breakerState;
    if (state === 'open' || (state === 'half_open' && this.probing)) {
      throw new CircuitOpenError(this.name, this.options.cooldownMs - (this.now() - this.openedAt));
    }
    const probe = state === 'half_open';
    if (probe) this.probing = true;
    try {
      const result = await this.inner.generate(request);
      this.onSuccess();
      return result;
    } catch (err) {
      if (err instanceof LlmError && err.countsAgainstProvider) this.onFailure(err.message, probe);
      else if (probe) this.probing = false;
      throw err;
    }
  }

  private onSuccess(): void {
    if (this.state !== 'closed') this.options.onStateChange?.(this.name, 'closed');
    this.state = 'closed';
    this.failures = 0;
    this.probing = false;
  }

  private onFailure(reason: string, probe: boolean): void {
    this.failures++;
    this.lastError = reason;
    this.probing = false;
    if (probe || this.failures >= this.options.failureThreshold) {
      if (this.state !== 'open' || probe) this.options.onStateChange?.(this.name, 'open', reason);
      this.state = 'open';
      this.openedAt = this.now();
    }
  }

  async health(): Promise<ProviderHealth> {
    const state = this.breakerState;
    if (state === 'closed') return this.inner.health();
    return { status: 'degraded', detail: `circuit ${state} after ${this.failures} failures: ${this.lastError ?? 'unknown'}` };
  }
}
