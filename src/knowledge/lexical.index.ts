import type { Article } from '../schemas/article.schema.js';
import { Bm25Index } from './bm25.index.js';
import type { KnowledgeHit, KnowledgeIndex, KnowledgeQuery } from './knowledge-index.js';
import type { KnowledgeBase} from './knowledge-base.js';
import { searchableText } from './knowledge-base.js';
import { bestPassage } from './passages.js';

export interface LexicalIndexOptions {
  relevanceThreshold?: number;
  /** Added to the score when the article lists an error code the ticket mentions. */
  errorCodeBoost?: number;
  /** Added per product the article covers and the ticket mentions. */
  productBoost?: number;
}

export function matchesFilter(article: Article, filter: KnowledgeQuery['filter']): boolean {
  if (!filter) return true;
  if (filter.categories?.length && !filter.categories.includes(article.category)) return false;
  if (filter.products?.length && !filter.products.some((p) => article.products.includes(p))) return false;
  return true;
}

/** Exact-match boosts shared by every ranker: error codes are near-certain evidence, products weaker. */
export function exactMatchBoost(
  article: Article,
  query: KnowledgeQuery,
  weights: { errorCode: number; product: number },
): number {
  const codes = new Set((query.errorCodes ?? []).map((c) => c.toUpperCase()));
  const products = new Set(query.products ?? []);
  let boost = 0;
  for (const c of article.error_codes) if (codes.has(c.toUpperCase())) boost += weights.errorCode;
  for (const p of article.products) if (products.has(p)) boost += weights.product;
  return boost;
}

/** BM25 over whole articles with exact-match boosts. */
export class LexicalKnowledgeIndex implements KnowledgeIndex {
  readonly kind = 'lexical-bm25';
  readonly relevanceThreshold: number;
  private readonly bm25 = new Bm25Index();
  private readonly boosts: { errorCode: number; product: number };

  constructor(
    private readonly kb: KnowledgeBase,
    options: LexicalIndexOptions = {},
  ) {
    this.relevanceThreshold = options.relevanceThreshold ?? 4;
    this.boosts = { errorCode: options.errorCodeBoost ?? 6, product: options.productBoost ?? 0.5 };
    for (const a of kb.all()) this.bm25.upsert(a.article_id, searchableText(a));
  }

  async search(query: KnowledgeQuery): Promise<KnowledgeHit[]> {
    const k = query.k ?? 5;
    const text = [query.text, ...(query.errorCodes ?? [])].join(' ');
    return this.rank(query, Math.max(k * 4, 20))
      .slice(0, k)
      .map((h) => ({ ...h, passage: this.passage(h.article, text) }));
  }

  /** BM25 plus boosts for the best `n` candidates, without passages (which cost more than the ranking). */
  rank(query: KnowledgeQuery, n: number): { article: Article; score: number }[] {
    const text = [query.text, ...(query.errorCodes ?? [])].join(' ');
    const allowed = (id: string) => {
      const a = this.kb.get(id);
      return a !== undefined && matchesFilter(a, query.filter);
    };
    const hits: { article: Article; score: number }[] = [];
    for (const c of this.bm25.search(text, n, allowed)) {
      const article = this.kb.get(c.docId);
      if (article) hits.push({ article, score: c.score + exactMatchBoost(article, query, this.boosts) });
    }
    return hits.sort((x, y) => y.score - x.score);
  }

  passage(article: Article, text: string): string {
    return bestPassage(article, text, (t) => this.bm25.idf(t));
  }

  async upsert(article: Article): Promise<void> {
    this.kb.put(article);
    this.bm25.upsert(article.article_id, searchableText(article));
  }

  async remove(articleId: string): Promise<boolean> {
    this.bm25.remove(articleId);
    return this.kb.delete(articleId);
  }

  stats() {
    return { articles: this.kb.size, kind: this.kind };
  }
}
