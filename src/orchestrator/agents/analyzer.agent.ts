import { z } from 'zod';
import { guardTicket } from '../../analysis/injection-guard.js';
import type { ExampleRetriever } from '../../analysis/example-retriever.js';
import { analyzeTicketLocally, type LocalAnalyzerDeps } from '../../analysis/local-analyzer.js';
import { ticketText } from '../../analysis/ticket-text.js';
import { AnalysisSchema, type Analysis } from '../../schemas/analysis.schema.js';
import { CustomerProfileSchema } from '../../schemas/customer.schema.js';
import { TicketInputSchema } from '../../schemas/ticket.schema.js';
import type { Agent, AgentContext } from '../agent.js';
import { analyzerPrompt, type AnalyzerPromptContext } from '../prompts/analyzer.prompt.js';

export const AnalyzerInputSchema = z.object({
  ticket: TicketInputSchema,
  profile: CustomerProfileSchema.optional(),
});
export type AnalyzerInput = z.infer<typeof AnalyzerInputSchema>;

export interface AnalyzerAgentDeps extends LocalAnalyzerDeps {
  /** Labelled tickets shown to a model as few-shot examples. */
  retriever?: ExampleRetriever | undefined;
  /** How many examples the prompt carries. */
  exampleCount?: number;
}

/** The prompt's context: label sets, nearest labelled tickets and the local analysis as a hint. */
export function analyzerPromptContext(
  input: AnalyzerInput,
  deps: AnalyzerAgentDeps,
  local: Analysis,
): AnalyzerPromptContext {
  const text = ticketText(input.ticket);
  return {
    ...(deps.models?.intent ? { intents: deps.models.intent.labels } : {}),
    ...(deps.retriever ? { examples: deps.retriever.nearest(text, deps.exampleCount ?? 5) } : {}),
    hint: {
      category_scores: local.category_scores,
      intent_scores: local.intent_scores,
      priority: local.priority,
      sentiment: local.sentiment,
    },
  };
}

/** Classifies and extracts. Runs first; everything else reads its analysis. */
export function createAnalyzerAgent(deps: AnalyzerAgentDeps): Agent<AnalyzerInput, Analysis> {
  const localModel = deps.models?.category ? 'local-learned-v1' : 'local-rules-v1';
  return {
    name: 'analyzer',
    inputSchema: AnalyzerInputSchema,
    outputSchema: AnalysisSchema,
    provisional: (input) => analyzeTicketLocally(guardTicket(input.ticket), input.profile, deps),
    async run(input: AnalyzerInput, ctx: AgentContext) {
      // Instructions injected into the ticket must not steer the offline analysis. Computed once: it is both
      // the model's hint and the local provider's answer.
      let cached: Analysis | undefined;
      const local = () => (cached ??= analyzeTicketLocally(guardTicket(input.ticket), input.profile, deps));
      const result = await ctx.provider.generate({
        agent: 'analyzer',
        schemaName: 'ticket_analysis',
        schema: AnalysisSchema,
        schemaDescription: 'Record the triage of the support ticket: category, priority, sentiment, extracted facts and escalation.',
        prompt: () => analyzerPrompt(input, analyzerPromptContext(input, deps, local())),
        local,
        localModel,
        signal: ctx.signal,
        ticketId: ctx.ticketId,
      });
      // The language is always detected locally, whoever wrote the rest: a model's guess is not recorded.
      const detector = deps.language;
      if (!detector) return result;
      const language = cached?.language ?? detector.detect(ticketText(guardTicket(input.ticket)));
      return { ...result, data: { ...result.data, language } };
    },
  };
}
