import { collectDefaultMetrics, Counter, Gauge, Histogram, Registry } from 'prom-client';
import type { PipelineOutput } from '../schemas/result.schema.js';
import type { ProviderMetrics } from './provider-metrics.js';

const SECONDS = [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60];
const SCORE = [0.1, 0.2, 0.3, 0.4, 0.5, 0.6, 0.7, 0.8, 0.9, 0.95, 1];

export interface ServiceMetricsOptions {
  /** Process metrics (CPU, memory, event loop, GC): on for the service, off in most tests. */
  processMetrics?: boolean;
}

/**
 * The service's Prometheus metrics, in its own registry (never the global one, so two apps in one process
 * do not share counters). HTTP, pipeline and provider code report through the methods below.
 */
export class ServiceMetrics implements ProviderMetrics {
  readonly registry = new Registry();
  private queueDepthSource: (() => number | Promise<number>) | undefined;

  private readonly httpRequests = new Counter({ name: 'http_requests_total', help: 'HTTP requests by route template, method and status', labelNames: ['method', 'route', 'status_code'], registers: [this.registry] });
  private readonly httpDuration = new Histogram({ name: 'http_request_duration_seconds', help: 'HTTP request latency by route template, method and status', labelNames: ['method', 'route', 'status_code'], buckets: SECONDS, registers: [this.registry] });
  private readonly agentDuration = new Histogram({ name: 'support_agent_duration_seconds', help: 'Latency of each agent run', labelNames: ['agent', 'provider', 'model', 'outcome'], buckets: SECONDS, registers: [this.registry] });
  private readonly tokens = new Counter({ name: 'support_llm_tokens_total', help: 'Tokens used, by provider, model and kind (input, output, cache_read, cache_write)', labelNames: ['provider', 'model', 'kind'], registers: [this.registry] });
  private readonly cost = new Counter({ name: 'support_llm_cost_usd_total', help: 'Model cost in US dollars by provider and model', labelNames: ['provider', 'model'], registers: [this.registry] });
  private readonly tickets = new Counter({ name: 'support_tickets_total', help: 'Completed tickets by category, priority, escalation and variant', labelNames: ['category', 'priority', 'escalated', 'variant'], registers: [this.registry] });
  private readonly ticketsFailed = new Counter({ name: 'support_tickets_failed_total', help: 'Tickets whose pipeline failed', labelNames: ['variant'], registers: [this.registry] });
  private readonly quality = new Histogram({ name: 'support_reply_quality_score', help: 'Automatic reply-quality score (0..1) by variant', labelNames: ['variant'], buckets: SCORE, registers: [this.registry] });
  private readonly qualityFailures = new Counter({ name: 'support_quality_check_failures_total', help: 'Replies failing each quality check, by variant', labelNames: ['check', 'variant'], registers: [this.registry] });
  private readonly providerErrors = new Counter({ name: 'support_provider_errors_total', help: 'Failed model calls by provider, model and kind', labelNames: ['provider', 'model', 'kind'], registers: [this.registry] });
  private readonly providerRetries = new Counter({ name: 'support_provider_retries_total', help: 'Retried model calls by provider and model', labelNames: ['provider', 'model'], registers: [this.registry] });
  private readonly providerFallbacks = new Counter({ name: 'support_provider_fallbacks_total', help: 'Fallbacks from one provider to the next', labelNames: ['from', 'to'], registers: [this.registry] });

  constructor(opts: ServiceMetricsOptions = {}) {
    const source = () => this.queueDepthSource;
    new Gauge({
      name: 'support_queue_depth',
      help: 'Tickets waiting to be processed (0 while processing is synchronous)',
      registers: [this.registry],
      async collect() {
        const read = source();
        this.set(read ? await read() : 0);
      },
    });
    if (opts.processMetrics) collectDefaultMetrics({ register: this.registry });
  }

  get contentType(): string {
    return this.registry.contentType;
  }

  /** The exposition text for GET /metrics. */
  render(): Promise<string> {
    return this.registry.metrics();
  }

  /** A queue (when processing becomes asynchronous) tells the gauge how deep it is. */
  setQueueDepthSource(read: () => number | Promise<number>): void {
    this.queueDepthSource = read;
  }

  httpRequest(r: { method: string; route: string; statusCode: number; seconds: number }): void {
    const labels = { method: r.method, route: r.route, status_code: String(r.statusCode) };
    this.httpRequests.inc(labels);
    this.httpDuration.observe(labels, r.seconds);
  }

  /** Everything one completed ticket tells: per-agent latency, tokens and cost, triage and quality. */
  ticketCompleted(output: PipelineOutput): void {
    const variant = output.variant ?? 'none';
    for (const t of output.trace) {
      this.agentDuration.observe({ agent: t.agent, provider: t.provider, model: t.model, outcome: t.outcome }, t.duration_ms / 1000);
      for (const kind of ['input', 'output', 'cache_read', 'cache_write'] as const) {
        if (t.tokens[kind] > 0) this.tokens.inc({ provider: t.provider, model: t.model, kind }, t.tokens[kind]);
      }
      if (t.cost_usd > 0) this.cost.inc({ provider: t.provider, model: t.model }, t.cost_usd);
    }
    const a = output.analysis;
    this.tickets.inc({ category: a.category, priority: a.priority, escalated: String(a.requires_human_escalation), variant });
    if (output.quality) {
      this.quality.observe({ variant }, output.quality.score);
      for (const check of output.quality.failed) this.qualityFailures.inc({ check, variant });
    }
  }

  ticketFailed(variant: string): void {
    this.ticketsFailed.inc({ variant });
  }

  providerError(e: { provider: string; model: string; kind: string }): void {
    this.providerErrors.inc(e);
  }

  providerRetry(e: { provider: string; model: string }): void {
    this.providerRetries.inc(e);
  }

  providerFallback(e: { from: string; to: string }): void {
    this.providerFallbacks.inc(e);
  }
}
