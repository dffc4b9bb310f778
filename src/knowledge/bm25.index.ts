import { analyzeTerms } from './text.js';

export interface Bm25Options {
  k1: number;
  b: number;
}

export interface Bm25Hit {
  docId: string;
  score: number;
}

interface DocEntry {
  length: number;
  termFreqs: Map<string, number>;
}

/**
 * Okapi BM25 over an inverted index. Documents can be added, replaced and removed at any time;
 * statistics (document frequencies, average length) stay exact.
 */
export class Bm25Index {
  private readonly docs = new Map<string, DocEntry>();
  private readonly postings = new Map<string, Map<string, number>>();
  private totalLength = 0;

  constructor(private readonly options: Bm25Options = { k1: 1.2, b: 0.75 }) {}

  get size(): number {
    return this.docs.size;
  }

  upsert(docId: string, text: string): void {
    this.remove(docId);
    const terms = analyzeTerms(text);
    const termFreqs = new Map<string, number>();
    for (const t of terms) termFreqs.set(t, (termFreqs.get(t) ?? 0) + 1);
    this.docs.set(docId, { length: terms.length, termFreqs });
    this.totalLength += terms.length;
    for (const [term, tf] of termFreqs) {
      let posting = this.postings.get(term);
      if (!posting) this.postings.set(term, (posting = new Map()));
      posting.set(docId, tf);
    }
  }

  remove(docId: string): boolean {
    const doc = this.docs.get(docId);
    if (!doc) return false;
    for (const term of doc.termFreqs.keys()) {
      const posting = this.postings.get(term);
      posting?.delete(docId);
      if (posting && posting.size === 0) this.postings.delete(term);
    }
    this.totalLength -= doc.length;
    this.docs.delete(docId);
    return true;
  }

  idf(term: string): number {
    const n = this.docs.size;
    const df = this.postings.get(term)?.size ?? 0;
    return Math.log(1 + (n - df + 0.5) / (df + 0.5));
  }

  /** Scores every document sharing a term with the query; `filter` can exclude documents. */
  search(query: string, k: number, filter?: (docId: string) => boolean): Bm25Hit[] {
    const queryTerms = [...new Set(analyzeTerms(query))];
    if (queryTerms.length === 0 || this.docs.size === 0) return [];
    const avgLength = this.totalLength / this.docs.size;
    const { k1, b } = this.options;
    const scores = new Map<string, number>();
    for (const term of queryTerms) {
      const posting = this.postings.get(term);
      if (!posting) continue;
      const idf = this.idf(term);
      for (const [docId, tf] of posting) {
        if (filter && !filter(docId)) continue;
        const length = this.docs.get(docId)?.length ?? 0;
        const norm = tf + k1 * (1 - b + (b * length) / avgLength);
        scores.set(docId, (scores.get(docId) ?? 0) + (idf * (tf * (k1 + 1))) / norm);
      }
    }
    return [...scores.entries()]
      .map(([docId, score]) => ({ docId, score }))
      .sort((x, y) => y.score - x.score || x.docId.localeCompare(y.docId))
      .slice(0, k);
  }
}
