import type { FastifyInstance } from 'fastify';
import { loadAnalyzerKit, type AnalyzerKit } from './analysis/analyzer-models.js';
import { loadProductCatalog, ProductMatcher } from './analysis/product-catalog.js';
import { EldLanguageDetector } from './analysis/language/eld.language-detector.js';
import type { LanguageDetector } from './analysis/language/language-detector.js';
import { loadConfig, type Config } from './config.js';
import { JsonProfileStore, type ProfileStore } from './customers/profile-store.js';
import { createKnowledgeIndex } from './knowledge/create-knowledge-index.js';
import { KnowledgeBase, loadArticles } from './knowledge/knowledge-base.js';
import type { KnowledgeIndex } from './knowledge/knowledge-index.js';
import type { LlmProvider } from './llm/llm-provider.js';
import { buildProviderChain } from './llm/provider-factory.js';
import { RedactingProvider } from './llm/redacting.provider.js';
import type { Logger } from './logger.js';
import { createAnalyzerAgent } from './orchestrator/agents/analyzer.agent.js';
import { createKnowledgeAgent } from './orchestrator/agents/knowledge.agent.js';
import { createStatusAgent } from './orchestrator/agents/status.agent.js';
import { createSynthesisAgent } from './orchestrator/agents/synthesis.agent.js';
import { Orchestrator, type PipelineMode } from './orchestrator/orchestrator.js';
import { buildEvaluation, type EvaluationDeps, type EvaluationParts } from './evaluation/evaluation.wiring.js';
import { HttpPromptLayerClient } from './evaluation/promptlayer/promptlayer.client.js';
import { loadVariants } from './evaluation/variants/variant.schema.js';
import type { Pipeline, ResolvedVariant } from './evaluation/variants/variant-pipelines.js';
import { ServiceMetrics } from './metrics/service-metrics.js';
import { PiiRedactor } from './privacy/pii-redactor.js';
import { variantProviderFor } from './evaluation/variants/variant-provider.js';
import { buildMockStatusApp } from './status/mock-status-server.js';
import { loadStatusFixtures } from './status/status-fixtures.js';
import { StatusClient } from './status/status-client.js';
import { SqliteTicketStore, sqlitePath } from './tickets/sqlite.ticket-store.js';
import type { TicketStore } from './tickets/ticket-store.js';
import { TicketService } from './tickets/ticket-service.js';
import type { JobSource } from './queue/job-source.js';
import { PgBossQueue } from './queue/pg-boss.queue.js';
import { TableJobSource } from './queue/table.job-source.js';
import { TicketWorker } from './queue/ticket-worker.js';
import { PostgresTicketStore } from './tickets/postgres.ticket-store.js';
import { TicketProcessor } from './tickets/ticket-processor.js';
import { WebhookDispatcher } from './webhooks/webhook-dispatcher.js';
import { loadReviewPolicy, type ReviewPolicy } from './review/review-policy.js';
import { ReviewService } from './review/review-service.js';
import { ReviewStage } from './review/review-stage.js';
import { loadSlaConfig, type SlaConfig } from './review/sla.js';
import { StaffNotifier } from './webhooks/staff-notifier.js';

/** Everything the HTTP layer and the CLI need, built in one place. */
export interface Deps {
  store: TicketStore;
  knowledgeBase: KnowledgeBase;
  knowledgeIndex: KnowledgeIndex;
  profiles: ProfileStore;
  statusClient: StatusClient;
  provider: LlmProvider;
  /** The default variant's orchestrator. */
  orchestrator: Pipeline;
  tickets: TicketService;
  /** A/B variants, quality checks and the evaluated pipeline. */
  evaluation: EvaluationDeps;
  metrics: ServiceMetrics;
  processor: TicketProcessor;
  /** The queue worker for this process; started by `serve` (RUN_WORKER) or `support-agent worker`. */
  worker: TicketWorker;
  webhooks: WebhookDispatcher;
  /** Review queue, decisions and feedback. */
  reviews: ReviewService;
  /** ticket.reviewed / ticket.escalated events to STAFF_WEBHOOK_URL. */
  staff: StaffNotifier;
  /** Learned analyzer models and few-shot examples; absent means rules only. */
  analyzer?: AnalyzerKit;
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
  evaluation?: EvaluationParts;
  /** Where workers get jobs; defaults to the tickets table itself (SQLite). */
  jobs?: JobSource;
  queue?: Config['queue'];
  webhooks?: Config['webhooks'];
  /** The fetch webhooks are POSTed with (tests inject one). */
  fetch?: typeof fetch;
  /** How the orchestrator schedules agents (PIPELINE_MODE); sequential when unset. */
  pipelineMode?: PipelineMode;
  analyzer?: AnalyzerKit;
  /** Records each ticket's language in its analysis; loads its data on the first ticket, once per process. */
  languageDetector?: LanguageDetector;
  /** Review policy, SLA and staff webhook URL; defaults to config/review-policy.json and config/sla.json, no staff URL. */
  review?: ReviewParts;
}

export interface ReviewParts {
  policy: ReviewPolicy;
  sla: SlaConfig;
  staffWebhookUrl?: string | undefined;
}

