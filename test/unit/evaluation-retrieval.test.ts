import { seededRandom } from '../../src/shared/seeded-random.js';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ExactScan, normalizeRows, TopK } from '../../src/evaluation/exact-scan.js';
import { inSplit, loadRetrievalQueries, scoreRankings } from '../../src/evaluation/retrieval-eval.js';
import { tempDir } from '../helpers/build-test-app.js';

describe('retrieval metrics', () => {
  it('computes hit@1, hit@5, MRR@10 and nDCG@10 with binary relevance', () => {
    const m = scoreRankings([
      { ranked: ['a', 'b'], relevant: ['a'] },
      { ranked: ['x', 'y', 'a', 'b'], relevant: ['a', 'b'] },
      { ranked: ['x'], relevant: ['a'] },
    ]);
    const ndcg2 = (1 / Math.log2(4) + 1 / Math.log2(5)) / (1 + 1 / Math.log2(3));
    expect(m).toEqual({
      queries: 3,
      hit_at_1: Math.round((1 / 3) * 1000) / 1000,
      hit_at_5: Math.round((2 / 3) * 1000) / 1000,
      mrr_at_10: Math.round(((1 + 1 / 3) / 3) * 1000) / 1000,
      ndcg_at_10: Math.round(((1 + ndcg2) / 3) * 1000) / 1000,
    });
  });

  it('reads queries files, naming the line of a bad entry or unknown article', () => {
    const dir = tempDir('queries-');
    try {
      const path = join(dir.path, 'q.jsonl');
      writeFileSync(path, '{"query": "sync broken", "relevant": ["KB-1"]}\n\n{"query": "x", "relevant": []}\n');
      expect(() => loadRetrievalQueries(path)).toThrow(/q\.jsonl:3: relevant/);
      writeFileSync(path, '{"query": "sync broken", "relevant": ["KB-2"]}\n');
      expect(() => loadRetrievalQueries(path, new Set(['KB-1']))).toThrow(/:1: unknown article id KB-2/);
      expect(loadRetrievalQueries(path)).toEqual([{ query: 'sync broken', relevant: ['KB-2'] }]);
      writeFileSync(path, '{"query": "a", "relevant": ["KB-1", "KB-2"]}\n{"query": "b", "relevant": ["KB-2"]}\n');
      expect(loadRetrievalQueries(path, new Set(['KB-1']), { dropUnknown: true })).toEqual([{ query: 'a', relevant: ['KB-1'] }]);
    } finally {
      dir.remove();
    }
  });

  it('splits queries into stable, disjoint halves', () => {
    const qs = Array.from({ length: 200 }, (_, i) => ({ query: `query ${i}`, relevant: ['a'] }));
    const tune = qs.filter((q) => inSplit(q, 'tune'));
    const test = qs.filter((q) => inSplit(q, 'test'));
    expect(tune.length + test.length).toBe(200);
    expect(tune.length).toBeGreaterThan(70);
    expect(test.length).toBeGreaterThan(70);
  });
});

describe('exact scan baseline', () => {
  it('TopK keeps the k largest scores', () => {
    const top = new TopK(3);
    [5, 1, 9, 3, 7, 2].forEach((s, i) => top.push(s, i));
    expect(Array.from(top.sorted().ids)).toEqual([2, 4, 0]);
  });

  it('returns the same top-k as sorting every cosine', () => {
    const rand = seededRandom(3);
    const dim = 10;
    const base = normalizeRows(Float32Array.from({ length: 500 * dim }, () => rand() - 0.5), dim);
    const q = normalizeRows(Float32Array.from({ length: dim }, () => rand() - 0.5), dim);
    const all = Array.from({ length: 500 }, (_, i) => ({ i, s: base.subarray(i * dim, (i + 1) * dim).reduce((a, v, d) => a + v * q[d]!, 0) }));
    const expected = all.sort((a, b) => b.s - a.s).slice(0, 10).map((x) => x.i);
    expect(Array.from(new ExactScan(base, dim).search(q, 10).ids)).toEqual(expected);
  });
});
