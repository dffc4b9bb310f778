import { readFileSync } from 'node:fs';
import { z } from 'zod';
import { extractEntities } from '../analysis/extraction.js';
import { fnv1a } from '../knowledge/embedding/hashing.embedder.js';
import type { KnowledgeHit, KnowledgeQuery } from '../knowledge/knowledge-index.js';
import { percentile } from './scenarios.js';

export const RetrievalQuerySchema = z.object({
  query: z.string().min(1),
  relevant: z.array(z.string().min(1)).min(1),
});
export type RetrievalQuery = z.infer<typeof RetrievalQuerySchema>;

export class QueriesFileError extends Error {}

/** Reads a JSONL file of `{"query": "...", "relevant": ["id", ...]}`; errors name the line. */
export function loadRetrievalQueries(path: string, knownIds?: Set<string>, opts: { dropUnknown?: boolean } = {}): RetrievalQuery[] {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (err) {
    throw new QueriesFileError(`cannot read queries file ${path}: ${(err as Error).message}`);
  }
  const out: RetrievalQuery[] = [];
  text.split('\n').forEach((line, i) => {
    if (line.trim() === '') return;
    let raw: unknown;
    try {
      raw = JSON.parse(line);
    } catch {
      throw new QueriesFileError(`${path}:${i + 1}: not valid JSON`);
    }
    const parsed = RetrievalQuerySchema.safeParse(raw);
    if (!parsed.success) {
      const issue = parsed.error.issues[0];
      throw new QueriesFileError(`${path}:${i + 1}: ${issue?.path.join('.') || 'line'}: ${issue?.message}`);
    }
    const unknown = knownIds ? parsed.data.relevant.filter((id) => !knownIds.has(id)) : [];
    if (unknown.length > 0 && opts.dropUnknown) {
      // Evaluating on part of a knowledge base: keep the relevant articles it holds, skip queries with none.
      const kept = parsed.data.relevant.filter((id) => knownIds!.has(id));
      if (kept.length > 0) out.push({ query: parsed.data.query, relevant: kept });
      return;
    }
    if (unknown.length > 0) throw new QueriesFileError(`${path}:${i + 1}: unknown article id ${unknown.join(', ')}`);
    out.push(parsed.data);
  });
  if (out.length === 0) throw new QueriesFileError(`${path} holds no queries`);
  return out;
}

export type Split = 'all' | 'tune' | 'test';

/** A stable half split by a hash of the query text: adding queries never moves the others. */
export function inSplit(q: RetrievalQuery, split: Split): boolean {
  if (split === 'all') return true;
  const tune = fnv1a(q.query) % 2 === 0;
  return split === 'tune' ? tune : !tune;
}

/** What a ticket-less query gives the index: its text, and the error codes in it for exact matches. */
export function toKnowledgeQuery(q: RetrievalQuery, k: number): KnowledgeQuery {
  return { text: q.query, errorCodes: extractEntities(q.query).errorCodes, k };
}

export interface RetrievalMetrics {
  queries: number;
  hit_at_1: number;
  hit_at_5: number;
  mrr_at_10: number;
  ndcg_at_10: number;
  latency_ms: { p50: number; p95: number };
}

/** Rank-based metrics with binary relevance, averaged over queries. */
export function scoreRankings(rankings: { ranked: string[]; relevant: string[] }[]): Omit<RetrievalMetrics, 'latency_ms'> {
  let h1 = 0;
  let h5 = 0;
  let mrr = 0;
  let ndcg = 0;
  for (const { ranked, relevant } of rankings) {
    const rel = new Set(relevant);
    const first = ranked.slice(0, 10).findIndex((id) => rel.has(id));
    if (first === 0) h1++;
    if (first >= 0 && first < 5) h5++;
    if (first >= 0) mrr += 1 / (first + 1);
    let dcg = 0;
    ranked.slice(0, 10).forEach((id, i) => {
      if (rel.has(id)) dcg += 1 / Math.log2(i + 2);
    });
    let ideal = 0;
    for (let i = 0; i < Math.min(rel.size, 10); i++) ideal += 1 / Math.log2(i + 2);
    ndcg += ideal > 0 ? dcg / ideal : 0;
  }
  const n = Math.max(1, rankings.length);
  const r = (x: number) => Math.round((x / n) * 1000) / 1000;
  return { queries: rankings.length, hit_at_1: r(h1), hit_at_5: r(h5), mrr_at_10: r(mrr), ndcg_at_10: r(ndcg) };
}

/** Runs every query through `search`, timing each, and scores the rankings. */
export async function evaluateRetrieval(
  queries: RetrievalQuery[],
  search: (q: KnowledgeQuery) => Promise<KnowledgeHit[]>,
  k = 10,
  onQuery?: () => void,
): Promise<RetrievalMetrics> {
  const times: number[] = [];
  const rankings: { ranked: string[]; relevant: string[] }[] = [];
  for (const q of queries) {
    const t0 = performance.now();
    const hits = await search(toKnowledgeQuery(q, Math.max(k, 10)));
    times.push(performance.now() - t0);
    rankings.push({ ranked: hits.slice(0, k).map((h) => h.article.article_id), relevant: q.relevant });
    onQuery?.();
  }
  times.sort((a, b) => a - b);
  const r = (x: number) => Math.round(x * 1000) / 1000;
  return { ...scoreRankings(rankings), latency_ms: { p50: r(percentile(times, 50)), p95: r(percentile(times, 95)) } };
}
