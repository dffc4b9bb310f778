export type FusionMethod = 'zsum' | 'rrf';

export interface FusionParams {
  method: FusionMethod;
  /** zsum: weight of the dense z-score added to the lexical score. */
  denseWeight: number;
  /** rrf: the constant k of reciprocal rank fusion. */
  rrfK: number;
}

export const DEFAULT_FUSION: FusionParams = { method: 'zsum', denseWeight: 1.5, rrfK: 60 };

export interface Candidate {
  articleId: string;
  /** BM25 plus exact-match boosts; 0 when the article shares no term with the query. */
  lexical: number;
  /** Best chunk cosine similarity, when the article was in the dense candidate pool. */
  dense?: number;
}

/**
 * Combines the two rankings. zsum keeps the lexical scale (so the relevance threshold means the same as for
 * BM25) and adds how far above the query's typical article similarity an article's dense similarity lies,
 * in standard deviations, counting only the positive side: dense evidence can lift an article, and a weak
 * dense score never pulls down a strong lexical match. rrf is the usual rank fusion, for comparison.
 */
export function fuse(candidates: Candidate[], p: FusionParams): Map<string, number> {
  const out = new Map<string, number>();
  if (p.method === 'rrf') {
    const rank = (key: 'lexical' | 'dense') =>
      new Map(
        candidates
          .filter((c) => (key === 'lexical' ? c.lexical > 0 : c.dense !== undefined))
          .sort((a, b) => (b[key] ?? 0) - (a[key] ?? 0))
          .map((c, i) => [c.articleId, i + 1]),
      );
    const lex = rank('lexical');
    const dense = rank('dense');
    for (const c of candidates) {
      const l = lex.get(c.articleId);
      const d = dense.get(c.articleId);
      out.set(c.articleId, (l ? 1 / (p.rrfK + l) : 0) + (d ? 1 / (p.rrfK + d) : 0));
    }
    return out;
  }
  const sims = candidates.flatMap((c) => (c.dense === undefined ? [] : [c.dense]));
  const mean = sims.reduce((s, x) => s + x, 0) / Math.max(1, sims.length);
  const sd = Math.sqrt(sims.reduce((s, x) => s + (x - mean) ** 2, 0) / Math.max(1, sims.length)) || 1;
  for (const c of candidates) {
    const z = c.dense === undefined || sims.length < 3 ? 0 : (c.dense - mean) / sd;
    out.set(c.articleId, c.lexical + p.denseWeight * Math.max(0, z));
  }
  return out;
}
