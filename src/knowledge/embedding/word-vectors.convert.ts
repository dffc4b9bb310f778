import { readFileSync } from 'node:fs';

/** Word vectors in memory: `vectors` holds `count` rows of `dim` floats, row i for `words[i]`. */
export interface WordVectorTable {
  dim: number;
  words: string[];
  vectors: Float32Array;
}

export class WordVectorFormatError extends Error {}

const QUOTE = 0x22;
const BACKSLASH = 0x5c;

/**
 * Reads the wink-embeddings JSON (`{"dimensions":100,"size":N,"vectors":{"word":[d0..d99,l2norm,index],...}}`)
 * with a byte scanner instead of JSON.parse: the file is 307 MB and JSON.parse needs ~9 s and a couple of GB
 * of heap, this needs the file buffer plus the Float32 result.
 */
export function parseWinkEmbeddings(path: string): WordVectorTable {
  const buf = readFileSync(path);
  const head = buf.subarray(0, 4096).toString('latin1');
  const dim = Number(/"dimensions"\s*:\s*(\d+)/.exec(head)?.[1]);
  const size = Number(/"size"\s*:\s*(\d+)/.exec(head)?.[1]);
  if (!Number.isInteger(dim) || !Number.isInteger(size) || dim <= 0 || size <= 0) {
    throw new WordVectorFormatError(`${path}: no "dimensions"/"size" header; is this a wink-embeddings file?`);
  }
  const start = buf.indexOf('"vectors":{');
  if (start < 0) throw new WordVectorFormatError(`${path}: no "vectors" object`);
  const words: string[] = new Array<string>(size);
  const vectors = new Float32Array(size * dim);
  const row = new Float64Array(dim + 2);
  let pos = start + '"vectors":{'.length;
  let count = 0;
  while (pos < buf.length) {
    while (buf[pos] === 0x20 || buf[pos] === 0x2c || buf[pos] === 0x0a) pos++;
    if (buf[pos] === 0x7d) break; // end of the vectors object
    if (buf[pos] !== QUOTE) throw new WordVectorFormatError(`${path}: unexpected byte at ${pos}`);
    // The key: a JSON string, decoded with JSON.parse only when it holds an escape.
    let end = pos + 1;
    let escaped = false;
    while (buf[end] !== QUOTE) {
      if (buf[end] === BACKSLASH) {
        escaped = true;
        end++;
      }
      end++;
    }
    const word = escaped ? (JSON.parse(buf.toString('utf8', pos, end + 1)) as string) : buf.toString('utf8', pos + 1, end);
    pos = end + 1;
    while (buf[pos] !== 0x5b) pos++;
    pos++;
    let n = 0;
    while (buf[pos] !== 0x5d) {
      const [value, next] = parseNumber(buf, pos);
      if (n < row.length) row[n] = value;
      n++;
      pos = next;
      while (buf[pos] === 0x2c || buf[pos] === 0x20) pos++;
    }
    pos++;
    if (n !== dim + 2) throw new WordVectorFormatError(`${path}: vector of "${word}" has ${n} numbers, expected ${dim + 2}`);
    const index = row[dim + 1]!;
    if (!Number.isInteger(index) || index < 0 || index >= size || words[index] !== undefined) {
      throw new WordVectorFormatError(`${path}: bad or repeated word index ${index} for "${word}"`);
    }
    words[index] = word;
    for (let d = 0; d < dim; d++) vectors[index * dim + d] = row[d]!;
    count++;
  }
  if (count !== size) throw new WordVectorFormatError(`${path}: header says ${size} words, found ${count}`);
  return { dim, words, vectors };
}

const POW10 = Array.from({ length: 40 }, (_, i) => 10 ** i);

/** A JSON number from bytes: digits accumulated as an integer and scaled once (exact to float32 precision). */
function parseNumber(buf: Buffer, pos: number): [number, number] {
  let sign = 1;
  if (buf[pos] === 0x2d) {
    sign = -1;
    pos++;
  }
  let mantissa = 0;
  let scale = 0;
  let c = buf[pos]!;
  while (c >= 0x30 && c <= 0x39) {
    mantissa = mantissa * 10 + (c - 0x30);
    c = buf[++pos]!;
  }
  if (c === 0x2e) {
    c = buf[++pos]!;
    while (c >= 0x30 && c <= 0x39) {
      mantissa = mantissa * 10 + (c - 0x30);
      scale++;
      c = buf[++pos]!;
    }
  }
  if (c === 0x65 || c === 0x45) {
    c = buf[++pos]!;
    let expSign = 1;
    if (c === 0x2d || c === 0x2b) {
      expSign = c === 0x2d ? -1 : 1;
      c = buf[++pos]!;
    }
    let exp = 0;
    while (c >= 0x30 && c <= 0x39) {
      exp = exp * 10 + (c - 0x30);
      c = buf[++pos]!;
    }
    scale -= expSign * exp;
  }
  const value = scale >= 0 ? mantissa / (POW10[scale] ?? 10 ** scale) : mantissa * 10 ** -scale;
  return [sign * value, pos];
}
