import { seededRandom } from '../../../src/shared/seeded-random.js';
import { describe, expect, it } from 'vitest';
import { l2normalize } from '../../../src/knowledge/embedding/embedder.js';
import { HnswChunkIndex } from '../../../src/knowledge/hnsw.index.js';
import { tempDir } from '../../helpers/build-test-app.js';

const params = { m: 16, efConstruction: 100, efSearch: 64 };
const rand = seededRandom(7);
const randomVector = (dim = 16) => l2normalize(Float32Array.from({ length: dim }, () => rand() - 0.5));

describe('HnswChunkIndex', () => {
  it('finds an article by any of its chunks and reports cosine similarity', () => {
    const idx = new HnswChunkIndex(params);
    const a = [randomVector(), randomVector()];
    idx.setArticle('A', a);
    idx.setArticle('B', [randomVector()]);
    const hit = idx.search(a[1]!, 1)[0]!;
    expect(hit).toMatchObject({ articleId: 'A', chunk: 1 });
    expect(hit.similarity).toBeCloseTo(1, 5);
    expect(idx.size).toBe(3);
  });

  it('marks replaced and deleted articles deleted, so they are never returned', () => {
    const idx = new HnswChunkIndex(params);
    const old = randomVector();
    idx.setArticle('A', [old]);
    idx.setArticle('B', [randomVector()]);
    idx.setArticle('A', [randomVector()]);
    expect(idx.search(old, 2).some((h) => h.similarity > 0.999)).toBe(false);
    expect(idx.removeArticle('B')).toBe(true);
    expect(idx.removeArticle('B')).toBe(false);
    expect(idx.search(old, 5).map((h) => h.articleId)).toEqual(['A']);
  });

  it('grows past its initial capacity and reuses deleted slots', () => {
    const idx = new HnswChunkIndex(params);
    for (let i = 0; i < 300; i++) idx.setArticle(`A${i}`, [randomVector()]);
    expect(idx.capacity).toBeGreaterThanOrEqual(300);
    const capacity = idx.capacity;
    for (let i = 0; i < 100; i++) idx.removeArticle(`A${i}`);
    for (let i = 0; i < 100; i++) idx.setArticle(`B${i}`, [randomVector()]);
    expect(idx.capacity).toBe(capacity);
    expect(idx.size).toBe(300);
  });

  it('is exact at knowledge-base size: the top 10 of 400 chunks match a brute-force scan', () => {
    const idx = new HnswChunkIndex({ m: 24, efConstruction: 100, efSearch: 200 });
    const vectors = Array.from({ length: 400 }, () => randomVector());
    vectors.forEach((v, i) => idx.setArticle(`A${i}`, [v]));
    for (let t = 0; t < 20; t++) {
      const q = randomVector();
      const dot = (v: Float32Array) => v.reduce((s, x, d) => s + x * q[d]!, 0);
      const exact = vectors.map((v, i) => ({ id: `A${i}`, s: dot(v) })).sort((a, b) => b.s - a.s).slice(0, 10).map((x) => x.id);
      expect(idx.search(q, 10).map((h) => h.articleId)).toEqual(exact);
    }
  });

  it('applies an article filter inside the search', () => {
    const idx = new HnswChunkIndex(params);
    const q = randomVector();
    idx.setArticle('near', [q]);
    idx.setArticle('far', [randomVector()]);
    expect(idx.search(q, 2, (id) => id !== 'near').map((h) => h.articleId)).toEqual(['far']);
  });

  it('saves and reloads under a key, and refuses a stale key', () => {
    const dir = tempDir('hnsw-');
    try {
      const idx = new HnswChunkIndex(params);
      const v = randomVector();
      idx.setArticle('A', [randomVector(), v]);
      idx.setArticle('B', [randomVector()]);
      idx.removeArticle('B');
      idx.save(`${dir.path}/k1`, 'key-1');
      const back = HnswChunkIndex.load(`${dir.path}/k1`, 'key-1', params)!;
      expect(back.size).toBe(2);
      expect(back.search(v, 1)[0]).toMatchObject({ articleId: 'A', chunk: 1 });
      expect(HnswChunkIndex.load(`${dir.path}/k1`, 'key-2', params)).toBeUndefined();
      expect(HnswChunkIndex.load(`${dir.path}/none`, 'key-1', params)).toBeUndefined();
      back.setArticle('C', [randomVector()]);
      expect(back.size).toBe(3);
    } finally {
      dir.remove();
    }
  });
});
