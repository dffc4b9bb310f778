import type { Article } from '../schemas/article.schema.js';
import type { Category } from '../schemas/taxonomy.schema.js';

export interface KnowledgeQuery {
  text: string;
  errorCodes?: string[];
  products?: string[];
  /** Restrict to articles of these categories / products (filters, not boosts). */
  filter?: { categories?: Category[]; products?: string[] };
  k?: number;
}

export interface KnowledgeHit {
  article: Article;
  /** Fused relevance; comparable across queries of one index kind. */
  score: number;
  /** The passage of the article that matched best. */
  passage: string;
}

/** The port retrieval depends on. Lexical now; the HNSW hybrid plugs in behind the same interface. */
export interface KnowledgeIndex {
  readonly kind: string;
  /** Score below which a hit is not relevant enough to cite. */
  readonly relevanceThreshold: number;
  search(query: KnowledgeQuery): Promise<KnowledgeHit[]>;
  upsert(article: Article): Promise<void>;
  remove(articleId: string): Promise<boolean>;
  stats(): { articles: number; kind: string };
}
