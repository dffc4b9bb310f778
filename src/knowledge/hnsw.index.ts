import hnswlib from 'hnswlib-node';
import { existsSync, mkdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';

export interface HnswParams {
  m: number;
  efConstruction: number;
  efSearch: number;
  seed?: number;
}

export interface ChunkHit {
  articleId: string;
  chunk: number;
  /** Cosine similarity. */
  similarity: number;
}

interface Meta {
  key: string;
  dim: number;
  params: HnswParams;
  nextLabel: number;
  /** [label, articleId, chunk] of the live points. */
  labels: [number, string, number][];
}

const INITIAL_CAPACITY = 256;

/**
 * Chunk vectors of articles in an hnswlib cosine index. Labels are never reused; a replaced or deleted
 * article's points are marked deleted and their slots reused by later inserts, and the index doubles its
 * capacity when it is full.
 */
export class HnswChunkIndex {
  private index: hnswlib.HierarchicalNSW | undefined;
  private dimension = 0;
  private readonly labels = new Map<number, { articleId: string; chunk: number }>();
  private readonly byArticle = new Map<string, number[]>();
  private nextLabel = 0;
  private deletedSlots = 0;

  constructor(readonly params: HnswParams) {}

  get dim(): number {
    return this.dimension;
  }

  /** Live (not deleted) points. */
  get size(): number {
    return this.labels.size;
  }

  get capacity(): number {
    return this.index?.getMaxElements() ?? 0;
  }

  articleIds(): string[] {
    return [...this.byArticle.keys()];
  }

  /** Replaces the article's vectors (one per chunk) with `vectors`. */
  setArticle(articleId: string, vectors: Float32Array[]): void {
    this.removeArticle(articleId);
    if (vectors.length === 0) return;
    const index = this.ensureIndex(vectors[0]!.length);
    const live = index.getCurrentCount() - this.deletedSlots;
    if (live + vectors.length > index.getMaxElements()) {
      index.resizeIndex(Math.max(index.getMaxElements() * 2, live + vectors.length));
    }
    const labels: number[] = [];
    vectors.forEach((v, chunk) => {
      if (v.length !== this.dimension) throw new Error(`vector of ${v.length} dimensions for an index of ${this.dimension}`);
      const label = this.nextLabel++;
      const reuse = this.deletedSlots > 0;
      index.addPoint(Array.from(v), label, reuse);
      if (reuse) this.deletedSlots--;
      this.labels.set(label, { articleId, chunk });
      labels.push(label);
    });
    this.byArticle.set(articleId, labels);
  }

  removeArticle(articleId: string): boolean {
    const labels = this.byArticle.get(articleId);
    if (!labels) return false;
    for (const label of labels) {
      this.index!.markDelete(label);
      this.labels.delete(label);
      this.deletedSlots++;
    }
    this.byArticle.delete(articleId);
    return true;
  }

  /** The `k` nearest chunks; `allow` filters by article (category, product) inside the graph search. */
  search(query: Float32Array, k: number, allow?: (articleId: string) => boolean): ChunkHit[] {
    if (!this.index || this.labels.size === 0) return [];
    this.index.setEf(Math.max(this.params.efSearch, k));
    const filter = allow ? (label: number) => {
      const ref = this.labels.get(label);
      return ref !== undefined && allow(ref.articleId);
    } : undefined;
    const res = this.index.searchKnn(Array.from(query), Math.min(k, this.labels.size), filter);
    const hits: ChunkHit[] = [];
    res.neighbors.forEach((label, i) => {
      const ref = this.labels.get(label);
      if (ref) hits.push({ ...ref, similarity: 1 - res.distances[i]! });
    });
    return hits;
  }

  /** Writes index and metadata to `dir` atomically (a temp dir renamed into place). */
  save(dir: string, key: string): void {
    if (!this.index) return;
    mkdirSync(dirname(dir), { recursive: true });
    const tmp = `${dir}.${process.pid}.${Math.random().toString(36).slice(2)}.tmp`;
    mkdirSync(tmp, { recursive: true });
    try {
      this.index.writeIndexSync(join(tmp, 'index.hnsw'));
      const meta: Meta = {
        key,
        dim: this.dimension,
        params: this.params,
        nextLabel: this.nextLabel,
        labels: [...this.labels].map(([label, r]) => [label, r.articleId, r.chunk]),
      };
      writeFileSync(join(tmp, 'meta.json'), JSON.stringify(meta));
      rmSync(dir, { recursive: true, force: true });
      renameSync(tmp, dir);
    } finally {
      rmSync(tmp, { recursive: true, force: true });
    }
  }

  /** Loads what `save` wrote when its key matches; undefined when absent or stale. */
  static load(dir: string, key: string, params: HnswParams): HnswChunkIndex | undefined {
    const metaPath = join(dir, 'meta.json');
    if (!existsSync(metaPath)) return undefined;
    const meta = JSON.parse(readFileSync(metaPath, 'utf8')) as Meta;
    if (meta.key !== key) return undefined;
    const store = new HnswChunkIndex({ ...meta.params, efSearch: params.efSearch });
    const index = new hnswlib.HierarchicalNSW('cosine', meta.dim);
    index.readIndexSync(join(dir, 'index.hnsw'), true);
    store.index = index;
    store.dimension = meta.dim;
    store.nextLabel = meta.nextLabel;
    for (const [label, articleId, chunk] of meta.labels) {
      store.labels.set(label, { articleId, chunk });
      const list = store.byArticle.get(articleId) ?? [];
      list.push(label);
      store.byArticle.set(articleId, list);
    }
    store.deletedSlots = index.getCurrentCount() - meta.labels.length;
    return store;
  }

  private ensureIndex(dim: number): hnswlib.HierarchicalNSW {
    if (this.index) return this.index;
    this.dimension = dim;
    const index = new hnswlib.HierarchicalNSW('cosine', dim);
    index.initIndex({
      maxElements: INITIAL_CAPACITY,
      m: this.params.m,
      efConstruction: this.params.efConstruction,
      randomSeed: this.params.seed ?? 100,
      allowReplaceDeleted: true,
    });
    this.index = index;
    return index;
  }
}
