import { LRUCache } from 'lru-cache';

/** Turns texts into vectors. Vectors of one embedder (one `id`) are comparable by cosine. */
export interface Embedder {
  /** Names the model and its settings; persisted indexes are keyed by it, so change it when vectors change. */
  readonly id: string;
  embed(texts: string[]): Promise<Float32Array[]>;
}

export function l2normalize(v: Float32Array): Float32Array {
  let norm = 0;
  for (let i = 0; i < v.length; i++) norm += v[i]! * v[i]!;
  if (norm === 0) return v;
  const inv = 1 / Math.sqrt(norm);
  for (let i = 0; i < v.length; i++) v[i]! *= inv;
  return v;
}

export function cosine(a: Float32Array, b: Float32Array): number {
  let dot = 0;
  let na = 0;
  let nb = 0;
  for (let i = 0; i < a.length; i++) {
    dot += a[i]! * b[i]!;
    na += a[i]! * a[i]!;
    nb += b[i]! * b[i]!;
  }
  return na && nb ? dot / Math.sqrt(na * nb) : 0;
}

/**
 * Caches the embeddings of queries (LRU by text): the same ticket text is searched again on retries, and
 * a remote embedder costs a round trip per query. Article embeddings are stored with the index instead.
 */
export class QueryCachingEmbedder implements Embedder {
  private readonly cache: LRUCache<string, Float32Array>;
  hits = 0;
  misses = 0;

  constructor(
    private readonly inner: Embedder,
    max = 1000,
  ) {
    this.cache = new LRUCache({ max: Math.max(1, max) });
  }

  get id(): string {
    return this.inner.id;
  }

  clear(): void {
    this.cache.clear();
  }

  async embed(texts: string[]): Promise<Float32Array[]> {
    const missing = [...new Set(texts.filter((t) => !this.cache.has(t)))];
    this.hits += texts.length - missing.length;
    this.misses += missing.length;
    if (missing.length > 0) {
      const vectors = await this.inner.embed(missing);
      missing.forEach((t, i) => this.cache.set(t, vectors[i]!));
    }
    // A text evicted between set and get (cache smaller than the batch) is embedded again.
    return Promise.all(texts.map(async (t) => this.cache.get(t) ?? (await this.inner.embed([t]))[0]!));
  }
}
