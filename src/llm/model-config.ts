import { readFileSync } from 'node:fs';
import { z } from 'zod';
import { AGENT_NAMES, type AgentName } from '../schemas/taxonomy.schema.js';

export const MODEL_PROVIDERS = ['anthropic', 'openai'] as const;
export type ModelProviderName = (typeof MODEL_PROVIDERS)[number];

export const EFFORTS = ['low', 'medium', 'high', 'xhigh', 'max'] as const;

/** What one agent asks of one model provider. The same shape carries per-request overrides (A/B variants). */
export const AgentModelOptionsSchema = z.object({
  model: z.string().min(1),
  temperature: z.number().min(0).max(2).optional(),
  max_tokens: z.number().int().positive(),
  /** Budget for this provider, retries and the repair request included, before the chain moves on. */
  timeout_ms: z.number().int().positive(),
  effort: z.enum(EFFORTS).optional(),
});
export type AgentModelOptions = z.infer<typeof AgentModelOptionsSchema>;

/** Overrides a request may carry: a variant names the provider it targets, so a fallback provider keeps its own model. */
export interface ModelOverrides extends Partial<AgentModelOptions> {
  provider?: ModelProviderName;
  /** A/B variant or prompt version, reported in analytics tags. */
  variant?: string;
}

export const ModelCapabilitiesSchema = z.object({
  class: z.string().optional(),
  /** tool_choice {type: "tool"} (Anthropic) or a named function (OpenAI); false asks with tool_choice auto. */
  forced_tool_choice: z.boolean().default(true),
  /** Whether temperature may be sent (Claude 5.5 and GPT-5 models reject non-default sampling). */
  sampling_params: z.boolean().default(true),
  effort: z.boolean().default(false),
  max_tokens_param: z.enum(['max_tokens', 'max_completion_tokens']).default('max_tokens'),
});
export type ModelCapabilities = z.infer<typeof ModelCapabilitiesSchema>;

const PerProviderSchema = z.object({
  /** This agent's provider order, before the configured chain's (e.g. status on openai first). */
  providers: z.array(z.enum(MODEL_PROVIDERS)).optional(),
  anthropic: AgentModelOptionsSchema,
  openai: AgentModelOptionsSchema,
});

export const ModelConfigSchema = z.object({
  agents: z.object(Object.fromEntries(AGENT_NAMES.map((a) => [a, PerProviderSchema])) as Record<AgentName, typeof PerProviderSchema>),
  models: z.record(z.string(), ModelCapabilitiesSchema).default({}),
});
export type ModelConfig = z.infer<typeof ModelConfigSchema>;

export function loadModelConfig(path: string): ModelConfig {
  const parsed = ModelConfigSchema.safeParse(JSON.parse(readFileSync(path, 'utf8')));
  if (!parsed.success) {
    throw new Error(`${path}: ${parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ')}`);
  }
  return parsed.data;
}

const UNKNOWN_MODEL: ModelCapabilities = ModelCapabilitiesSchema.parse({});

/** Per-agent options for one provider, with a request's overrides applied when they target this provider. */
export function resolveAgentOptions(
  config: ModelConfig,
  provider: ModelProviderName,
  agent: AgentName,
  overrides: ModelOverrides | undefined,
): AgentModelOptions & { capabilities: ModelCapabilities } {
  const base = config.agents[agent][provider];
  const applies = overrides && (overrides.provider === undefined || overrides.provider === provider);
  const { provider: _p, variant: _v, ...o } = applies ? overrides : {};
  const merged = { ...base, ...Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined)) } as AgentModelOptions;
  return { ...merged, capabilities: config.models[merged.model] ?? UNKNOWN_MODEL };
}

/** The providers an agent prefers, first the one a request's overrides name, then the agent's configured order. */
export function preferredProviders(config: ModelConfig, agent: AgentName, overrides: ModelOverrides | undefined): string[] {
  return [...new Set([...(overrides?.provider ? [overrides.provider] : []), ...(config.agents[agent].providers ?? [])])];
}
