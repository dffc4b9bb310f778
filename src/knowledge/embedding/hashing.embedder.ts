import { analyzeTerms } from '../text.js';
import { l2normalize, type Embedder } from './embedder.js';

/** FNV-1a, 32-bit: a stable, fast string hash. */
export function fnv1a(text: string, seed = 0x811c9dc5): number {
  let h = seed >>> 0;
  for (let i = 0; i < text.length; i++) {
    h ^= text.charCodeAt(i);
    h = Math.imul(h, 0x01000193) >>> 0;
  }
  return h;
}

/**
 * Feature hashing of the lexical terms (signed buckets, sublinear tf). No semantics beyond shared stems,
 * but deterministic, instant and download-free: the embedder for tests and a fallback without word vectors.
 */
export class HashingEmbedder implements Embedder {
  readonly id: string;

  constructor(private readonly dim = 256) {
    this.id = `hashing-${dim}-v1`;
  }

  async embed(texts: string[]): Promise<Float32Array[]> {
    return texts.map((text) => {
      const counts = new Map<string, number>();
      for (const t of analyzeTerms(text)) counts.set(t, (counts.get(t) ?? 0) + 1);
      const v = new Float32Array(this.dim);
      for (const [term, tf] of counts) {
        const h = fnv1a(term);
        v[h % this.dim]! += (h & 0x80000000 ? -1 : 1) * (1 + Math.log(tf));
      }
      return l2normalize(v);
    });
  }
}
