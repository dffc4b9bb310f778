import { z } from 'zod';
import type { KnowledgeHit, KnowledgeIndex } from '../../knowledge/knowledge-index.js';
import { buildKnowledgeQuery } from '../../knowledge/query-builder.js';
import { AnalysisSchema } from '../../schemas/analysis.schema.js';
import { KnowledgeResultSchema, type KnowledgeResult } from '../../schemas/article.schema.js';
import { TicketInputSchema, type TicketInput } from '../../schemas/ticket.schema.js';
import type { Agent, AgentContext } from '../agent.js';
import { knowledgePrompt } from '../prompts/knowledge.prompt.js';

export const KnowledgeInputSchema = z.object({ ticket: TicketInputSchema, analysis: AnalysisSchema });
export type KnowledgeInput = z.infer<typeof KnowledgeInputSchema>;

const MAX_ARTICLES = 3;
/** Candidates the index hands to the re-ranker. */
const CANDIDATES = 8;
const EXCERPT_CHARS = 400;

/** What a model decides: a better search query, and which candidates solve the ticket, best first. */
export const RerankSchema = z.object({
  search_query: z.string().min(1).describe('The problem restated as a short help-centre search query'),
  ranking: z
    .array(z.object({ article_id: z.string(), relevant: z.boolean().describe('Does this article solve the problem?') }))
    .describe('The candidate articles, most useful first'),
});
export type Rerank = z.infer<typeof RerankSchema>;

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

/** The index's own judgement, in the re-ranker's shape: its order, relevant when over the threshold. */
function indexJudgement(index: KnowledgeIndex, query: string, hits: KnowledgeHit[]): Rerank {
  return { search_query: query, ranking: hits.map((h) => ({ article_id: h.article.article_id, relevant: h.score >= index.relevanceThreshold })) };
}

/** First-pass candidates from the ticket alone: no analysis needed, so it can run while the analyzer does. */
function firstPass(index: KnowledgeIndex, ticket: TicketInput): Promise<KnowledgeHit[]> {
  return index.search(buildKnowledgeQuery(ticket, undefined, CANDIDATES));
}

/**
 * Retrieval: the index generates candidates (from the analysis-built query, plus the first pass from the
 * ticket alone); a model rewrites the query and re-ranks them, and may only cite candidates. When the model
 * finds none relevant, its rewritten query gets one more pass through the index, whose own threshold decides.
 * Offline, the index's order and threshold are the judgement.
 */
export function createKnowledgeAgent(index: KnowledgeIndex): Agent<KnowledgeInput, KnowledgeResult> {
  return {
    name: 'knowledge',
    inputSchema: KnowledgeInputSchema,
    outputSchema: KnowledgeResultSchema,
    prefetch: (ticket) => firstPass(index, ticket),
    async run(input: KnowledgeInput, ctx: AgentContext) {
      const query = buildKnowledgeQuery(input.ticket, input.analysis, CANDIDATES);
      const [main, first] = await Promise.all([
        index.search(query),
        (ctx.prefetched?.catch(() => []) as Promise<KnowledgeHit[]> | undefined) ?? Promise.resolve([]),
      ]);
      const candidates = new Map(main.map((h) => [h.article.article_id, h]));
      for (const h of first) if (!candidates.has(h.article.article_id)) candidates.set(h.article.article_id, h);
      const pool = [...candidates.values()];
      const result = await ctx.provider.generate({
        agent: 'knowledge',
        schemaName: 'article_ranking',
        schemaDescription: 'Record a rewritten search query and the candidate articles ranked by how well they solve the ticket.',
        schema: RerankSchema,
        prompt: () => knowledgePrompt(input, pool.map((h) => ({ id: h.article.article_id, title: h.article.title, excerpt: toHitResult(h).excerpt }))),
        local: () => indexJudgement(index, query.text, main),
        localModel: index.kind,
        signal: ctx.signal,
        ticketId: ctx.ticketId,
      });
      const judged = result.data;
      let articles = judged.ranking
        .filter((r) => r.relevant)
        .map((r) => candidates.get(r.article_id))
        .filter((h): h is KnowledgeHit => h !== undefined);
      articles = [...new Map(articles.map((h) => [h.article.article_id, h])).values()];
      const fromModel = result.provider !== 'local';
      if (articles.length === 0 && fromModel) {
        const rejected = new Set(judged.ranking.map((r) => r.article_id));
        const rescue = await index.search({ text: judged.search_query, errorCodes: input.analysis.error_codes, products: input.analysis.mentioned_products, k: MAX_ARTICLES });
        articles = rescue.filter((h) => h.score >= index.relevanceThreshold && !rejected.has(h.article.article_id));
      }
      const top = articles.slice(0, MAX_ARTICLES);
      return { ...result, data: { query: fromModel ? judged.search_query : query.text, articles: top.map(toHitResult), no_relevant_match: top.length === 0 } };
    },
    fallback: (input) => ({ query: input.ticket.subject, articles: [], no_relevant_match: true }),
  };
}
