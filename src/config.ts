import { z } from 'zod';

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
  AGENT_TIMEOUT_MS: int(30_000, 1),
  MAX_CONCURRENT_REQUESTS: int(64, 1),
  RATE_LIMIT_PER_MINUTE: int(600, 0),
  MAX_SUBJECT_LENGTH: int(500, 1),
  MAX_BODY_LENGTH: int(20_000, 1),
  BODY_LIMIT_BYTES: int(1_048_576, 1024),
  RECOVER_ON_START: bool(true),
  KNOWLEDGE_INDEX: z.preprocess(blankToUndefined, z.enum(['hybrid', 'dense', 'lexical']).default('hybrid')),
  EMBEDDER: z.preprocess(blankToUndefined, z.enum(['local', 'openai']).default('local')),
  CACHE_DIR: z.preprocess(blankToUndefined, z.string().default('data/cache')),
  HNSW_M: int(24, 2, 200),
  HNSW_EF_CONSTRUCTION: int(100, 1),
  HNSW_EF_SEARCH: int(64, 1),
  QUERY_EMBEDDING_CACHE_SIZE: int(1000, 1),
  OPENAI_BASE_URL: z.preprocess(blankToUndefined, z.url().optional()),
  OPENAI_EMBEDDING_MODEL: z.preprocess(blankToUndefined, z.string().default('text-embedding-3-small')),
  OPENAI_EMBEDDING_DIMENSIONS: z.preprocess(blankToUndefined, z.coerce.number().int().min(1).optional()),
  EMBEDDING_BATCH_SIZE: int(64, 1, 2048),
  EMBEDDING_MAX_RETRIES: int(3, 0, 10),
  EMBEDDING_TIMEOUT_MS: int(30_000, 1),
});
export type Env = z.infer<typeof EnvSchema>;

export interface Config {
  env: Env['NODE_ENV'];
  server: { host: string; port: number; bodyLimitBytes: number };
  logLevel: Env['LOG_LEVEL'];
  databaseUrl: string;
  status: { apiUrl: string | undefined; cacheTtlSeconds: number; timeoutMs: number; mockPort: number; fixturesDir: string };
  paths: { knowledgeBase: string; customerProfiles: string; productCatalog: string };
  llm: {
    provider: 'anthropic' | 'openai' | 'local';
    anthropicApiKey: string | undefined;
    openaiApiKey: string | undefined;
    promptLayerApiKey: string | undefined;
  };
  agentTimeoutMs: number;
  limits: {
    maxConcurrentRequests: number;
    rateLimitPerMinute: number;
    maxSubjectLength: number;
    maxBodyLength: number;
  };
  recoverOnStart: boolean;
  knowledge: KnowledgeConfig;
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
  return {
    env: e.NODE_ENV,
    server: { host: e.HOST, port: e.PORT, bodyLimitBytes: e.BODY_LIMIT_BYTES },
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
    },
    agentTimeoutMs: e.AGENT_TIMEOUT_MS,
    limits: {
      maxConcurrentRequests: e.MAX_CONCURRENT_REQUESTS,
      rateLimitPerMinute: e.RATE_LIMIT_PER_MINUTE,
      maxSubjectLength: e.MAX_SUBJECT_LENGTH,
      maxBodyLength: e.MAX_BODY_LENGTH,
    },
    recoverOnStart: e.RECOVER_ON_START,
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
  };
}

/** "auto" picks the first provider with a key, and the offline local provider when there is none. */
function resolveProvider(e: Env): Config['llm']['provider'] {
  if (e.LLM_PROVIDER !== 'auto') return e.LLM_PROVIDER;
  if (e.ANTHROPIC_API_KEY) return 'anthropic';
  if (e.OPENAI_API_KEY) return 'openai';
  return 'local';
}
