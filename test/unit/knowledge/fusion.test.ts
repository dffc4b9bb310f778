import { describe, expect, it } from 'vitest';
import { fuse } from '../../../src/knowledge/fusion.js';
import { QueryCachingEmbedder } from '../../../src/knowledge/embedding/embedder.js';
import { SifEmbedder } from '../../../src/knowledge/embedding/sif.embedder.js';
import { WordVectors } from '../../../src/knowledge/embedding/word-vectors.js';
import { HashingEmbedder } from '../../../src/knowledge/embedding/hashing.embedder.js';

describe('fuse', () => {
  const candidates = [
    { articleId: 'lex', lexical: 8, dense: 0.5 },
    { articleId: 'both', lexical: 6, dense: 0.9 },
    { articleId: 'dense', lexical: 0, dense: 0.95 },
    { articleId: 'none', lexical: 0, dense: 0.4 },
  ];

  it('zsum adds the positive dense z-score times the weight to the lexical score', () => {
    const sims = [0.5, 0.9, 0.95, 0.4];
    const mean = sims.reduce((a, b) => a + b) / 4;
    const sd = Math.sqrt(sims.reduce((a, b) => a + (b - mean) ** 2, 0) / 4);
    const s = fuse(candidates, { method: 'zsum', denseWeight: 2, rrfK: 60 });
    expect(s.get('both')).toBeCloseTo(6 + (2 * (0.9 - mean)) / sd, 10);
    expect(s.get('lex')).toBe(8); // below-average dense similarity never lowers a lexical score
    expect(s.get('none')).toBe(0);
    expect(fuse(candidates, { method: 'zsum', denseWeight: 0, rrfK: 60 }).get('both')).toBe(6);
  });

  it('rrf sums 1/(k + rank) over the rankings an article appears in', () => {
    const s = fuse(candidates, { method: 'rrf', denseWeight: 0, rrfK: 60 });
    expect(s.get('both')).toBeCloseTo(1 / 62 + 1 / 62, 12);
    expect(s.get('dense')).toBeCloseTo(1 / 61, 12);
  });
});

describe('SifEmbedder', () => {
  // Four words, frequency order as in GloVe: "the" most frequent.
  const words = new WordVectors({
    dim: 3,
    words: ['the', 'password', 'reset', 'invoice'],
    vectors: Float32Array.from([1, 1, 1, 1, 0, 0, 0.9, 0.1, 0, 0, 0, 1]),
  });
  const sif = new SifEmbedder(words, { a: 1e-3 });

  it('corrects one-edit misspellings to a known word', () => {
    expect(Array.from(sif.embedOne('pasword'))).toEqual(Array.from(sif.embedOne('password')));
    expect(Array.from(sif.embedOne('invocie'))).toEqual(Array.from(sif.embedOne('invoice')));
  });

  it('gives unknown codes a stable vector of their own', () => {
    const a = sif.embedOne('E2003');
    expect(Array.from(a)).toEqual(Array.from(sif.embedOne('the E2003')));
    expect(Array.from(a)).not.toEqual(Array.from(sif.embedOne('E2004')));
    expect(Math.hypot(...a)).toBeCloseTo(1, 5);
  });

  it('ranks texts with related words closer than unrelated ones', () => {
    const dot = (x: Float32Array, y: Float32Array) => x.reduce((s, v, i) => s + v * y[i]!, 0);
    const q = sif.embedOne('password');
    expect(dot(q, sif.embedOne('reset'))).toBeGreaterThan(dot(q, sif.embedOne('invoice')));
  });
});

describe('QueryCachingEmbedder', () => {
  it('embeds each distinct text once and serves repeats from the LRU', async () => {
    let calls = 0;
    const inner = new HashingEmbedder();
    const counting = { id: inner.id, embed: async (t: string[]) => ((calls += t.length), inner.embed(t)) };
    const cached = new QueryCachingEmbedder(counting, 2);
    const [a] = await cached.embed(['sync broken']);
    const [b] = await cached.embed(['sync broken']);
    expect(b).toBe(a);
    expect(calls).toBe(1);
    // A cache of two: adding x and y evicts "sync broken", which is then embedded again.
    await cached.embed(['x', 'y', 'sync broken']);
    expect(cached.hits).toBe(2);
    expect(calls).toBe(4);
  });
});
