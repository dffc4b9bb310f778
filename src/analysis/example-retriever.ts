import type { LabelledRow } from './classifier/csv.reader.js';
import { sparseDot, TfidfVectorizer, type SparseVector } from './classifier/tfidf.vectorizer.js';

/** A labelled ticket shown to a model as a worked example. */
export interface LabelledExample {
  text: string;
  labels: Record<string, string>;
}

export interface ScoredExample {
  example: LabelledExample;
  similarity: number;
}

/**
 * Finds the labelled tickets nearest a new one. The port lets the lead swap the TF-IDF implementation for
 * the embedding index from src/knowledge/ without touching the analyzer.
 */
export interface ExampleRetriever {
  readonly kind: string;
  readonly size: number;
  nearest(text: string, k: number): ScoredExample[];
}

/** Cosine similarity over TF-IDF word and character n-grams; an exact scan, ample for a few thousand examples. */
export class TfidfExampleRetriever implements ExampleRetriever {
  readonly kind = 'tfidf-cosine';
  private readonly vectors: SparseVector[];

  private constructor(
    private readonly examples: LabelledExample[],
    private readonly vectorize: (text: string) => SparseVector,
  ) {
    this.vectors = examples.map((e) => vectorize(e.text));
  }

  /**
   * With `vectorize` (e.g. a loaded classifier's own TF-IDF), no vocabulary is fitted at start; otherwise one
   * is fitted on the examples.
   */
  static fromExamples(
    examples: LabelledExample[],
    vectorize?: (text: string) => SparseVector,
  ): TfidfExampleRetriever {
    if (vectorize) return new TfidfExampleRetriever(examples, vectorize);
    const vectorizer = TfidfVectorizer.fit(
      examples.map((e) => e.text),
      { minDf: 1, charNgrams: [3, 5], wordNgrams: [1, 2] },
    );
    return new TfidfExampleRetriever(examples, (t) => vectorizer.transform(t));
  }

  /** Examples from CSV rows, keeping the label columns (everything except the text). */
  static fromRows(
    rows: LabelledRow[],
    vectorize?: (text: string) => SparseVector,
    textCol = 'text',
  ): TfidfExampleRetriever {
    return TfidfExampleRetriever.fromExamples(
      rows.map((r) => ({
        text: r.text,
        labels: Object.fromEntries(Object.entries(r.fields).filter(([k, v]) => k !== textCol && v !== '')),
      })),
      vectorize,
    );
  }

  get size(): number {
    return this.examples.length;
  }

  nearest(text: string, k: number): ScoredExample[] {
    const q = this.vectorize(text);
    return this.vectors
      .map((v, i) => ({ i, s: sparseDot(q, v) }))
      .sort((a, b) => b.s - a.s || a.i - b.i)
      .slice(0, k)
      .map(({ i, s }) => ({ example: this.examples[i]!, similarity: Math.round(s * 1000) / 1000 }));
  }
}
