import type { z } from 'zod';
import type { RedactionCounts } from '../schemas/redaction.schema.js';
import type { TokenUsage } from '../schemas/result.schema.js';
import type { AgentName } from '../schemas/taxonomy.schema.js';
import type { ModelOverrides } from './model-config.js';

export interface Prompt {
  /** Static instructions; never contains ticket text, so providers can cache it. */
  system: string;
  /** The ticket and context, as untrusted data inside delimiters. */
  user: string;
}

/** What an agent asks of a provider: structured output matching `schema`. */
export interface StructuredRequest<T> {
  agent: AgentName;
  /** Name of the output, used as the tool / JSON schema name. */
  schemaName: string;
  schema: z.ZodType<T>;
  /** Built only by providers that call a model. */
  prompt: () => Prompt;
  /** The offline computation; the local provider runs it, and it is the last fallback. */
  local: () => T | Promise<T>;
  /** Name of the offline method, reported as the model by the local provider. */
  localModel: string;
  signal?: AbortSignal;
  ticketId?: string;
  /** What the output is for, shown to the model as the tool description. */
  schemaDescription?: string;
  /** Per-request model settings (model, temperature, max tokens, timeout, variant) over the configured ones. */
  options?: ModelOverrides;
}

export interface StructuredResponse<T> {
  data: T;
  provider: string;
  model: string;
  usage: TokenUsage;
  costUsd: number;
  /** Set when the answer came from a provider further down the chain, with why. */
  degradedReason?: string;
  /** The provider's own request id (Anthropic request-id, OpenAI x-request-id). */
  requestId?: string;
  /** Personal data hidden from the provider, counted per kind (set by RedactingProvider). */
  redactions?: RedactionCounts;
  /** Filled in later by analytics decorators (PromptLayer), without making the ticket wait. */
  analytics?: { promptLayerRequestId?: string };
}

export interface ProviderHealth {
  status: 'up' | 'degraded' | 'down';
  detail?: string;
}

/** One interface for Claude, OpenAI-compatible servers and the offline local provider. */
export interface LlmProvider {
  readonly name: string;
  generate<T>(request: StructuredRequest<T>): Promise<StructuredResponse<T>>;
  health(): Promise<ProviderHealth>;
}

export const ZERO_USAGE: TokenUsage = Object.freeze({ input: 0, output: 0, cache_read: 0, cache_write: 0 });
