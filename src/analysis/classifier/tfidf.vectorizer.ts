import { stemmer } from 'stemmer';
import { z } from 'zod';
import { STOP_WORDS } from '../../knowledge/text.js';

export const VectorizerOptionsSchema = z.object({
  /** Word n-gram range, e.g. [1, 2] for unigrams and bigrams; [0, 0] turns words off. */
  wordNgrams: z.tuple([z.number().int().min(0), z.number().int().min(0)]).default([1, 2]),
  /** Character n-gram range; [0, 0] turns characters off. */
  charNgrams: z.tuple([z.number().int().min(0), z.number().int().min(0)]).default([2, 5]),
  /** "wb": n-grams inside each padded word; "span": across the whole normalised text, spaces included. */
  charMode: z.enum(['wb', 'span']).default('wb'),
  /** Adds Porter stems of words as extra unigrams, so "charged" and "charge" share a feature. */
  stem: z.boolean().default(true),
  /** Adds bigrams of the stems of content words (stop words skipped), so "card still hasn't arrived" gives "card arriv". */
  contentBigrams: z.boolean().default(false),
  minDf: z.number().int().min(1).default(2),
  maxFeatures: z.number().int().min(1).default(200_000),
  wordWeight: z.number().min(0).default(1),
  charWeight: z.number().min(0).default(1),
});
export type VectorizerOptions = z.infer<typeof VectorizerOptionsSchema>;

export const VectorizerStateSchema = z.object({
  options: VectorizerOptionsSchema,
  vocabulary: z.array(z.string()),
  idf: z.array(z.number()),
});
export type VectorizerState = z.infer<typeof VectorizerStateSchema>;

/** A sparse row: feature indices in increasing order and their weights. */
export interface SparseVector {
  indices: Int32Array;
  values: Float32Array;
}

export function normalizeText(text: string): string {
  return text
    .toLowerCase()
    .replace(/[’'`]/g, '')
    .replace(/[^a-z0-9]+/g, ' ')
    .trim();
}

/** Counts of every word and character n-gram in a text, keyed "w:" and "c:" so the two never collide. */
export function extractTerms(text: string, o: VectorizerOptions): Map<string, number> {
  const counts = new Map<string, number>();
  const add = (t: string) => counts.set(t, (counts.get(t) ?? 0) + 1);
  const norm = normalizeText(text);
  const words = norm ? norm.split(' ') : [];
  const [wMin, wMax] = o.wordNgrams;
  if (wMax > 0) {
    for (let n = Math.max(1, wMin); n <= wMax; n++) {
      for (let i = 0; i + n <= words.length; i++) add(`w:${words.slice(i, i + n).join(' ')}`);
    }
    if (o.stem) for (const w of words) if (w.length > 3 && !/\d/.test(w)) add(`s:${stemmer(w)}`);
    if (o.contentBigrams) {
      const content = words.filter((w) => !STOP_WORDS.has(w)).map((w) => stemmer(w));
      for (let i = 0; i + 1 < content.length; i++) add(`b:${content[i]} ${content[i + 1]}`);
    }
  }
  const [cMin, cMax] = o.charNgrams;
  if (cMax > 0) {
    const pieces = o.charMode === 'wb' ? words.map((w) => ` ${w} `) : [` ${norm} `];
    for (const p of pieces) {
      for (let n = Math.max(1, cMin); n <= cMax; n++) {
        for (let i = 0; i + n <= p.length; i++) add(`c:${p.slice(i, i + n)}`);
      }
    }
  }
  return counts;
}

/**
 * TF-IDF over word and character n-grams: sublinear tf (1 + log tf), smooth idf, each block L2-normalised
 * and weighted, so word and character evidence count on a comparable scale.
 */
export class TfidfVectorizer {
  private readonly index: Map<string, number>;

  private constructor(readonly state: VectorizerState) {
    this.index = new Map(state.vocabulary.map((t, i) => [t, i]));
  }

  static fit(texts: string[], options: Partial<VectorizerOptions> = {}): TfidfVectorizer {
    return TfidfVectorizer.fitTransform(texts, options).vectorizer;
  }

  /** Fits the vocabulary and vectorises the same texts, extracting each text's n-grams once. */
  static fitTransform(
    texts: string[],
    options: Partial<VectorizerOptions> = {},
  ): { vectorizer: TfidfVectorizer; rows: SparseVector[] } {
    const o = VectorizerOptionsSchema.parse(options);
    const df = new Map<string, number>();
    const terms = texts.map((text) => extractTerms(text, o));
    for (const t of terms) for (const term of t.keys()) df.set(term, (df.get(term) ?? 0) + 1);
    // Keep terms seen in at least minDf texts, the most frequent first; ties broken by the term for determinism.
    const kept = [...df.entries()]
      .filter(([, n]) => n >= o.minDf)
      .sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1))
      .slice(0, o.maxFeatures)
      .map(([t]) => t)
      .sort();
    const n = texts.length;
    const idf = kept.map((t) => round4(Math.log((1 + n) / (1 + (df.get(t) ?? 0))) + 1));
    const vectorizer = new TfidfVectorizer({ options: o, vocabulary: kept, idf });
    return { vectorizer, rows: terms.map((t) => vectorizer.fromCounts(t)) };
  }

  static fromState(state: VectorizerState): TfidfVectorizer {
    if (state.vocabulary.length !== state.idf.length)
      throw new Error('vectorizer: vocabulary and idf differ in length');
    return new TfidfVectorizer(state);
  }

  get size(): number {
    return this.state.vocabulary.length;
  }

  transform(text: string): SparseVector {
    return this.fromCounts(extractTerms(text, this.state.options));
  }

  private fromCounts(counts: Map<string, number>): SparseVector {
    const o = this.state.options;
    const entries: [number, number, boolean][] = [];
    for (const [term, count] of counts) {
      const i = this.index.get(term);
      if (i !== undefined)
        entries.push([i, (1 + Math.log(count)) * (this.state.idf[i] ?? 1), term.startsWith('c:')]);
    }
    let wordNorm = 0;
    let charNorm = 0;
    for (const [, v, isChar] of entries) {
      if (isChar) charNorm += v * v;
      else wordNorm += v * v;
    }
    const wScale = wordNorm > 0 ? o.wordWeight / Math.sqrt(wordNorm) : 0;
    const cScale = charNorm > 0 ? o.charWeight / Math.sqrt(charNorm) : 0;
    entries.sort((a, b) => a[0] - b[0]);
    const indices = new Int32Array(entries.length);
    const values = new Float32Array(entries.length);
    entries.forEach(([i, v, isChar], k) => {
      indices[k] = i;
      values[k] = v * (isChar ? cScale : wScale);
    });
    return { indices, values };
  }

  /** Drops every feature not in `keep` (ascending indices), renumbering the rest; used to prune a trained model. */
  restrictTo(keep: number[]): TfidfVectorizer {
    return new TfidfVectorizer({
      options: this.state.options,
      vocabulary: keep.map((i) => this.state.vocabulary[i]!),
      idf: keep.map((i) => this.state.idf[i]!),
    });
  }
}

/** Cosine similarity of two L2-normalised sparse vectors with sorted indices. */
export function sparseDot(a: SparseVector, b: SparseVector): number {
  let i = 0;
  let j = 0;
  let s = 0;
  while (i < a.indices.length && j < b.indices.length) {
    const ai = a.indices[i]!;
    const bj = b.indices[j]!;
    if (ai === bj) s += a.values[i++]! * b.values[j++]!;
    else if (ai < bj) i++;
    else j++;
  }
  return s;
}

const round4 = (x: number) => Math.round(x * 1e4) / 1e4;
