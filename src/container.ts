import type { FastifyInstance } from 'fastify';
import { loadProductCatalog, ProductMatcher } from './analysis/product-catalog.js';
import type { Config } from './config.js';
import { JsonProfileStore, type ProfileStore } from './customers/profile-store.js';
import { createKnowledgeIndex } from './knowledge/create-knowledge-index.js';
import { KnowledgeBase, loadArticles } from './knowledge/knowledge-base.js';
import type { KnowledgeIndex } from './knowledge/knowledge-index.js';
import type { LlmProvider } from './llm/llm-provider.js';
import { LocalProvider } from './llm/local.provider.js';
import type { Logger } from './logger.js';
import { createAnalyzerAgent } from './orchestrator/agents/analyzer.agent.js';
import { createKnowledgeAgent } from './orchestrator/agents/knowledge.agent.js';
import { createStatusAgent } from './orchestrator/agents/status.agent.js';
import { createSynthesisAgent } from './orchestrator/agents/synthesis.agent.js';
import { Orchestrator } from './orchestrator/orchestrator.js';
import { buildMockStatusApp } from './status/mock-status-server.js';
import { loadStatusFixtures } from './status/status-fixtures.js';
import { StatusClient } from './status/status-client.js';
import { SqliteTicketStore, sqlitePath } from './tickets/sqlite.ticket-store.js';
import type { TicketStore } from './tickets/ticket-store.js';
import { TicketService } from './tickets/ticket-service.js';

/** Everything the HTTP layer and the CLI need, built in one place. */
export interface Deps {
  store: TicketStore;
  knowledgeBase: KnowledgeBase;
  knowledgeIndex: KnowledgeIndex;
  profiles: ProfileStore;
  statusClient: StatusClient;
  provider: LlmProvider;
  orchestrator: Orchestrator;
  tickets: TicketService;
  close(): Promise<void>;
}

export interface CoreParts {
  store: TicketStore;
  knowledgeIndex: KnowledgeIndex;
  knowledgeBase: KnowledgeBase;
  profiles: ProfileStore;
  statusClient: StatusClient;
  provider: LlmProvider;
  products: ProductMatcher;
  agentTimeoutMs: number;
  log: Logger;
}

/** Wires agents, orchestrator and ticket service from their parts; tests call this with fakes at the edges. */
export function assembleDeps(parts: CoreParts, onClose: () => Promise<void> = async () => {}): Deps {
  const orchestrator = new Orchestrator({
    agents: {
      analyzer: createAnalyzerAgent({ products: parts.products }),
      knowledge: createKnowledgeAgent(parts.knowledgeIndex),
      status: createStatusAgent(parts.statusClient),
      synthesis: createSynthesisAgent(),
    },
    provider: parts.provider,
    profiles: parts.profiles,
    agentTimeoutMs: parts.agentTimeoutMs,
    log: parts.log.child({ module: 'orchestrator' }),
  });
  const tickets = new TicketService({ store: parts.store, orchestrator, log: parts.log.child({ module: 'tickets' }) });
  return {
    store: parts.store,
    knowledgeBase: parts.knowledgeBase,
    knowledgeIndex: parts.knowledgeIndex,
    profiles: parts.profiles,
    statusClient: parts.statusClient,
    provider: parts.provider,
    orchestrator,
    tickets,
    async close() {
      await onClose();
      await parts.store.close();
    },
  };
}

export function createStore(config: Config): TicketStore {
  if (config.databaseUrl.startsWith('sqlite:')) return new SqliteTicketStore(sqlitePath(config.databaseUrl));
  throw new Error(`DATABASE_URL ${config.databaseUrl.split(':')[0]}: this build supports sqlite: only`);
}

export function createProvider(config: Config): LlmProvider {
  if (config.llm.provider !== 'local') {
    throw new Error(`LLM provider "${config.llm.provider}" is not available in this build; set LLM_PROVIDER=local`);
  }
  return new LocalProvider();
}

/** The composition root: reads data files, opens the store, starts the embedded status API if none is configured. */
export async function createDeps(config: Config, log: Logger): Promise<Deps> {
  const closers: (() => Promise<unknown>)[] = [];
  let statusUrl = config.status.apiUrl;
  if (!statusUrl) {
    const mock: FastifyInstance = buildMockStatusApp({ fixtures: loadStatusFixtures(config.status.fixturesDir) });
    statusUrl = await mock.listen({ host: '127.0.0.1', port: config.status.mockPort });
    closers.push(() => mock.close());
    log.info({ statusUrl }, 'embedded mock status API started (set STATUS_API_URL to use a real one)');
  }
  const knowledgeBase = new KnowledgeBase(loadArticles(config.paths.knowledgeBase));
  const parts: CoreParts = {
    store: createStore(config),
    knowledgeBase,
    knowledgeIndex: await createKnowledgeIndex(knowledgeBase, config.knowledge, log),
    profiles: JsonProfileStore.fromFile(config.paths.customerProfiles),
    statusClient: new StatusClient({
      baseUrl: statusUrl,
      timeoutMs: config.status.timeoutMs,
      cacheTtlMs: config.status.cacheTtlSeconds * 1000,
    }),
    provider: createProvider(config),
    products: new ProductMatcher(loadProductCatalog(config.paths.productCatalog)),
    agentTimeoutMs: config.agentTimeoutMs,
    log,
  };
  return assembleDeps(parts, async () => {
    for (const close of closers.reverse()) await close();
  });
}
