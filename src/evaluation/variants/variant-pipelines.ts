import { AppError } from '../../errors.js';
import type { KnowledgeIndex } from '../../knowledge/knowledge-index.js';
import type { LlmProvider } from '../../llm/llm-provider.js';
import type { SynthesisStyle } from '../../orchestrator/agents/synthesis.agent.js';
import type { Orchestrator } from '../../orchestrator/orchestrator.js';
import { PROMPT_VERSIONS } from './prompt-versions.js';
import { TunedKnowledgeIndex } from './tuned.index.js';
import type { Variant } from './variant.schema.js';

/** What runs a ticket: the orchestrator, or anything with its `process`. */
export type Pipeline = Pick<Orchestrator, 'process'>;
/** Builds the pipeline of a variant; `eval ab` takes one so it can run any two variants. */
export type PipelineFactory = (variant: Variant) => Pipeline;

/** A variant names something this build cannot provide (a provider without a key, an unknown mode). */
export class VariantUnavailableError extends AppError {
  constructor(message: string) {
    super('variant_unavailable', 400, message);
  }
}

export interface VariantComponents {
  /** Knowledge indexes by retrieval mode; built on first use. */
  retrievalModes: Readonly<Record<string, () => KnowledgeIndex>>;
  /** The provider a variant asks for (its model and temperature are the provider layer's to apply). */
  providerFor: (variant: Variant) => LlmProvider;
  promptVersions?: Readonly<Record<string, SynthesisStyle>>;
}

export interface ResolvedVariant {
  knowledgeIndex: KnowledgeIndex;
  synthesisStyle: SynthesisStyle;
  provider: LlmProvider;
}

/** Turns a variant's settings into the pieces an orchestrator is built from, or says what is missing. */
export function resolveVariant(variant: Variant, components: VariantComponents): ResolvedVariant {
  const versions = components.promptVersions ?? PROMPT_VERSIONS;
  const synthesisStyle = versions[variant.prompt_version];
  if (!synthesisStyle) {
    throw new VariantUnavailableError(
      `variant "${variant.name}": prompt version "${variant.prompt_version}" is unknown (known: ${Object.keys(versions).join(', ')})`,
    );
  }
  const mode = components.retrievalModes[variant.retrieval.mode];
  if (!mode) {
    throw new VariantUnavailableError(
      `variant "${variant.name}": retrieval mode "${variant.retrieval.mode}" is not available (available: ${Object.keys(components.retrievalModes).join(', ')})`,
    );
  }
  return {
    knowledgeIndex: new TunedKnowledgeIndex(mode(), { k: variant.retrieval.k, minScore: variant.retrieval.min_score }),
    synthesisStyle,
    provider: components.providerFor(variant),
  };
}

/** Builds each variant's pipeline once and reuses it. */
export function cachedFactory(build: PipelineFactory): PipelineFactory {
  const cache = new Map<string, Pipeline>();
  return (variant) => {
    let p = cache.get(variant.name);
    if (!p) {
      p = build(variant);
      cache.set(variant.name, p);
    }
    return p;
  };
}

/** Memoises a builder so a retrieval mode's index is built once, on first use. */
export function lazy<T>(build: () => T): () => T {
  let value: T | undefined;
  return () => (value ??= build());
}
