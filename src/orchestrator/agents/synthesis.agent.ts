import { z } from 'zod';
import { AnalysisSchema } from '../../schemas/analysis.schema.js';
import { KnowledgeResultSchema } from '../../schemas/article.schema.js';
import { CustomerProfileSchema } from '../../schemas/customer.schema.js';
import { DraftReplySchema, DraftResponseSchema, type DraftResponse } from '../../schemas/response.schema.js';
import { SystemStatusSchema } from '../../schemas/status.schema.js';
import { TicketInputSchema } from '../../schemas/ticket.schema.js';
import type { Prompt } from '../../llm/llm-provider.js';
import { composeReply, type ComposeInput } from '../../synthesis/local-composer.js';
import { checkReply } from '../../synthesis/reply-check.js';
import type { Agent, AgentContext } from '../agent.js';
import { synthesisPrompt } from '../prompts/synthesis.prompt.js';

export const SynthesisInputSchema = z.object({
  ticket: TicketInputSchema,
  analysis: AnalysisSchema,
  knowledge: KnowledgeResultSchema,
  system_status: SystemStatusSchema,
  profile: CustomerProfileSchema.optional(),
});
export type SynthesisInput = z.infer<typeof SynthesisInputSchema>;

/** Used only if synthesis itself fails: an honest holding reply that promises nothing. */
function holdingReply(input: SynthesisInput): DraftResponse {
  const name = input.profile?.name.split(/\s+/)[0];
  return {
    response_text:
      `${name ? `Hi ${name},` : 'Hello,'}\n\nThank you for contacting Nimbus Support. We have received your message ` +
      'and a member of our team will review it and get back to you.\n\nBest regards,\nNimbus Support',
    tone: 'professional',
    suggested_actions: ['Reply generation failed: write the reply by hand'],
    cited_articles: [],
  };
}

/** A prompt version: the prompt a model gets and the offline template that plays its part locally. */
export interface SynthesisStyle {
  version: string;
  prompt: (input: SynthesisInput) => Prompt;
  compose: (input: ComposeInput) => DraftResponse;
  localModel: string;
}

export const DEFAULT_SYNTHESIS_STYLE: SynthesisStyle = {
  version: 'v1',
  prompt: synthesisPrompt,
  compose: composeReply,
  localModel: 'local-templates-v1',
};

export interface SynthesisDeps {
  /** Full text of an article by id, for the post-check that a promise is backed by a cited article. */
  articleText?: (articleId: string) => string | undefined;
}

/** Drafts the reply in a prompt version's style; every reply, model-written or not, goes through the post-check (checkReply). */
export function createSynthesisAgent(
  style: SynthesisStyle = DEFAULT_SYNTHESIS_STYLE,
  deps: SynthesisDeps = {},
): Agent<SynthesisInput, DraftResponse> {
  return {
    name: 'synthesis',
    inputSchema: SynthesisInputSchema,
    outputSchema: DraftResponseSchema,
    async run(input: SynthesisInput, ctx: AgentContext) {
      const articleText = (id: string) => {
        const hit = input.knowledge.articles.find((a) => a.article_id === id);
        return deps.articleText?.(id) ?? (hit ? [hit.title, hit.excerpt, ...hit.solution_steps].join('\n') : undefined);
      };
      const result = await ctx.provider.generate({
        agent: 'synthesis',
        schemaName: 'draft_reply',
        schemaDescription: 'Record the reply to send to the customer, its tone, actions for the support agent and the cited article ids.',
        schema: DraftReplySchema,
        prompt: () => style.prompt(input),
        local: () =>
          style.compose({
            analysis: input.analysis,
            knowledge: input.knowledge,
            systemStatus: input.system_status,
            profile: input.profile,
          }),
        localModel: style.localModel,
        signal: ctx.signal,
        ticketId: ctx.ticketId,
      });
      return { ...result, data: checkReply(result.data, input.knowledge.articles, articleText) };
    },
    fallback: (input) => holdingReply(input),
  };
}
