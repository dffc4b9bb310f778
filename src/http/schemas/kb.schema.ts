import { z } from 'zod';
import { ArticleHitSchema, ArticleSchema } from '../../schemas/article.schema.js';
import { CategorySchema } from '../../schemas/taxonomy.schema.js';

export const ArticleIdSchema = z
  .string()
  .min(1)
  .max(100)
  .regex(/^[A-Za-z0-9._-]+$/, 'letters, digits, ".", "_" and "-" only')
  .describe('Article id, e.g. KB-001');

/** PUT body: the article; its article_id may be left out and must match the path when given. */
export const ArticleReplaceSchema = ArticleSchema.extend({ article_id: ArticleIdSchema.optional() });

export const KbSearchQuerySchema = z.object({
  q: z.string().trim().min(1, 'q is required').max(2000).describe('What the customer wrote'),
  k: z.coerce.number().int().min(1).max(50).default(5).describe('Results to return'),
  category: CategorySchema.optional().describe('Only articles of this category'),
  product: z.string().min(1).max(100).optional().describe('Only articles about this product, e.g. "Nimbus Sync"'),
});

export const KbSearchResultSchema = z.object({
  query: z.string(),
  index: z.string().describe('The index and embedder that ranked the results'),
  relevance_threshold: z.number(),
  hits: z.array(ArticleHitSchema.extend({ relevant: z.boolean().describe('Score at or above the relevance threshold') })),
});
