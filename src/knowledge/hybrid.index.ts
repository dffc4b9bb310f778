import { createHash } from 'node:crypto';
import { join } from 'node:path';
import type { Logger } from '../logger.js';
import type { Article } from '../schemas/article.schema.js';
import { articleChunks, CHUNKER_ID } from './chunks.js';
import { QueryCachingEmbedder, type Embedder } from './embedding/embedder.js';
import { DEFAULT_FUSION, fuse, type Candidate, type FusionParams } from './fusion.js';
import { HnswChunkIndex, type HnswParams } from './hnsw.index.js';
import type { KnowledgeBase } from './knowledge-base.js';
import type { KnowledgeHit, KnowledgeIndex, KnowledgeQuery } from './knowledge-index.js';
import { exactMatchBoost, LexicalKnowledgeIndex, matchesFilter, type LexicalIndexOptions } from './lexical.index.js';

export type RetrievalMode = 'hybrid' | 'dense' | 'lexical';
export const RETRIEVAL_MODES: RetrievalMode[] = ['hybrid', 'dense', 'lexical'];

export interface HybridIndexOptions extends LexicalIndexOptions {
  mode?: RetrievalMode;
  fusion?: Partial<FusionParams>;
  hnsw: HnswParams;
  /** Threshold of the dense mode, on cosine similarity. */
  denseThreshold?: number;
  /** Threshold of the hybrid mode, on the fused score (lexical scale plus dense lift). */
  hybridThreshold?: number;
  /** Chunks fetched from HNSW per query; their articles form the dense candidate pool. */
  densePool?: number;
  /** Where built indexes are saved (under a key of KB content hash, embedder id and index settings). */
  persistDir?: string;
  /** Query embeddings kept in an LRU cache. */
  queryCacheSize?: number;
  log?: Logger;
}

/**
 * BM25 and an HNSW index of chunk embeddings side by side, fused per query. The lexical side is the
 * LexicalKnowledgeIndex itself, so `lexical` mode ranks exactly as the BM25 index does.
 */
export class HybridKnowledgeIndex implements KnowledgeIndex {
  readonly mode: RetrievalMode;
  readonly fusion: FusionParams;
  /** How the index was obtained at start: built, or loaded from `persistDir`. */
  origin: 'built' | 'loaded' = 'built';
  private readonly lexical: LexicalKnowledgeIndex;
  private readonly boosts: { errorCode: number; product: number };
  private readonly denseThreshold: number;
  private readonly hybridThreshold: number;
  private readonly densePool: number;
  private readonly queryEmbedder: QueryCachingEmbedder;
  private mutations: Promise<unknown> = Promise.resolve();

  private constructor(
    private readonly kb: KnowledgeBase,
    private readonly embedder: Embedder,
    private readonly vectors: HnswChunkIndex,
    private readonly options: HybridIndexOptions,
  ) {
    this.mode = options.mode ?? 'hybrid';
    this.fusion = { ...DEFAULT_FUSION, ...options.fusion };
    this.lexical = new LexicalKnowledgeIndex(kb, options);
    this.boosts = { errorCode: options.errorCodeBoost ?? 6, product: options.productBoost ?? 0.5 };
    // From data/eval/retrieval_queries.jsonl: no query's top hybrid hit scored below 5, while off-topic questions
    // without shared words ("book me a flight to Paris") do; 0.65 is near the 5th percentile of top dense hits.
    this.denseThreshold = options.denseThreshold ?? 0.65;
    this.hybridThreshold = options.hybridThreshold ?? 5;
    this.densePool = options.densePool ?? 200;
    this.queryEmbedder = new QueryCachingEmbedder(embedder, options.queryCacheSize ?? 1000);
  }

  /** Loads the saved index whose key matches this KB and embedder, or builds (and saves) a new one. */
  static async open(kb: KnowledgeBase, embedder: Embedder, options: HybridIndexOptions): Promise<HybridKnowledgeIndex> {
    const key = indexKey(kb, embedder, options.hnsw);
    const dir = options.persistDir ? join(options.persistDir, key.dir) : undefined;
    const loaded = dir ? HnswChunkIndex.load(dir, key.full, options.hnsw) : undefined;
    const index = new HybridKnowledgeIndex(kb, embedder, loaded ?? new HnswChunkIndex(options.hnsw), options);
    if (loaded) {
      index.origin = 'loaded';
      options.log?.info({ dir, chunks: loaded.size }, 'knowledge index loaded');
      return index;
    }
    const started = performance.now();
    const articles = kb.all();
    const texts = articles.map((a) => articleChunks(a));
    const flat = await embedder.embed(texts.flat());
    let at = 0;
    articles.forEach((a, i) => {
      index.vectors.setArticle(a.article_id, flat.slice(at, (at += texts[i]!.length)));
    });
    if (dir) index.vectors.save(dir, key.full);
    options.log?.info({ dir, chunks: index.vectors.size, ms: Math.round(performance.now() - started) }, 'knowledge index built');
    return index;
  }

  get kind(): string {
    return this.mode === 'lexical' ? this.lexical.kind : `${this.mode}-bm25-hnsw:${this.embedder.id}`;
  }

