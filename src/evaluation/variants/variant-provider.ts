import type { LlmProvider, ProviderHealth, StructuredRequest, StructuredResponse } from '../../llm/llm-provider.js';
import { LocalProvider } from '../../llm/local.provider.js';
import type { Variant } from './variant.schema.js';
import { lazy, VariantUnavailableError } from './variant-pipelines.js';

type ProviderName = 'anthropic' | 'openai' | 'local';

/**
 * Carries a variant's choices to the provider layer as request options: its provider goes first in the
 * chain, its model and temperature override the per-agent defaults, and its name tags the analytics.
 */
export class VariantOptionsProvider implements LlmProvider {
  constructor(
    private readonly inner: LlmProvider,
    private readonly variant: Variant,
  ) {}

  get name(): string {
    return this.inner.name;
  }

  generate<T>(request: StructuredRequest<T>): Promise<StructuredResponse<T>> {
    const v = this.variant;
    return this.inner.generate({
      ...request,
      options: {
        ...request.options,
        variant: v.name,
        ...(v.provider && v.provider !== 'local' ? { provider: v.provider } : {}),
        ...(v.model ? { model: v.model } : {}),
        ...(v.temperature !== undefined ? { temperature: v.temperature } : {}),
      },
    });
  }

  health(): Promise<ProviderHealth> {
    return this.inner.health();
  }
}

/**
 * The provider for each variant over the configured chain. A variant may name any provider of the chain;
 * "local" runs offline whatever the chain; a provider without a key is a configuration error, said at once.
 */
export function variantProviderFor(configured: LlmProvider, chain: readonly ProviderName[]): (variant: Variant) => LlmProvider {
  const local = lazy(() => new LocalProvider());
  return (variant) => {
    if (variant.provider === 'local') return local();
    if (variant.provider && !chain.includes(variant.provider)) {
      throw new VariantUnavailableError(
        `variant "${variant.name}" needs the ${variant.provider} provider, which is not configured (chain: ${chain.join(' → ')})`,
      );
    }
    return new VariantOptionsProvider(configured, variant);
  };
}
