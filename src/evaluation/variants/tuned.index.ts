import type { Article } from '../../schemas/article.schema.js';
import type { KnowledgeHit, KnowledgeIndex, KnowledgeQuery } from '../../knowledge/knowledge-index.js';

export interface RetrievalTuning {
  /** Articles retrieved before the relevance cut (replaces the query's k). */
  k?: number | undefined;
  /** Relevance cut (replaces the index's threshold). */
  minScore?: number | undefined;
}

/**
 * An index with a variant's retrieval settings: the knowledge agent reads `relevanceThreshold` and passes
 * `k` in the query, so overriding both here changes retrieval without touching the agent.
 */
export class TunedKnowledgeIndex implements KnowledgeIndex {
  readonly kind: string;
  readonly relevanceThreshold: number;

  constructor(
    private readonly inner: KnowledgeIndex,
    private readonly tuning: RetrievalTuning,
  ) {
    this.relevanceThreshold = tuning.minScore ?? inner.relevanceThreshold;
    const notes = [tuning.k !== undefined ? `k=${tuning.k}` : '', tuning.minScore !== undefined ? `min=${tuning.minScore}` : ''].filter(Boolean);
    this.kind = notes.length ? `${inner.kind}(${notes.join(',')})` : inner.kind;
  }

  search(query: KnowledgeQuery): Promise<KnowledgeHit[]> {
    return this.inner.search(this.tuning.k !== undefined ? { ...query, k: this.tuning.k } : query);
  }

  upsert(article: Article): Promise<void> {
    return this.inner.upsert(article);
  }

  remove(articleId: string): Promise<boolean> {
    return this.inner.remove(articleId);
  }

  stats() {
    return this.inner.stats();
  }
}
