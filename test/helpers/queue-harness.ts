import type { FastifyInstance } from 'fastify';
import { buildApp } from '../../src/app.js';
import { loadProductCatalog, ProductMatcher } from '../../src/analysis/product-catalog.js';
import type { Config } from '../../src/config.js';
import { assembleDeps, createStorage, type Deps } from '../../src/container.js';
import { JsonProfileStore } from '../../src/customers/profile-store.js';
import { KnowledgeBase, loadArticles } from '../../src/knowledge/knowledge-base.js';
import { LexicalKnowledgeIndex } from '../../src/knowledge/lexical.index.js';
import { LocalProvider } from '../../src/llm/local.provider.js';
import { silentLogger } from '../../src/logger.js';
import { buildMockStatusApp } from '../../src/status/mock-status-server.js';
import { loadStatusFixtures } from '../../src/status/status-fixtures.js';
import { StatusClient } from '../../src/status/status-client.js';
import { DATA, testConfig } from './build-test-app.js';

/** Fast-moving queue settings for tests: short polls, leases and backoff. */
export const FAST_QUEUE_ENV: Record<string, string> = {
  WORKER_POLL_INTERVAL_MS: '50',
  WORKER_CONCURRENCY: '2',
  QUEUE_LEASE_MS: '1500',
  QUEUE_RETRY_DELAY_MS: '50',
  QUEUE_RETRY_MAX_DELAY_MS: '500',
  QUEUE_JOB_EXPIRE_SECONDS: '3',
  QUEUE_MAINTENANCE_SECONDS: '1',
  WEBHOOK_RETRY_DELAY_MS: '20',
};

export interface QueueApp {
  app: FastifyInstance;
  deps: Deps;
  config: Config;
  close: () => Promise<void>;
}

/** The real app and worker on the store DATABASE_URL names (SQLite or PostgreSQL), as createDeps builds them. */
export async function buildQueueApp(opts: { env: Record<string, string>; statusUrl: string; fetch?: typeof fetch }): Promise<QueueApp> {
  const config = testConfig({ ...FAST_QUEUE_ENV, ...opts.env });
  const { store, jobs } = await createStorage(config, silentLogger);
  const kb = new KnowledgeBase(loadArticles(DATA.articles));
  const deps = assembleDeps({
    store,
    ...(jobs ? { jobs } : {}),
    queue: config.queue,
    webhooks: config.webhooks,
    ...(opts.fetch ? { fetch: opts.fetch } : {}),
    knowledgeBase: kb,
    knowledgeIndex: new LexicalKnowledgeIndex(kb),
    profiles: JsonProfileStore.fromFile(DATA.profiles),
    statusClient: new StatusClient({ baseUrl: opts.statusUrl, timeoutMs: 5000, cacheTtlMs: 0 }),
    provider: new LocalProvider(),
    products: new ProductMatcher(loadProductCatalog(DATA.products)),
    agentTimeoutMs: config.agentTimeoutMs,
    log: silentLogger,
  });
  const app = await buildApp({ config, deps });
  await app.ready();
  return {
    app,
    deps,
    config,
    async close() {
      await app.close();
      await deps.close();
    },
  };
}

/** The bundled mock status API; delayMs slows every answer, so tickets are in flight long enough to disturb. */
export async function startStatusServer(delayMs = 0): Promise<{ url: string; close: () => Promise<unknown> }> {
  const app = buildMockStatusApp({ fixtures: loadStatusFixtures(DATA.status) });
  if (delayMs > 0) app.addHook('onRequest', async () => new Promise((r) => setTimeout(r, delayMs)));
  const url = await app.listen({ host: '127.0.0.1', port: 0 });
  return { url, close: () => app.close() };
}

/** Polls until check() is true or the deadline passes; returns the last value for the assertion message. */
export async function waitFor<T>(probe: () => Promise<T>, done: (v: T) => boolean, timeoutMs = 20_000, everyMs = 50): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const v = await probe();
    if (done(v) || Date.now() > deadline) return v;
    await new Promise((r) => setTimeout(r, everyMs));
  }
}