/** Reads and validates the review policy and SLA files; a bad file stops start-up with a message naming it. */
export function loadReviewParts(config: Config['review'], webhookSecret: string | undefined): ReviewParts {
  if (config.staffWebhookUrl && !webhookSecret) throw new Error('STAFF_WEBHOOK_URL needs WEBHOOK_SECRET: staff events are signed with it');
  return { policy: loadReviewPolicy(config.policyPath), sla: loadSlaConfig(config.slaPath), staffWebhookUrl: config.staffWebhookUrl };
}

/** Wires agents, orchestrator and ticket service from their parts; tests call this with fakes at the edges. */
export function assembleDeps(parts: CoreParts, onClose: () => Promise<void> = async () => {}): Deps {
  // One orchestrator per A/B variant: the variant decides the index settings, reply style and provider.
  const buildOrchestrator = (variant: ResolvedVariant) =>
    new Orchestrator({
      agents: {
        analyzer: createAnalyzerAgent({
          products: parts.products,
          ...(parts.analyzer ? { models: parts.analyzer.models, retriever: parts.analyzer.retriever } : {}),
          ...(parts.languageDetector ? { language: parts.languageDetector } : {}),
        }),
        knowledge: createKnowledgeAgent(variant.knowledgeIndex),
        status: createStatusAgent(parts.statusClient),
        synthesis: createSynthesisAgent(variant.synthesisStyle, { articleText: (id) => articleText(parts.knowledgeBase, id) }),
      },
      provider: variant.provider,
      profiles: parts.profiles,
      agentTimeoutMs: parts.agentTimeoutMs,
      log: parts.log.child({ module: 'orchestrator' }),
      ...(parts.pipelineMode ? { mode: parts.pipelineMode } : {}),
    });
  const evaluation = buildEvaluation(parts, buildOrchestrator);
  // The tickets table is the source of truth for what waits, whichever queue delivers the jobs.
  evaluation.metrics.setQueueDepthSource(() => parts.store.countQueued());
  const orchestrator = evaluation.pipelineFor(evaluation.router.defaultVariant);
  const defaults = loadConfig({});
  const queue = parts.queue ?? defaults.queue;
  const hooks = parts.webhooks ?? defaults.webhooks;
  // Ticket webhooks and staff events share one retry policy.
  const delivery = {
    maxAttempts: hooks.maxAttempts,
    baseDelayMs: hooks.retryDelayMs,
    maxDelayMs: Math.max(hooks.retryDelayMs, 60_000),
    timeoutMs: hooks.timeoutMs,
  };
  const webhooks = new WebhookDispatcher({
    store: parts.store,
    secret: hooks.secret,
    policy: delivery,
    log: parts.log.child({ module: 'webhooks' }),
    allowPrivateTargets: hooks.allowPrivateTargets,
    ...(parts.fetch ? { fetch: parts.fetch } : {}),
  });
  const review = parts.review ?? loadReviewParts(defaults.review, undefined);
  const staff = new StaffNotifier({
    store: parts.store,
    url: review.staffWebhookUrl,
    secret: hooks.secret,
    policy: delivery,
    log: parts.log.child({ module: 'staff-webhooks' }),
    ...(parts.fetch ? { fetch: parts.fetch } : {}),
  });
  const reviewStage = new ReviewStage({ policy: review.policy, sla: review.sla, profiles: parts.profiles });
  const processor = new TicketProcessor({
    store: parts.store,
    // The evaluated pipeline: variant split, the variant's orchestrator, then quality checks and metrics.
    orchestrator: evaluation.pipeline,
    log: parts.log.child({ module: 'processor' }),
    leaseMs: queue.leaseMs,
    retry: { maxAttempts: queue.maxAttempts, baseDelayMs: queue.retryDelayMs, maxDelayMs: queue.retryMaxDelayMs },
    finalize: (record, output) => reviewStage.apply(record.ticket, record.created_at, output),
    onFinished: (record) => {
      webhooks.dispatch(record);
      if (record.status === 'completed' && record.analysis?.requires_human_escalation) {
        staff.notify('ticket.escalated', record.ticket_id, {
          category: record.analysis.category,
          priority: record.analysis.priority,
          escalation_reasons: record.analysis.escalation_reasons,
          tier: record.review?.tier ?? null,
          due_at: record.review?.due_at ?? null,
          review_state: record.review?.state ?? null,
        });
      }
    },
  });
  const worker = new TicketWorker({
    source: parts.jobs ?? new TableJobSource(parts.store, () => processor.lease),
    processor,
    log: parts.log.child({ module: 'worker' }),
    concurrency: queue.concurrency,
    pollIntervalMs: queue.pollIntervalMs,
    sweepIntervalMs: Math.max(1000, queue.leaseMs),
  });
  const tickets = new TicketService({
    store: parts.store,
    processor,
    onQueued: () => worker.notify(),
    webhooksEnabled: webhooks.enabled,
    webhookTargetProblem: (url) => webhooks.targetProblem(url),
  });
  return {
    store: parts.store,
    knowledgeBase: parts.knowledgeBase,
    knowledgeIndex: parts.knowledgeIndex,
    profiles: parts.profiles,
    statusClient: parts.statusClient,
    provider: parts.provider,
    orchestrator,
    tickets,
    evaluation,
    metrics: evaluation.metrics,
    processor,
    worker,
    webhooks,
    reviews: new ReviewService({ store: parts.store, notifier: staff }),
    staff,
    ...(parts.analyzer ? { analyzer: parts.analyzer } : {}),
    async close() {
      await worker.stop();
      await webhooks.drain();
      await staff.drain();
      await onClose();
      await parts.store.close();
    },
  };
}

