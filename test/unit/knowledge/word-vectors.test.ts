import { existsSync, readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { parseWinkEmbeddings, WordVectorFormatError } from '../../../src/knowledge/embedding/word-vectors.convert.js';
import { readWordVectorCache, WordVectors, writeWordVectorCache } from '../../../src/knowledge/embedding/word-vectors.js';
import { tempDir } from '../../helpers/build-test-app.js';

const dir = tempDir('wv-');
afterAll(() => dir.remove());

/** A three-word file in the wink layout: 4 dimensions, then l2 norm and the word's index. */
function winkFixture(): string {
  const path = join(dir.path, 'wink.json');
  const vectors = {
    the: [0.5, -1.25, 3e-2, 0, 1.3, 0],
    '"': [1, 2, 3, 4, 5.4, 2],
    café: [-0.000123, 12.5, -7, 1.5e-5, 14.2, 1],
  };
  writeFileSync(path, JSON.stringify({ precision: 8, l2NormIndex: 4, wordIndex: 5, size: 3, dimensions: 4, words: ['the', 'café', '"'], vectors, unkVector: [0, 0, 0, 0, 0, -1] }));
  return path;
}

describe('wink embeddings conversion', () => {
  it('parses words (escaped and non-ASCII) and numbers (negative, exponent) into rows by word index', () => {
    const t = parseWinkEmbeddings(winkFixture());
    expect(t.dim).toBe(4);
    expect(t.words).toEqual(['the', 'café', '"']);
    expect(Array.from(t.vectors)).toEqual(
      [0.5, -1.25, 3e-2, 0, -0.000123, 12.5, -7, 1.5e-5, 1, 2, 3, 4].map((x) => Math.fround(x)),
    );
  });

  it('round-trips through the binary cache, written atomically (no temp file left behind)', () => {
    const t = parseWinkEmbeddings(winkFixture());
    const cache = join(dir.path, 'cache', 'wv.bin');
    writeWordVectorCache(cache, t);
    expect(readdirSync(join(dir.path, 'cache'))).toEqual(['wv.bin']);
    const back = readWordVectorCache(cache);
    expect(back.words).toEqual(t.words);
    expect(Array.from(back.vectors)).toEqual(Array.from(t.vectors));
    const wv = new WordVectors(back);
    expect(wv.rank('café')).toBe(1);
    expect(Array.from(wv.row(1))).toEqual(Array.from(t.vectors.subarray(4, 8)));
    expect(wv.rank('missing')).toBe(-1);
  });

  it('rejects files that are not in the format, naming the problem', () => {
    const bad = join(dir.path, 'bad.json');
    writeFileSync(bad, '{"hello": 1}');
    expect(() => parseWinkEmbeddings(bad)).toThrow(WordVectorFormatError);
    writeFileSync(bad, 'not a cache');
    expect(() => readWordVectorCache(bad)).toThrow(/not a word-vector cache/);
    expect(existsSync(bad)).toBe(true);
  });
});
