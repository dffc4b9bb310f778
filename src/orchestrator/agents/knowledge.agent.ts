import { z } from 'zod';
import type { KnowledgeHit, KnowledgeIndex } from '../../knowledge/knowledge-index.js';
import { buildKnowledgeQuery } from '../../knowledge/query-builder.js';
import { AnalysisSchema } from '../../schemas/analysis.schema.js';
import { KnowledgeResultSchema, type KnowledgeResult } from '../../schemas/article.schema.js';
import { TicketInputSchema } from '../../schemas/ticket.schema.js';
import type { Agent, AgentContext } from '../agent.js';
import { knowledgePrompt } from '../prompts/knowledge.prompt.js';

export const KnowledgeInputSchema = z.object({ ticket: TicketInputSchema, analysis: AnalysisSchema });
export type KnowledgeInput = z.infer<typeof KnowledgeInputSchema>;

const MAX_ARTICLES = 3;
const EXCERPT_CHARS = 400;

export function toHitResult(hit: KnowledgeHit) {
  const excerpt = hit.passage.length > EXCERPT_CHARS ? `${hit.passage.slice(0, EXCERPT_CHARS - 1)}…` : hit.passage;
  return {
    article_id: hit.article.article_id,
    title: hit.article.title,
    score: Math.round(hit.score * 1000) / 1000,
    excerpt,
    solution_steps: hit.article.solution_steps,
    category: hit.article.category,
  };
}

/** Finds the articles that solve the ticket; weak matches are dropped rather than cited. */
export async function retrieveLocally(index: KnowledgeIndex, input: KnowledgeInput): Promise<KnowledgeResult> {
  const query = buildKnowledgeQuery(input.ticket, input.analysis, MAX_ARTICLES);
  const hits = await index.search(query);
  const relevant = hits.filter((h) => h.score >= index.relevanceThreshold);
  return { query: query.text, articles: relevant.map(toHitResult), no_relevant_match: relevant.length === 0 };
}

export function createKnowledgeAgent(index: KnowledgeIndex): Agent<KnowledgeInput, KnowledgeResult> {
  return {
    name: 'knowledge',
    inputSchema: KnowledgeInputSchema,
    outputSchema: KnowledgeResultSchema,
    run(input: KnowledgeInput, ctx: AgentContext) {
      return ctx.provider.generate({
        agent: 'knowledge',
        schemaName: 'knowledge_result',
        schema: KnowledgeResultSchema,
        prompt: () => knowledgePrompt(input),
        local: () => retrieveLocally(index, input),
        localModel: index.kind,
        signal: ctx.signal,
        ticketId: ctx.ticketId,
      });
    },
    fallback: (input) => ({ query: input.ticket.subject, articles: [], no_relevant_match: true }),
  };
}
