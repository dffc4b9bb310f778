import type { FastifyInstance } from 'fastify';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { buildApp } from '../../src/app.js';
import { loadAnalyzerKit } from '../../src/analysis/analyzer-models.js';
import { loadProductCatalog, ProductMatcher } from '../../src/analysis/product-catalog.js';
import { EldLanguageDetector } from '../../src/analysis/language/eld.language-detector.js';
import { loadConfig, type Config } from '../../src/config.js';
import { assembleDeps, type CoreParts, type Deps } from '../../src/container.js';
import { JsonProfileStore } from '../../src/customers/profile-store.js';
import { KnowledgeBase, loadArticles } from '../../src/knowledge/knowledge-base.js';
import { LexicalKnowledgeIndex } from '../../src/knowledge/lexical.index.js';
import { LocalProvider } from '../../src/llm/local.provider.js';
import { silentLogger } from '../../src/logger.js';
import { buildMockStatusApp } from '../../src/status/mock-status-server.js';
import { loadStatusFixtures } from '../../src/status/status-fixtures.js';
import { StatusClient } from '../../src/status/status-client.js';
import { SqliteTicketStore } from '../../src/tickets/sqlite.ticket-store.js';

export const DATA = {
  articles: 'data/knowledge_base/articles.json',
  profiles: 'data/customer_profiles/profiles.json',
  status: 'data/status',
  products: 'data/catalog/products.json',
  scenarios: 'data/sample_tickets/test_cases.json',
};

export function testConfig(env: Record<string, string> = {}): Config {
  return loadConfig({
    NODE_ENV: 'test',
    LOG_LEVEL: 'silent',
    RATE_LIMIT_PER_MINUTE: '0',
    DATABASE_URL: 'sqlite::memory:',
    // A busy CI machine must not turn a test's request into a 503; tests that want pressure set it.
    MAX_EVENT_LOOP_DELAY_MS: '0',
    ...env,
  });
}

/** Starts the mock status server on a free port; the caller closes it. */
export async function startMockStatus(): Promise<{ url: string; app: FastifyInstance }> {
  const app = buildMockStatusApp({ fixtures: loadStatusFixtures(DATA.status) });
  const url = await app.listen({ host: '127.0.0.1', port: 0 });
  return { url, app };
}

export interface TestAppOptions {
  env?: Record<string, string>;
  /** Status API base URL; defaults to a mock server started for the test. */
  statusUrl?: string;
  sqlitePath?: string;
  parts?: Partial<CoreParts>;
  /** Called after buildApp and before ready(), e.g. to add routes that other modules will contribute. */
  beforeReady?: (app: FastifyInstance, config: Config) => void | Promise<void>;
  /** Adjusts the parsed config, for settings with no environment variable (e.g. the pressure sample interval). */
  adjustConfig?: (config: Config) => Config;
  /** The built console to serve at /console (default console/dist). */
  consoleDir?: string;
}

export interface TestApp {
  app: FastifyInstance;
  deps: Deps;
  config: Config;
  close: () => Promise<void>;
}

/** The real app and pipeline with the real data; only the status API (a local mock) and the store file vary. */
export async function buildTestApp(opts: TestAppOptions = {}): Promise<TestApp> {
  const config = opts.adjustConfig ? opts.adjustConfig(testConfig(opts.env)) : testConfig(opts.env);
  const mock = opts.statusUrl ? undefined : await startMockStatus();
  const kb = new KnowledgeBase(loadArticles(DATA.articles));
  const parts: CoreParts = {
    store: new SqliteTicketStore(opts.sqlitePath ?? ':memory:'),
    knowledgeBase: kb,
    knowledgeIndex: new LexicalKnowledgeIndex(kb),
    profiles: JsonProfileStore.fromFile(DATA.profiles),
    statusClient: new StatusClient({ baseUrl: opts.statusUrl ?? mock!.url, timeoutMs: 1000, cacheTtlMs: 300_000 }),
    provider: new LocalProvider(),
    products: new ProductMatcher(loadProductCatalog(DATA.products)),
    agentTimeoutMs: config.agentTimeoutMs,
    log: silentLogger,
    // The shipped models, as a default install loads them.
    analyzer: loadAnalyzerKit(config.analyzer),
    // Real detection, as the service runs it; its data loads on the first analyzed ticket only.
    languageDetector: new EldLanguageDetector(),
    ...opts.parts,
  };
  const deps = assembleDeps(parts);
  const app = await buildApp({ config, deps, ...(opts.consoleDir ? { consoleDir: opts.consoleDir } : {}) });
  await opts.beforeReady?.(app, config);
  await app.ready();
  return {
    app,
    deps,
    config,
    async close() {
      await app.close();
      await deps.close();
      await mock?.app.close();
    },
  };
}

export function tempDir(prefix = 'support-agent-'): { path: string; remove: () => void } {
  const path = mkdtempSync(join(tmpdir(), prefix));
  return { path, remove: () => rmSync(path, { recursive: true, force: true }) };
}

export const sampleTicket = {
  subject: 'PDF export keeps failing',
  body: 'Every time I export my workspace to PDF it fails with error E2003 after a few minutes. Can you help?',
  customer_id: 'CUST-1001',
  channel: 'email',
};
