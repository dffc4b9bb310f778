import { z } from 'zod';
import { guardTicket } from '../../analysis/injection-guard.js';
import { analyzeTicketLocally, type LocalAnalyzerDeps } from '../../analysis/local-analyzer.js';
import { AnalysisSchema, type Analysis } from '../../schemas/analysis.schema.js';
import { CustomerProfileSchema } from '../../schemas/customer.schema.js';
import { TicketInputSchema } from '../../schemas/ticket.schema.js';
import type { Agent, AgentContext } from '../agent.js';
import { analyzerPrompt } from '../prompts/analyzer.prompt.js';

export const AnalyzerInputSchema = z.object({
  ticket: TicketInputSchema,
  profile: CustomerProfileSchema.optional(),
});
export type AnalyzerInput = z.infer<typeof AnalyzerInputSchema>;

/** Classifies and extracts. Runs first; everything else reads its analysis. */
export function createAnalyzerAgent(deps: LocalAnalyzerDeps): Agent<AnalyzerInput, Analysis> {
  return {
    name: 'analyzer',
    inputSchema: AnalyzerInputSchema,
    outputSchema: AnalysisSchema,
    provisional: (input) => analyzeTicketLocally(guardTicket(input.ticket), input.profile, deps),
    run(input: AnalyzerInput, ctx: AgentContext) {
      return ctx.provider.generate({
        agent: 'analyzer',
        schemaName: 'ticket_analysis',
        schema: AnalysisSchema,
        schemaDescription: 'Record the triage of the support ticket: category, priority, sentiment, extracted facts and escalation.',
        prompt: () => analyzerPrompt(input),
        // Instructions injected into the ticket must not steer the offline analysis.
        local: () => analyzeTicketLocally(guardTicket(input.ticket), input.profile, deps),
        localModel: 'local-rules-v1',
        signal: ctx.signal,
        ticketId: ctx.ticketId,
      });
    },
  };
}
