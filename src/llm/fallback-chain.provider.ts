import { errorMessage } from '../errors.js';
import type { Logger } from '../logger.js';
import type { LlmProvider, ProviderHealth, StructuredRequest, StructuredResponse } from './llm-provider.js';
import { LlmError } from './llm.errors.js';

/**
 * A provider made of providers: tries each in order (for example anthropic → openai → local) and answers
 * with the first that succeeds. An answer from further down the chain carries degradedReason, naming why
 * each earlier provider was skipped, so the ticket says `degraded: true` with the reason per agent.
 * Decorators (breaker, analytics, redaction) wrap the links or the whole chain; all are LlmProviders.
 */
export class FallbackChainProvider implements LlmProvider {
  constructor(
    readonly providers: readonly LlmProvider[],
    private readonly log: Logger,
    /** Provider names an agent (or a request's overrides) wants tried first; the rest keep the chain's order. */
    private readonly preferred: (request: StructuredRequest<unknown>) => string[] = () => [],
  ) {
    if (providers.length === 0) throw new Error('a provider chain needs at least one provider');
  }

  get name(): string {
    return this.providers[0]!.name;
  }

  /** The chain as configured, e.g. "anthropic>openai>local". */
  get description(): string {
    return this.providers.map((p) => p.name).join('>');
  }

  async generate<T>(request: StructuredRequest<T>): Promise<StructuredResponse<T>> {
    const skipped: string[] = [];
    for (const provider of this.order(request as StructuredRequest<unknown>)) {
      request.signal?.throwIfAborted();
      try {
        const result = await provider.generate(request);
        if (skipped.length === 0) return result;
        return { ...result, degradedReason: `${skipped.join('; ')}; answered by ${provider.name}` };
      } catch (err) {
        if (request.signal?.aborted) throw err;
        skipped.push(errorMessage(err));
        this.log.warn(
          { agent: request.agent, ticketId: request.ticketId, provider: provider.name, kind: err instanceof LlmError ? err.kind : 'error', reason: errorMessage(err) },
          'provider failed; trying the next in the chain',
        );
      }
    }
    throw new LlmError(this.name, 'server_error', `every provider in the chain failed: ${skipped.join('; ')}`);
  }

  private order(request: StructuredRequest<unknown>): readonly LlmProvider[] {
    const first = this.preferred(request);
    if (first.length === 0) return this.providers;
    const rank = (p: LlmProvider) => (first.includes(p.name) ? first.indexOf(p.name) : first.length);
    return [...this.providers].sort((a, b) => rank(a) - rank(b));
  }

  async health(): Promise<ProviderHealth> {
    const checks = await Promise.all(this.providers.map(async (p) => ({ name: p.name, h: await p.health().catch((e) => ({ status: 'down' as const, detail: errorMessage(e) })) })));
    const detail = checks.map((c) => `${c.name}: ${c.h.status}${c.h.detail ? ` (${c.h.detail})` : ''}`).join('; ');
    const first = checks[0]!.h.status;
    const status = first === 'up' ? 'up' : checks.some((c) => c.h.status === 'up') ? 'degraded' : 'down';
    return { status, detail };
  }
}
