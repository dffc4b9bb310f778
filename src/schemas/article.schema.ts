import { z } from 'zod';
import { CategorySchema } from './taxonomy.schema.js';

/** "Our articles format": what data/knowledge_base/articles.json holds and what eval commands read. */
export const ArticleSchema = z.object({
  article_id: z.string().min(1).max(100),
  title: z.string().min(1).max(300),
  content: z.string().min(1).max(100_000),
  solution_steps: z.array(z.string().min(1)).default([]),
  category: CategorySchema,
  tags: z.array(z.string()).default([]),
  products: z.array(z.string()).default([]),
  error_codes: z.array(z.string()).default([]),
  updated_at: z.string().optional(),
});
export type Article = z.infer<typeof ArticleSchema>;

export const ArticleListSchema = z.array(ArticleSchema);

export const ArticleHitSchema = z.object({
  article_id: z.string(),
  title: z.string(),
  score: z.number().describe('Relevance score of the ranking that produced the hit (higher is better)'),
  excerpt: z.string().describe('The passage that matched best'),
  solution_steps: z.array(z.string()),
  category: CategorySchema.optional(),
});
export type ArticleHit = z.infer<typeof ArticleHitSchema>;

export const KnowledgeResultSchema = z.object({
  query: z.string(),
  articles: z.array(ArticleHitSchema),
  no_relevant_match: z.boolean().describe('True when nothing passed the relevance threshold'),
});
export type KnowledgeResult = z.infer<typeof KnowledgeResultSchema>;
