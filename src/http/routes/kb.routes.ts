import type { FastifyPluginAsync } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { extractEntities } from '../../analysis/extraction.js';
import { ConflictError, NotFoundError, ValidationError } from '../../errors.js';
import { toHitResult } from '../../orchestrator/agents/knowledge.agent.js';
import { ArticleSchema } from '../../schemas/article.schema.js';
import { problemResponses } from '../schemas/problem.schema.js';
import { ArticleIdSchema, ArticleReplaceSchema, KbSearchQuerySchema, KbSearchResultSchema } from '../schemas/kb.schema.js';

const params = z.object({ id: ArticleIdSchema });
const tags = ['Knowledge base'];

/** Articles can change while the service runs; every change reaches both the BM25 and the HNSW index. */
export const kbRoutes: FastifyPluginAsync = async (app) => {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const { knowledgeBase, knowledgeIndex } = app.deps;
  const location = (id: string) => `/kb/articles/${encodeURIComponent(id)}`;

  r.post(
    '/articles',
    {
      schema: {
        tags,
        summary: 'Add an article',
        body: ArticleSchema.extend({ article_id: ArticleIdSchema }),
        response: { 201: ArticleSchema, ...problemResponses(400, 409, 413, 415, 429, 500) },
      },
    },
    async (request, reply) => {
      const article = request.body;
      if (knowledgeBase.get(article.article_id)) throw new ConflictError('article', article.article_id);
      await knowledgeIndex.upsert(article);
      return reply.code(201).header('location', location(article.article_id)).send(article);
    },
  );

  r.get(
    '/articles/:id',
    {
      schema: {
        tags,
        summary: 'Read an article',
        params,
        response: { 200: ArticleSchema, ...problemResponses(400, 404, 429) },
      },
    },
    async (request) => {
      const article = knowledgeBase.get(request.params.id);
      if (!article) throw new NotFoundError('article', request.params.id);
      return article;
    },
  );

  r.put(
    '/articles/:id',
    {
      schema: {
        tags,
        summary: 'Replace an article, or create it under this id',
        description: '200 when an article was replaced, 201 when it was created. A body article_id must match the path.',
        params,
        body: ArticleReplaceSchema,
        response: { 200: ArticleSchema, 201: ArticleSchema, ...problemResponses(400, 413, 415, 429, 500) },
      },
    },
    async (request, reply) => {
      const { id } = request.params;
      if (request.body.article_id !== undefined && request.body.article_id !== id) {
        throw new ValidationError(`article_id "${request.body.article_id}" does not match the path id "${id}"`, [
          { field: 'article_id', message: `must be "${id}" (the id in the path) or left out` },
        ]);
      }
      const existed = knowledgeBase.get(id) !== undefined;
      const article = { ...request.body, article_id: id };
      await knowledgeIndex.upsert(article);
      if (!existed) reply.header('location', location(id));
      return reply.code(existed ? 200 : 201).send(article);
    },
  );

  r.delete(
    '/articles/:id',
    {
      schema: {
        tags,
        summary: 'Delete an article',
        params,
        response: { 204: z.null().describe('Deleted'), ...problemResponses(400, 404, 429) },
      },
    },
    async (request, reply) => {
      if (!(await knowledgeIndex.remove(request.params.id))) throw new NotFoundError('article', request.params.id);
      return reply.code(204).send(null);
    },
  );

  r.get(
    '/search',
    {
      schema: {
        tags,
        summary: 'Search the knowledge base as the retrieval agent does',
        description: 'Ranks articles for a customer\'s words with the configured index (hybrid by default). Error codes in q get exact-match boosts.',
        querystring: KbSearchQuerySchema,
        response: { 200: KbSearchResultSchema, ...problemResponses(400, 429, 500) },
      },
    },
    async (request) => {
      const { q, k, category, product } = request.query;
      const filter = category || product ? { ...(category ? { categories: [category] } : {}), ...(product ? { products: [product] } : {}) } : undefined;
      const hits = await knowledgeIndex.search({ text: q, errorCodes: extractEntities(q).errorCodes, k, ...(filter ? { filter } : {}) });
      return {
        query: q,
        index: knowledgeIndex.kind,
        relevance_threshold: knowledgeIndex.relevanceThreshold,
        hits: hits.map((h) => ({ ...toHitResult(h), relevant: h.score >= knowledgeIndex.relevanceThreshold })),
      };
    },
  );
};
