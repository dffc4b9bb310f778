import { rawTokens, STOP_WORDS } from '../text.js';
import { l2normalize, type Embedder } from './embedder.js';
import { fnv1a } from './hashing.embedder.js';
import type { WordVectors } from './word-vectors.js';

export interface SifOptions {
  /** SIF smoothing: a word of estimated frequency p weighs a / (a + p). */
  a?: number;
  /** Misspellings are corrected (one edit) only to words this frequent, so rare junk words are not picked. */
  correctionVocabulary?: number;
}

const ALPHABET = 'abcdefghijklmnopqrstuvwxyz';

/**
 * Smooth-inverse-frequency weighted average of GloVe word vectors (Arora et al., 2017). GloVe's vocabulary is
 * sorted by corpus frequency, so a word's rank gives its frequency by Zipf's law. Unknown words get a
 * one-edit spelling correction ("pasword" → "password"); what is still unknown, like error codes, gets a
 * stable pseudo-random vector of its own, so "E2003" in a query points the same way as in an article.
 */
export class SifEmbedder implements Embedder {
  readonly id: string;
  private readonly a: number;
  private readonly harmonic: number;
  private readonly correctionVocabulary: number;
  private readonly meanNorm: number;
  private readonly corrections = new Map<string, number>();

  constructor(
    private readonly words: WordVectors,
    options: SifOptions = {},
  ) {
    this.a = options.a ?? 1e-3;
    this.correctionVocabulary = options.correctionVocabulary ?? 100_000;
    this.harmonic = Math.log(words.size) + 0.5772;
    let sum = 0;
    const sample = Math.min(words.size, 50_000);
    for (let i = 0; i < sample; i++) {
      const row = words.row(i);
      let sq = 0;
      for (let d = 0; d < row.length; d++) sq += row[d]! * row[d]!;
      sum += Math.sqrt(sq);
    }
    this.meanNorm = sum / sample;
    this.id = `sif-glove${words.dim}-a${this.a}-v1`;
  }

  async embed(texts: string[]): Promise<Float32Array[]> {
    return texts.map((t) => this.embedOne(t));
  }

  embedOne(text: string): Float32Array {
    const v = new Float32Array(this.words.dim);
    for (const tok of rawTokens(text)) {
      if (STOP_WORDS.has(tok)) continue;
      const direct = this.words.rank(tok);
      if (direct >= 0 || /\d/.test(tok)) {
        this.add(v, tok, direct);
        continue;
      }
      // Compounds the vectors do not know as a whole ("dark-mode", "sign_in") count as their parts.
      for (const part of tok.split(/[._-]+/)) {
        if (part.length < 2 || STOP_WORDS.has(part)) continue;
        this.add(v, part, this.words.rank(part));
      }
    }
    return l2normalize(v);
  }

  private add(v: Float32Array, token: string, rank: number): void {
    if (rank < 0 && !/\d/.test(token)) rank = this.correct(token);
    if (rank >= 0) {
      const p = 1 / ((rank + 1) * this.harmonic);
      const w = this.a / (this.a + p);
      const row = this.words.row(rank);
      for (let d = 0; d < v.length; d++) v[d]! += w * row[d]!;
      return;
    }
    // Unknown: a pseudo-random direction seeded by the token, as long as a typical word vector, weight 1.
    let h = fnv1a(token);
    const scale = this.meanNorm / Math.sqrt(v.length / 3);
    for (let d = 0; d < v.length; d++) {
      h = Math.imul(h ^ (h >>> 15), 0x2c1b3c6d) >>> 0;
      h = Math.imul(h ^ (h >>> 12), 0x297a2d39) >>> 0;
      v[d]! += scale * ((h / 4294967296) * 2 - 1);
    }
  }

  /** The most frequent known word one edit away (delete, transpose, replace, insert), or -1. */
  private correct(word: string): number {
    const cached = this.corrections.get(word);
    if (cached !== undefined) return cached;
    let best = -1;
    const consider = (w: string) => {
      const r = this.words.rank(w);
      if (r >= 0 && r < this.correctionVocabulary && (best < 0 || r < best)) best = r;
    };
    if (word.length >= 4 && /^[a-z]+$/.test(word)) {
      for (let i = 0; i <= word.length; i++) {
        const pre = word.slice(0, i);
        const post = word.slice(i);
        if (post) consider(pre + post.slice(1));
        if (post.length > 1) consider(pre + post[1] + post[0] + post.slice(2));
        for (const c of ALPHABET) {
          if (post) consider(pre + c + post.slice(1));
          consider(pre + c + post);
        }
      }
    }
    if (this.corrections.size > 50_000) this.corrections.clear();
    this.corrections.set(word, best);
    return best;
  }
}
