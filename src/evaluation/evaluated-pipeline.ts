import { errorMessage } from '../errors.js';
import type { Logger } from '../logger.js';
import type { Article } from '../schemas/article.schema.js';
import type { CustomerProfile } from '../schemas/customer.schema.js';
import type { PipelineOutput } from '../schemas/result.schema.js';
import type { TicketInput } from '../schemas/ticket.schema.js';
import type { PromptLayerReporter } from './promptlayer/promptlayer.reporter.js';
import type { QualityEvaluator } from './quality/quality-evaluator.js';
import type { Variant } from './variants/variant.schema.js';
import type { VariantRouter } from './variants/variant-router.js';
import type { Pipeline, PipelineFactory } from './variants/variant-pipelines.js';

/** What the evaluated pipeline reports per ticket (ServiceMetrics implements it). */
export interface TicketMetrics {
  ticketCompleted(output: PipelineOutput): void;
  ticketFailed(variant: string): void;
}

export interface EvaluatedPipelineDeps {
  router: VariantRouter;
  pipelineFor: PipelineFactory;
  quality: QualityEvaluator;
  profiles: { get(customerId: string): Promise<CustomerProfile | undefined> };
  articles: { get(articleId: string): Article | undefined };
  metrics?: TicketMetrics | undefined;
  promptLayer?: PromptLayerReporter | undefined;
  log: Logger;
}

/**
 * The pipeline the ticket service runs: picks the ticket's A/B variant, runs that variant's orchestrator,
 * then checks the reply's quality and records variant and quality on the result, counts it in the metrics
 * and sends the scores to PromptLayer. The orchestrator itself knows nothing of this.
 */
export class EvaluatedPipeline implements Pipeline {
  constructor(private readonly deps: EvaluatedPipelineDeps) {}

  get router(): VariantRouter {
    return this.deps.router;
  }

  process(ticketId: string, ticket: TicketInput, signal?: AbortSignal): Promise<PipelineOutput> {
    return this.processAs(this.deps.router.assign(ticketId), ticketId, ticket, signal);
  }

  /** Runs a ticket through a named variant, whatever the live split says (eval run and eval ab). */
  async processAs(variant: Variant, ticketId: string, ticket: TicketInput, signal?: AbortSignal): Promise<PipelineOutput> {
    let output: PipelineOutput;
    try {
      output = await this.deps.pipelineFor(variant).process(ticketId, ticket, signal);
    } catch (err) {
      this.deps.metrics?.ticketFailed(variant.name);
      throw err;
    }
    const result: PipelineOutput = { ...output, variant: variant.name };
    try {
      const profile = ticket.customer_id ? await this.deps.profiles.get(ticket.customer_id) : undefined;
      result.quality = await this.deps.quality.evaluate(
        {
          ticket,
          analysis: output.analysis,
          knowledge: output.knowledge,
          systemStatus: output.system_status,
          response: output.response,
          profile,
          article: (id) => this.deps.articles.get(id),
        },
        signal,
      );
    } catch (err) {
      // A bug in a check must not cost the customer their answer; the result simply has no quality.
      this.deps.log.error({ ticketId, reason: errorMessage(err) }, 'quality checks failed');
    }
    this.deps.metrics?.ticketCompleted(result);
    if (this.deps.promptLayer) void this.deps.promptLayer.report(ticketId, result);
    return result;
  }
}
