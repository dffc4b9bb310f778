import { z } from 'zod';
import { PII_KINDS, PiiKindSchema, type PiiKind } from './schemas/redaction.schema.js';
import { parseApiKeys, type ApiKeyEntry } from './security/api-keys.js';

const blankToUndefined = (v: unknown) => (typeof v === 'string' && v.trim() === '' ? undefined : v);
const optionalString = z.preprocess(blankToUndefined, z.string().optional());
const int = (def: number, min = 0, max = Number.MAX_SAFE_INTEGER) =>
  z.preprocess(blankToUndefined, z.coerce.number().int().min(min).max(max).default(def));
const bool = (def: boolean) =>
  z.preprocess(
    blankToUndefined,
    z
      .enum(['true', 'false', '1', '0', 'yes', 'no'])
      .default(def ? 'true' : 'false')
      .transform((v) => v === 'true' || v === '1' || v === 'yes'),
  );

/** Every environment variable the service reads. Nothing else reads process.env. */
export const EnvSchema = z.object({
  NODE_ENV: z.preprocess(blankToUndefined, z.enum(['development', 'production', 'test']).default('development')),
  PORT: int(3000, 0, 65535),
  HOST: z.preprocess(blankToUndefined, z.string().default('0.0.0.0')),
  LOG_LEVEL: z.preprocess(
    blankToUndefined,
    z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  ),
  DATABASE_URL: z.preprocess(
    blankToUndefined,
    z
      .string()
      .default('sqlite:data/tickets.db')
      .refine((v) => /^(sqlite:|postgres(ql)?:\/\/)/.test(v), 'must start with sqlite: or postgres://'),
  ),
  STATUS_API_URL: z.preprocess(blankToUndefined, z.url().optional()),
  STATUS_CACHE_TTL_SECONDS: int(300, 0),
  STATUS_TIMEOUT_MS: int(2000, 1),
  MOCK_STATUS_PORT: int(0, 0, 65535),
  KNOWLEDGE_BASE_PATH: z.preprocess(blankToUndefined, z.string().default('data/knowledge_base/articles.json')),
  CUSTOMER_PROFILES_PATH: z.preprocess(blankToUndefined, z.string().default('data/customer_profiles/profiles.json')),
  STATUS_FIXTURES_DIR: z.preprocess(blankToUndefined, z.string().default('data/status')),
  PRODUCT_CATALOG_PATH: z.preprocess(blankToUndefined, z.string().default('data/catalog/products.json')),
  ANTHROPIC_API_KEY: optionalString,
  OPENAI_API_KEY: optionalString,
  PROMPTLAYER_API_KEY: optionalString,
  LLM_PROVIDER: z.preprocess(blankToUndefined, z.enum(['auto', 'anthropic', 'openai', 'local']).default('auto')),
  ANTHROPIC_BASE_URL: z.preprocess(blankToUndefined, z.url().optional()),
  OPENAI_BASE_URL: z.preprocess(blankToUndefined, z.url().optional()),
  OPENAI_STRUCTURED_OUTPUT: z.preprocess(blankToUndefined, z.enum(['auto', 'json_schema', 'tools']).default('auto')),
  LLM_CHAIN: z.preprocess(
    blankToUndefined,
    z
      .string()
      .regex(/^(anthropic|openai|local)(\s*,\s*(anthropic|openai|local))*$/, 'must list anthropic, openai and local, comma-separated')
      .optional(),
  ),
  LLM_MODELS_PATH: z.preprocess(blankToUndefined, z.string().default('config/models.json')),
  LLM_PRICING_PATH: z.preprocess(blankToUndefined, z.string().default('data/pricing.json')),
  LLM_MAX_RETRIES: int(2, 0, 10),
  LLM_RETRY_BASE_MS: int(500, 0),
  LLM_RETRY_MAX_MS: int(8000, 0),
  LLM_BREAKER_FAILURES: int(5, 1),
  LLM_BREAKER_COOLDOWN_MS: int(30_000, 0),
  PROMPTLAYER_BASE_URL: z.preprocess(blankToUndefined, z.url().optional()),
  PROMPTLAYER_TIMEOUT_MS: int(5000, 1),
  PROMPTLAYER_MAX_PENDING: int(200, 1),
  PIPELINE_MODE: z.preprocess(blankToUndefined, z.enum(['speculative', 'prefetch', 'sequential']).default('speculative')),
  AGENT_TIMEOUT_MS: int(30_000, 1),
  MAX_CONCURRENT_REQUESTS: int(64, 1),
  RATE_LIMIT_PER_MINUTE: int(600, 0),
  MAX_SUBJECT_LENGTH: int(500, 1),
  MAX_BODY_LENGTH: int(20_000, 1),
  BODY_LIMIT_BYTES: int(1_048_576, 1024),
  RECOVER_ON_START: bool(true),
  VARIANTS_FILE: z.preprocess(blankToUndefined, z.string().default('data/eval/variants.json')),
  QUALITY_MIN_CHARS: int(150, 0),
  QUALITY_MAX_CHARS: int(2500, 1),
  RUN_WORKER: bool(true),
  WORKER_CONCURRENCY: int(2, 1, 64),
  WORKER_POLL_INTERVAL_MS: int(1000, 10),
  QUEUE_MAX_ATTEMPTS: int(3, 1, 100),
  QUEUE_RETRY_DELAY_MS: int(1000, 0),
  QUEUE_RETRY_MAX_DELAY_MS: int(60_000, 0),
  QUEUE_LEASE_MS: int(30_000, 100),
  QUEUE_JOB_EXPIRE_SECONDS: int(300, 1),
  QUEUE_MAINTENANCE_SECONDS: int(30, 1),
  WEBHOOK_SECRET: optionalString,
  WEBHOOK_MAX_ATTEMPTS: int(5, 1, 20),
  WEBHOOK_RETRY_DELAY_MS: int(1000, 0),
  WEBHOOK_TIMEOUT_MS: int(5000, 1),
  WEBHOOK_ALLOW_PRIVATE_TARGETS: z.preprocess(blankToUndefined, z.enum(['true', 'false', '1', '0', 'yes', 'no']).optional()),
  // Human review: the policy, the SLA per tier, and where staff events (ticket.reviewed, ticket.escalated) go.
  REVIEW_POLICY_PATH: z.preprocess(blankToUndefined, z.string().default('config/review-policy.json')),
  SLA_CONFIG_PATH: z.preprocess(blankToUndefined, z.string().default('config/sla.json')),
  STAFF_WEBHOOK_URL: z.preprocess(blankToUndefined, z.url({ protocol: /^https?$/, error: 'must be an http(s) URL' }).optional()),
  // Safety: API keys, rate limits, load shedding, PII redaction, CORS, shutdown.
  API_KEYS: optionalString,
  REQUIRE_API_KEYS: z.preprocess(blankToUndefined, z.enum(['true', 'false', '1', '0', 'yes', 'no']).optional()),
  REDIS_URL: z.preprocess(blankToUndefined, z.string().regex(/^rediss?:\/\//, 'must start with redis:// or rediss://').optional()),
  MAX_QUEUED_REQUESTS: int(64, 0),
  REQUEST_QUEUE_TIMEOUT_MS: int(5000, 0),
  MAX_EVENT_LOOP_DELAY_MS: int(1000, 0),
  MAX_HEAP_USED_BYTES: int(0, 0),
  MAX_RSS_BYTES: int(0, 0),
  REQUEST_TIMEOUT_MS: int(30_000, 0),
  SHUTDOWN_TIMEOUT_MS: int(20_000, 0),
  PII_REDACTION: bool(true),
  PII_REDACTION_KINDS: z.preprocess(
    blankToUndefined,
    z
      .string()
      .default(PII_KINDS.join(','))
      .transform((v) => v.split(',').map((k) => k.trim()).filter(Boolean))
      .pipe(z.array(PiiKindSchema)),
  ),
  CORS_ORIGINS: optionalString,
  ANALYZER_CATEGORY_MODEL: z.preprocess(blankToUndefined, z.string().default('data/models/category.json')),
  ANALYZER_INTENT_MODEL: z.preprocess(blankToUndefined, z.string().default('data/models/intent.json')),
  ANALYZER_SENTIMENT_MODEL: z.preprocess(blankToUndefined, z.string().default('data/models/sentiment.json')),
  ANALYZER_PRIORITY_MODEL: z.preprocess(blankToUndefined, z.string().default('none')),
  ANALYZER_REVIEW_THRESHOLD: z.preprocess(blankToUndefined, z.coerce.number().min(0).max(1).default(0.4)),
  ANALYZER_EXAMPLES_PATH: z.preprocess(blankToUndefined, z.string().default('data/training/train.csv')),
  KNOWLEDGE_INDEX: z.preprocess(blankToUndefined, z.enum(['hybrid', 'dense', 'lexical']).default('hybrid')),
  EMBEDDER: z.preprocess(blankToUndefined, z.enum(['local', 'openai']).default('local')),
  CACHE_DIR: z.preprocess(blankToUndefined, z.string().default('data/cache')),
  HNSW_M: int(24, 2, 200),
  HNSW_EF_CONSTRUCTION: int(100, 1),
  HNSW_EF_SEARCH: int(64, 1),
  QUERY_EMBEDDING_CACHE_SIZE: int(1000, 1),
  OPENAI_EMBEDDING_MODEL: z.preprocess(blankToUndefined, z.string().default('text-embedding-3-small')),
  OPENAI_EMBEDDING_DIMENSIONS: z.preprocess(blankToUndefined, z.coerce.number().int().min(1).optional()),
  EMBEDDING_BATCH_SIZE: int(64, 1, 2048),
  EMBEDDING_MAX_RETRIES: int(3, 0, 10),
  EMBEDDING_TIMEOUT_MS: int(30_000, 1),
});
export type Env = z.infer<typeof EnvSchema>;

export interface Config {
  env: Env['NODE_ENV'];
  server: { host: string; port: number; bodyLimitBytes: number; requestTimeoutMs: number; shutdownTimeoutMs: number };
  logLevel: Env['LOG_LEVEL'];
  databaseUrl: string;
  status: { apiUrl: string | undefined; cacheTtlSeconds: number; timeoutMs: number; mockPort: number; fixturesDir: string };
  paths: { knowledgeBase: string; customerProfiles: string; productCatalog: string };
  llm: {
    provider: 'anthropic' | 'openai' | 'local';
    anthropicApiKey: string | undefined;
    openaiApiKey: string | undefined;
    promptLayerApiKey: string | undefined;
    /** Providers tried in order for each agent; local is always last. */
    chain: ('anthropic' | 'openai' | 'local')[];
    anthropicBaseUrl: string | undefined;
    openaiBaseUrl: string | undefined;
    openaiStructuredOutput: 'auto' | 'json_schema' | 'tools';
    modelsPath: string;
    pricingPath: string;
    retry: { maxRetries: number; baseDelayMs: number; maxDelayMs: number };
    breaker: { failureThreshold: number; cooldownMs: number };
    promptLayer: { baseUrl: string | undefined; timeoutMs: number; maxPending: number };
  };
  pipelineMode: 'speculative' | 'prefetch' | 'sequential';
  agentTimeoutMs: number;
  limits: {
    maxConcurrentRequests: number;
    rateLimitPerMinute: number;
    maxSubjectLength: number;
    maxBodyLength: number;
    maxQueuedRequests: number;
    queueTimeoutMs: number;
    /** Process-level pressure thresholds (0 = off), sampled every sampleIntervalMs. */
    pressure: { maxEventLoopDelayMs: number; maxHeapUsedBytes: number; maxRssBytes: number; sampleIntervalMs: number };
  };
  recoverOnStart: boolean;
  evaluation: {
    variantsFile: string;
    quality: { minChars: number; maxChars: number };
    promptLayerBaseUrl: string;
  };
  queue: {
    runWorker: boolean;
    concurrency: number;
    pollIntervalMs: number;
    maxAttempts: number;
    retryDelayMs: number;
    retryMaxDelayMs: number;
    leaseMs: number;
    jobExpireSeconds: number;
    maintenanceSeconds: number;
  };
  webhooks: {
    secret: string | undefined;
    maxAttempts: number;
    retryDelayMs: number;
    timeoutMs: number;
    /** Whether callback_url may point into private, loopback or link-local networks (off in production). */
    allowPrivateTargets: boolean;
  };
  /** API keys (hashes only); `required` refuses to start without any. */
  auth: { apiKeys: ApiKeyEntry[]; required: boolean };
  /** Shared store for rate limits across replicas; unset keeps counters in memory. */
  redisUrl: string | undefined;
  privacy: { redaction: boolean; kinds: PiiKind[] };
  /** Origins allowed by CORS; empty means no CORS headers at all. */
  cors: { origins: string[] };
  analyzer: {
    /** Model files per field; undefined means that field uses the rules only. */
    models: { category?: string; intent?: string; sentiment?: string; priority?: string };
    reviewThreshold: number;
    /** Labelled tickets retrieved as few-shot examples for a model provider. */
    examplesPath: string | undefined;
  };
  knowledge: KnowledgeConfig;
  /** Review policy and SLA files; staff events are POSTed to staffWebhookUrl, signed with the webhook secret. */
  review: { policyPath: string; slaPath: string; staffWebhookUrl: string | undefined };
}

export interface KnowledgeConfig {
  index: 'hybrid' | 'dense' | 'lexical';
  embedder: 'local' | 'openai';
  cacheDir: string;
  hnsw: { m: number; efConstruction: number; efSearch: number };
  queryCacheSize: number;
  openai: {
    apiKey: string | undefined;
    baseUrl: string | undefined;
    model: string;
    dimensions: number | undefined;
    batchSize: number;
    maxRetries: number;
    timeoutMs: number;
  };
}

/** "none" or "off" turns a model or file off. */
const pathOrOff = (v: string): string | undefined => (/^(none|off)$/i.test(v) ? undefined : v);

export class ConfigError extends Error {
  constructor(readonly problems: string[]) {
    super(`Invalid configuration:\n${problems.map((p) => `  - ${p}`).join('\n')}`);
    this.name = 'ConfigError';
  }
}

/** Parses the environment once; throws ConfigError naming every bad variable. */
export function loadConfig(env: Record<string, string | undefined> = process.env): Config {
  const parsed = EnvSchema.safeParse(env);
  if (!parsed.success) {
    throw new ConfigError(
      parsed.error.issues.map((i) => {
        const name = i.path.join('.');
        const value = env[name];
        const shown = value === undefined || /KEY|SECRET|TOKEN/.test(name) ? '' : ` (got "${value}")`;
        return `${name}: ${i.message}${shown}`;
      }),
    );
  }
  const e = parsed.data;
  const auth = loadAuth(e);
  return {
    env: e.NODE_ENV,
    server: {
      host: e.HOST,
      port: e.PORT,
      bodyLimitBytes: e.BODY_LIMIT_BYTES,
      requestTimeoutMs: e.REQUEST_TIMEOUT_MS,
      shutdownTimeoutMs: e.SHUTDOWN_TIMEOUT_MS,
    },
    logLevel: e.LOG_LEVEL,
    databaseUrl: e.DATABASE_URL,
    status: {
      apiUrl: e.STATUS_API_URL,
      cacheTtlSeconds: e.STATUS_CACHE_TTL_SECONDS,
      timeoutMs: e.STATUS_TIMEOUT_MS,
      mockPort: e.MOCK_STATUS_PORT,
      fixturesDir: e.STATUS_FIXTURES_DIR,
    },
    paths: { knowledgeBase: e.KNOWLEDGE_BASE_PATH, customerProfiles: e.CUSTOMER_PROFILES_PATH, productCatalog: e.PRODUCT_CATALOG_PATH },
    llm: {
      provider: resolveProvider(e),
      anthropicApiKey: e.ANTHROPIC_API_KEY,
      openaiApiKey: e.OPENAI_API_KEY,
      promptLayerApiKey: e.PROMPTLAYER_API_KEY,
      chain: resolveChain(e),
      anthropicBaseUrl: e.ANTHROPIC_BASE_URL,
      openaiBaseUrl: e.OPENAI_BASE_URL,
      openaiStructuredOutput: e.OPENAI_STRUCTURED_OUTPUT,
      modelsPath: e.LLM_MODELS_PATH,
      pricingPath: e.LLM_PRICING_PATH,
      retry: { maxRetries: e.LLM_MAX_RETRIES, baseDelayMs: e.LLM_RETRY_BASE_MS, maxDelayMs: e.LLM_RETRY_MAX_MS },
      breaker: { failureThreshold: e.LLM_BREAKER_FAILURES, cooldownMs: e.LLM_BREAKER_COOLDOWN_MS },
      promptLayer: { baseUrl: e.PROMPTLAYER_BASE_URL, timeoutMs: e.PROMPTLAYER_TIMEOUT_MS, maxPending: e.PROMPTLAYER_MAX_PENDING },
    },
    pipelineMode: e.PIPELINE_MODE,
    agentTimeoutMs: e.AGENT_TIMEOUT_MS,
    limits: {
      maxConcurrentRequests: e.MAX_CONCURRENT_REQUESTS,
      rateLimitPerMinute: e.RATE_LIMIT_PER_MINUTE,
      maxSubjectLength: e.MAX_SUBJECT_LENGTH,
      maxBodyLength: e.MAX_BODY_LENGTH,
      maxQueuedRequests: e.MAX_QUEUED_REQUESTS,
      queueTimeoutMs: e.REQUEST_QUEUE_TIMEOUT_MS,
      pressure: {
        maxEventLoopDelayMs: e.MAX_EVENT_LOOP_DELAY_MS,
        maxHeapUsedBytes: e.MAX_HEAP_USED_BYTES,
        maxRssBytes: e.MAX_RSS_BYTES,
        sampleIntervalMs: 1000,
      },
    },
    recoverOnStart: e.RECOVER_ON_START,
    evaluation: {
      variantsFile: e.VARIANTS_FILE,
      quality: { minChars: e.QUALITY_MIN_CHARS, maxChars: e.QUALITY_MAX_CHARS },
      promptLayerBaseUrl: e.PROMPTLAYER_BASE_URL ?? 'https://api.promptlayer.com',
    },
    queue: {
      runWorker: e.RUN_WORKER,
      concurrency: e.WORKER_CONCURRENCY,
      pollIntervalMs: e.WORKER_POLL_INTERVAL_MS,
      maxAttempts: e.QUEUE_MAX_ATTEMPTS,
      retryDelayMs: e.QUEUE_RETRY_DELAY_MS,
      retryMaxDelayMs: e.QUEUE_RETRY_MAX_DELAY_MS,
      leaseMs: e.QUEUE_LEASE_MS,
      jobExpireSeconds: e.QUEUE_JOB_EXPIRE_SECONDS,
      maintenanceSeconds: e.QUEUE_MAINTENANCE_SECONDS,
    },
    webhooks: {
      secret: e.WEBHOOK_SECRET,
      maxAttempts: e.WEBHOOK_MAX_ATTEMPTS,
      retryDelayMs: e.WEBHOOK_RETRY_DELAY_MS,
      timeoutMs: e.WEBHOOK_TIMEOUT_MS,
      allowPrivateTargets:
        e.WEBHOOK_ALLOW_PRIVATE_TARGETS === undefined
          ? e.NODE_ENV !== 'production'
          : ['true', '1', 'yes'].includes(e.WEBHOOK_ALLOW_PRIVATE_TARGETS),
    },
    auth,
    redisUrl: e.REDIS_URL,
    privacy: { redaction: e.PII_REDACTION, kinds: e.PII_REDACTION_KINDS },
    cors: { origins: (e.CORS_ORIGINS ?? '').split(',').map((o) => o.trim()).filter(Boolean) },
    analyzer: {
      models: Object.fromEntries(
        (
          [
            ['category', e.ANALYZER_CATEGORY_MODEL],
            ['intent', e.ANALYZER_INTENT_MODEL],
            ['sentiment', e.ANALYZER_SENTIMENT_MODEL],
            ['priority', e.ANALYZER_PRIORITY_MODEL],
          ] as const
        ).flatMap(([k, v]) => (pathOrOff(v) ? [[k, v]] : [])),
      ),
      reviewThreshold: e.ANALYZER_REVIEW_THRESHOLD,
      examplesPath: pathOrOff(e.ANALYZER_EXAMPLES_PATH),
    },
    knowledge: {
      index: e.KNOWLEDGE_INDEX,
      embedder: e.EMBEDDER,
      cacheDir: e.CACHE_DIR,
      hnsw: { m: e.HNSW_M, efConstruction: e.HNSW_EF_CONSTRUCTION, efSearch: e.HNSW_EF_SEARCH },
      queryCacheSize: e.QUERY_EMBEDDING_CACHE_SIZE,
      openai: {
        apiKey: e.OPENAI_API_KEY,
        baseUrl: e.OPENAI_BASE_URL,
        model: e.OPENAI_EMBEDDING_MODEL,
        dimensions: e.OPENAI_EMBEDDING_DIMENSIONS,
        batchSize: e.EMBEDDING_BATCH_SIZE,
        maxRetries: e.EMBEDDING_MAX_RETRIES,
        timeoutMs: e.EMBEDDING_TIMEOUT_MS,
      },
    },
    review: { policyPath: e.REVIEW_POLICY_PATH, slaPath: e.SLA_CONFIG_PATH, staffWebhookUrl: e.STAFF_WEBHOOK_URL },
  };
}

/** Keys are required in production unless REQUIRE_API_KEYS=false says the network in front does the job. */
function loadAuth(e: Env): Config['auth'] {
  let apiKeys: ApiKeyEntry[];
  try {
    apiKeys = parseApiKeys(e.API_KEYS);
  } catch (err) {
    throw new ConfigError([`API_KEYS: ${(err as Error).message}`]);
  }
  const flag = e.REQUIRE_API_KEYS;
  const required = flag === undefined ? e.NODE_ENV === 'production' : ['true', '1', 'yes'].includes(flag);
  if (required && apiKeys.length === 0) {
    throw new ConfigError([
      'API_KEYS: at least one key is required (NODE_ENV=production or REQUIRE_API_KEYS=true); create one with "support-agent keys create", or set REQUIRE_API_KEYS=false',
    ]);
  }
  return { apiKeys, required };
}

/** "auto" picks the first provider with a key, and the offline local provider when there is none. */
function resolveProvider(e: Env): Config['llm']['provider'] {
  if (e.LLM_PROVIDER !== 'auto') return e.LLM_PROVIDER;
  if (e.ANTHROPIC_API_KEY) return 'anthropic';
  if (e.OPENAI_API_KEY) return 'openai';
  return 'local';
}

/**
 * The fallback chain: LLM_CHAIN when set, else the chosen provider, then the other provider that has a
 * key, then local. A provider without its key is left out; local always closes the chain.
 */
function resolveChain(e: Env): Config['llm']['chain'] {
  const hasKey = { anthropic: Boolean(e.ANTHROPIC_API_KEY), openai: Boolean(e.OPENAI_API_KEY), local: true };
  const first = resolveProvider(e);
  const wanted = e.LLM_CHAIN
    ? (e.LLM_CHAIN.split(',').map((s) => s.trim()) as Config['llm']['chain'])
    : first === 'local'
      ? ['local' as const]
      : [first, ...(['anthropic', 'openai'] as const).filter((p) => p !== first)];
  const explicit = e.LLM_CHAIN ? wanted : e.LLM_PROVIDER === 'auto' ? [] : [first];
  const missing = explicit.filter((p) => !hasKey[p]);
  if (missing.length > 0) {
    throw new ConfigError(missing.map((p) => `${p.toUpperCase()}_API_KEY: required because the ${p} provider is selected (LLM_PROVIDER / LLM_CHAIN)`));
  }
  return [...new Set([...wanted.filter((p) => p !== 'local' && hasKey[p]), 'local' as const])];
}