  get relevanceThreshold(): number {
    if (this.mode === 'dense') return this.denseThreshold;
    if (this.mode === 'hybrid') return this.fusion.method === 'rrf' ? 0 : this.hybridThreshold;
    return this.lexical.relevanceThreshold;
  }

  search(query: KnowledgeQuery): Promise<KnowledgeHit[]> {
    return this.searchWith(query, this.mode);
  }

  /** Search in any mode, whatever the default: what the eval command compares. */
  async searchWith(query: KnowledgeQuery, mode: RetrievalMode, fusion: FusionParams = this.fusion): Promise<KnowledgeHit[]> {
    const k = query.k ?? 5;
    if (mode === 'lexical') return this.lexical.search(query);
    const lexHits = mode === 'hybrid' ? this.lexical.rank(query, Math.max(k * 4, 50)) : [];
    const dense = await this.denseScores(query);
    const candidates = new Map<string, Candidate>();
    for (const h of lexHits) candidates.set(h.article.article_id, { articleId: h.article.article_id, lexical: h.score });
    for (const [articleId, d] of dense) {
      const c = candidates.get(articleId);
      if (c) c.dense = d.similarity;
      else if (mode === 'hybrid') {
        const article = this.kb.get(articleId);
        if (article) candidates.set(articleId, { articleId, lexical: exactMatchBoost(article, query, this.boosts), dense: d.similarity });
      } else candidates.set(articleId, { articleId, lexical: 0, dense: d.similarity });
    }
    const scores =
      mode === 'dense'
        ? new Map([...candidates.values()].map((c) => [c.articleId, c.dense ?? 0]))
        : fuse([...candidates.values()], fusion);
    const lexScore = new Map(lexHits.map((h) => [h.article.article_id, h.score]));
    const text = [query.text, ...(query.errorCodes ?? [])].join(' ');
    const ranked = [...scores]
      .flatMap(([articleId, score]) => {
        const article = this.kb.get(articleId);
        return article ? [{ article, score }] : [];
      })
      .sort((a, b) => b.score - a.score || a.article.article_id.localeCompare(b.article.article_id))
      .slice(0, k);
    // The passage: where the query's terms are, or else the chunk that matched in meaning.
    return ranked.map(({ article, score }) => ({
      article,
      score,
      passage: (lexScore.get(article.article_id) ?? 0) > 0 ? this.lexical.passage(article, text) : chunkPassage(article, dense.get(article.article_id)?.chunk ?? 0),
    }));
  }

  /** Best chunk similarity per article among the nearest chunks. */
  private async denseScores(query: KnowledgeQuery): Promise<Map<string, { similarity: number; chunk: number }>> {
    const [vector] = await this.queryEmbedder.embed([query.text]);
    // Only stop words (or nothing) in the query: no direction to search in.
    if (!vector || !vector.some((x) => x !== 0)) return new Map();
    const allow = query.filter
      ? (id: string) => {
          const a = this.kb.get(id);
          return a !== undefined && matchesFilter(a, query.filter);
        }
      : undefined;
    const best = new Map<string, { similarity: number; chunk: number }>();
    for (const h of this.vectors.search(vector, this.densePool, allow)) {
      const prev = best.get(h.articleId);
      if (!prev || h.similarity > prev.similarity) best.set(h.articleId, { similarity: h.similarity, chunk: h.chunk });
    }
    return best;
  }

  /** Forgets cached query embeddings, so a measurement includes embedding every query. */
  clearQueryCache(): void {
    this.queryEmbedder.clear();
  }

  /** Mutations are serialised: embedding is async, and two updates of one article must not interleave. */
  upsert(article: Article): Promise<void> {
    const run = this.mutations.then(async () => {
      const vectors = await this.embedder.embed(articleChunks(article));
      await this.lexical.upsert(article);
      this.vectors.setArticle(article.article_id, vectors);
    });
    this.mutations = run.catch(() => {});
    return run;
  }

  remove(articleId: string): Promise<boolean> {
    const run = this.mutations.then(async () => {
      this.vectors.removeArticle(articleId);
      return this.lexical.remove(articleId);
    });
    this.mutations = run.catch(() => {});
    return run;
  }

  stats() {
    return {
      articles: this.kb.size,
      kind: this.kind,
      chunks: this.vectors.size,
      capacity: this.vectors.capacity,
      origin: this.origin,
      query_cache: { hits: this.queryEmbedder.hits, misses: this.queryEmbedder.misses },
    };
  }
}

function chunkPassage(article: Article, chunk: number): string {
  const text = articleChunks(article)[chunk] ?? article.content;
  // Chunks after the first carry the title as a prefix for the embedder; the reader does not need it.
  return chunk > 0 ? text.slice(article.title.length + 2) : article.content.slice(0, 400);
}

export function indexKey(kb: KnowledgeBase, embedder: Embedder, hnsw: HnswParams): { dir: string; full: string } {
  const full = [kb.hash(), embedder.id, CHUNKER_ID, `m${hnsw.m}`, `efc${hnsw.efConstruction}`].join('|');
  const settings = createHash('sha256').update(full).digest('hex').slice(0, 12);
  return { dir: `${kb.hash()}-${settings}`, full };
}
