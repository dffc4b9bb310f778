import type { KnowledgeBase } from '../knowledge/knowledge-base.js';
import type { KnowledgeIndex } from '../knowledge/knowledge-index.js';
import { LexicalKnowledgeIndex } from '../knowledge/lexical.index.js';
import type { LlmProvider } from '../llm/llm-provider.js';
import { LocalProvider } from '../llm/local.provider.js';
import type { Logger } from '../logger.js';
import { ServiceMetrics } from '../metrics/service-metrics.js';
import type { CustomerProfile } from '../schemas/customer.schema.js';
import { EvaluatedPipeline } from './evaluated-pipeline.js';
import type { PromptLayerClient } from './promptlayer/promptlayer.client.js';
import { PromptLayerReporter } from './promptlayer/promptlayer.reporter.js';
import type { KnownCustomer } from './quality/quality-check.js';
import { QualityEvaluator } from './quality/quality-evaluator.js';
import type { ReplyJudge } from './quality/reply-judge.js';
import { SYSTEM_PROMPTS } from './quality/system-prompts.js';
import { DEFAULT_VARIANTS, type Variant, type VariantsFile } from './variants/variant.schema.js';
import { VariantRouter } from './variants/variant-router.js';
import {
  cachedFactory,
  lazy,
  type Pipeline,
  type PipelineFactory,
  type ResolvedVariant,
  resolveVariant,
  VariantUnavailableError,
} from './variants/variant-pipelines.js';

/** Optional evaluation parts; everything has an offline default. */
export interface EvaluationParts {
  variants?: VariantsFile;
  quality?: { minChars: number; maxChars: number };
  metrics?: ServiceMetrics;
  promptLayer?: PromptLayerClient;
  judge?: ReplyJudge;
  /** The provider a variant names. Default: the configured provider if its name matches, local for "local". */
  providerFor?: (variant: Variant) => LlmProvider;
  /** Extra retrieval modes (e.g. "hybrid") beside "default" (the configured index) and "bm25" (no boosts). */
  retrievalModes?: Record<string, () => KnowledgeIndex>;
}

export interface EvaluationDeps {
  router: VariantRouter;
  /** Runs tickets with variant assignment, quality checks, metrics and PromptLayer scores. */
  pipeline: EvaluatedPipeline;
  /** The bare orchestrator of a variant (no quality, no metrics). */
  pipelineFor: PipelineFactory;
  quality: QualityEvaluator;
  metrics: ServiceMetrics;
}

export interface EvaluationInputs {
  evaluation?: EvaluationParts | undefined;
  provider: LlmProvider;
  knowledgeIndex: KnowledgeIndex;
  knowledgeBase: KnowledgeBase;
  profiles: { get(id: string): Promise<CustomerProfile | undefined>; list?(): CustomerProfile[] };
  log: Logger;
}

function defaultProviderFor(configured: LlmProvider): (variant: Variant) => LlmProvider {
  const local = lazy(() => (configured.name === 'local' ? configured : new LocalProvider()));
  return (variant) => {
    if (variant.provider === undefined || configured.name === variant.provider) return configured;
    if (variant.provider === 'local') return local();
    throw new VariantUnavailableError(
      `variant "${variant.name}" needs the ${variant.provider} provider, which is not configured (the service runs ${configured.name})`,
    );
  };
}

/** Builds the A/B router, per-variant pipelines, quality evaluator, metrics and PromptLayer reporter. */
export function buildEvaluation(inputs: EvaluationInputs, buildOrchestrator: (resolved: ResolvedVariant) => Pipeline): EvaluationDeps {
  const ev = inputs.evaluation ?? {};
  const router = new VariantRouter(ev.variants ?? DEFAULT_VARIANTS);
  const metrics = ev.metrics ?? new ServiceMetrics();
  const customers: KnownCustomer[] = (inputs.profiles.list?.() ?? []).map((p) => ({ customer_id: p.customer_id, name: p.name, email: p.email }));
  const quality = new QualityEvaluator({
    settings: { ...(ev.quality ?? { minChars: 150, maxChars: 2500 }), systemPrompts: SYSTEM_PROMPTS, customers },
    judge: ev.judge,
    log: inputs.log.child({ module: 'quality' }),
  });
  const components = {
    retrievalModes: {
      default: () => inputs.knowledgeIndex,
      bm25: lazy(() => new LexicalKnowledgeIndex(inputs.knowledgeBase, { errorCodeBoost: 0, productBoost: 0 })),
      ...ev.retrievalModes,
    },
    providerFor: ev.providerFor ?? defaultProviderFor(inputs.provider),
  };
  const pipelineFor = cachedFactory((variant) => buildOrchestrator(resolveVariant(variant, components)));
  // Fail at start, not on the first unlucky ticket, when a live variant cannot be built.
  for (const name of [router.config.default, ...Object.keys(router.config.split)]) pipelineFor(router.get(name));
  const pipeline = new EvaluatedPipeline({
    router,
    pipelineFor,
    quality,
    profiles: inputs.profiles,
    articles: inputs.knowledgeBase,
    metrics,
    promptLayer: ev.promptLayer ? new PromptLayerReporter(ev.promptLayer, inputs.log.child({ module: 'promptlayer' })) : undefined,
    log: inputs.log.child({ module: 'evaluation' }),
  });
  return { router, pipeline, pipelineFor, quality, metrics };
}