/**
 * The store for DATABASE_URL, migrated and ready. On PostgreSQL it comes with its pg-boss queue, whose jobs the
 * store sends inside each queued ticket's insert transaction.
 */
export async function createStorage(config: Config, log: Logger): Promise<{ store: TicketStore; jobs?: PgBossQueue }> {
  if (config.databaseUrl.startsWith('sqlite:')) return { store: new SqliteTicketStore(sqlitePath(config.databaseUrl)) };
  const jobs = new PgBossQueue({
    connectionString: config.databaseUrl,
    retryLimit: config.queue.maxAttempts + 5,
    retryDelaySeconds: Math.max(1, Math.round(config.queue.retryDelayMs / 1000)),
    expireInSeconds: config.queue.jobExpireSeconds,
    maintenanceIntervalSeconds: config.queue.maintenanceSeconds,
    log: log.child({ module: 'queue' }),
  });
  const store = await PostgresTicketStore.open({
    connectionString: config.databaseUrl,
    enqueue: jobs.enqueueIn,
    onError: (err) => log.warn({ err: err.message }, 'database connection error'),
  });
  try {
    await jobs.start();
  } catch (err) {
    await store.close();
    throw err;
  }
  return { store, jobs };
}

/** The configured chain (e.g. anthropic → openai → local), each model provider behind PII redaction; bare local when no key is set. */
export function createProvider(config: Config, log?: Logger): LlmProvider {
  return buildProviderChain(config, { ...(log ? { log } : {}), wrapModel: (provider) => withRedaction(provider, config) });
}

export function withRedaction(provider: LlmProvider, config: Config): LlmProvider {
  return config.privacy.redaction ? new RedactingProvider(provider, new PiiRedactor({ kinds: config.privacy.kinds })) : provider;
}

/** The composition root: reads data files, opens the store, starts the embedded status API if none is configured. */
export async function createDeps(config: Config, log: Logger): Promise<Deps> {
  // First, before anything is opened: a bad policy or SLA file stops start-up with its name and the bad fields.
  const review = loadReviewParts(config.review, config.webhooks.secret);
  const closers: (() => Promise<unknown>)[] = [];
  let statusUrl = config.status.apiUrl;
  if (!statusUrl) {
    const mock: FastifyInstance = buildMockStatusApp({ fixtures: loadStatusFixtures(config.status.fixturesDir) });
    statusUrl = await mock.listen({ host: '127.0.0.1', port: config.status.mockPort });
    closers.push(() => mock.close());
    log.info({ statusUrl }, 'embedded mock status API started (set STATUS_API_URL to use a real one)');
  }
  const knowledgeBase = new KnowledgeBase(loadArticles(config.paths.knowledgeBase));
  const { store, jobs } = await createStorage(config, log);
  const provider = createProvider(config, log);
  const parts: CoreParts = {
    store,
    ...(jobs ? { jobs } : {}),
    queue: config.queue,
    webhooks: config.webhooks,
    knowledgeBase,
    knowledgeIndex: await createKnowledgeIndex(knowledgeBase, config.knowledge, log),
    profiles: JsonProfileStore.fromFile(config.paths.customerProfiles),
    statusClient: new StatusClient({
      baseUrl: statusUrl,
      timeoutMs: config.status.timeoutMs,
      cacheTtlMs: config.status.cacheTtlSeconds * 1000,
    }),
    provider,
    products: new ProductMatcher(loadProductCatalog(config.paths.productCatalog)),
    agentTimeoutMs: config.agentTimeoutMs,
    log,
    evaluation: {
      variants: loadVariants(config.evaluation.variantsFile),
      quality: config.evaluation.quality,
      metrics: new ServiceMetrics({ processMetrics: true }),
      ...(config.llm.promptLayerApiKey
        ? { promptLayer: new HttpPromptLayerClient({ apiKey: config.llm.promptLayerApiKey, baseUrl: config.evaluation.promptLayerBaseUrl }) }
        : {}),
      // A variant's provider, model and temperature reach the provider layer as request options.
      providerFor: variantProviderFor(provider, config.llm.chain),
    },
    pipelineMode: config.pipelineMode,
    analyzer: loadAnalyzerKit(config.analyzer),
    languageDetector: new EldLanguageDetector(),
    review,
  };
  return assembleDeps(parts, async () => {
    for (const close of closers.reverse()) await close();
  });
}

function articleText(kb: KnowledgeBase, id: string): string | undefined {
  const a = kb.get(id);
  return a ? [a.title, a.content, ...a.solution_steps].join('\n') : undefined;
}
