import type { Config } from '../config.js';
import type { Logger } from '../logger.js';
import { silentLogger } from '../logger.js';
import { AnthropicProvider } from './anthropic.provider.js';
import { CircuitBreakerProvider } from './circuit-breaker.provider.js';
import { FallbackChainProvider } from './fallback-chain.provider.js';
import type { LlmProvider } from './llm-provider.js';
import { LocalProvider } from './local.provider.js';
import { loadModelConfig, preferredProviders, type ModelConfig } from './model-config.js';
import type { ModelProviderDeps } from './model-provider.js';
import { OpenAiCompatibleProvider } from './openai-compatible.provider.js';
import { PriceTable } from './pricing.js';
import { promptLayerClient, PromptLayerProvider, type PromptLayerClient } from './promptlayer.provider.js';
import { DEFAULT_RETRY_POLICY, type RetryPolicy } from './retry.js';

export interface ProviderFactoryOptions {
  log?: Logger;
  /** Test seams: fast retries, a fake clock for the breaker, a PromptLayer client. */
  retry?: Partial<RetryPolicy>;
  now?: () => number;
  promptLayer?: PromptLayerClient;
  models?: ModelConfig;
  prices?: PriceTable;
  /** Wraps each model provider before logging and the breaker (PII redaction), so nothing downstream sees raw text. */
  wrapModel?: (provider: LlmProvider) => LlmProvider;
}

/**
 * Builds the provider the agents talk to from the configured chain: each remote provider wrapped in
 * `wrapModel` (PII redaction), PromptLayer logging (when a key is set) and a circuit breaker, in a fallback
 * chain that ends with local.
 * With only local configured, it is the bare LocalProvider.
 */
export function buildProviderChain(config: Config, opts: ProviderFactoryOptions = {}): LlmProvider {
  const log = opts.log ?? silentLogger;
  if (config.llm.chain.length === 1) return new LocalProvider();
  const deps: ModelProviderDeps = {
    models: opts.models ?? loadModelConfig(config.llm.modelsPath),
    prices: opts.prices ?? PriceTable.fromFile(config.llm.pricingPath, (model) => log.warn({ model }, 'no price for this model in the price table; its cost counts as 0')),
    retry: { ...DEFAULT_RETRY_POLICY, ...config.llm.retry, ...opts.retry },
    log: log.child({ module: 'llm' }),
  };
  const pl = config.llm.promptLayerApiKey
    ? (opts.promptLayer ?? promptLayerClient(config.llm.promptLayerApiKey, config.llm.promptLayer.baseUrl))
    : undefined;
  const links = config.llm.chain.map((name): LlmProvider => {
    if (name === 'local') return new LocalProvider();
    let p: LlmProvider =
      name === 'anthropic'
        ? new AnthropicProvider({ ...deps, apiKey: config.llm.anthropicApiKey!, baseURL: config.llm.anthropicBaseUrl })
        : new OpenAiCompatibleProvider({ ...deps, apiKey: config.llm.openaiApiKey!, baseURL: config.llm.openaiBaseUrl, structuredOutput: config.llm.openaiStructuredOutput });
    if (opts.wrapModel) p = opts.wrapModel(p);
    if (pl) p = new PromptLayerProvider(p, pl, { ...config.llm.promptLayer, log: deps.log, ...(opts.now ? { now: opts.now } : {}) });
    return new CircuitBreakerProvider(p, {
      ...config.llm.breaker,
      ...(opts.now ? { now: opts.now } : {}),
      onStateChange: (provider, state, reason) => log.warn({ provider, state, reason }, `circuit ${state}`),
    });
  });
  return new FallbackChainProvider(links, log.child({ module: 'llm-chain' }), (r) => preferredProviders(deps.models, r.agent, r.options));
}
