import { readFileSync } from 'node:fs';
import { performance } from 'node:perf_hooks';
import { DatasetError, parseCsv } from '../analysis/classifier/csv.reader.js';
import { UNDETERMINED, type LanguageDetector } from '../analysis/language/language-detector.js';
import { percentile } from './scenarios.js';

export interface LanguageRow {
  text: string;
  language: string;
  /** "short" (a few words) or "long" (several sentences); derived from the text when the column is absent. */
  length: 'short' | 'long';
}

/** Texts up to this many characters count as short when the file has no length column. */
export const SHORT_MAX_CHARS = 60;

/** Reads a check set with columns text,language[,length]. */
export function readLanguageRows(path: string): LanguageRow[] {
  const [header, ...rows] = parseCsv(readFileSync(path, 'utf8')).filter((r) => r.some((f) => f.trim() !== ''));
  if (!header) throw new DatasetError(`${path} is empty`);
  const col = (name: string) => header.findIndex((h) => h.trim().toLowerCase() === name);
  const [text, language, length] = [col('text'), col('language'), col('length')];
  if (text < 0 || language < 0) throw new DatasetError(`${path} needs the columns text and language (has: ${header.join(', ')})`);
  return rows.map((r, i) => {
    const t = r[text]?.trim() ?? '';
    const l = r[language]?.trim().toLowerCase() ?? '';
    if (!t || !l) throw new DatasetError(`${path} row ${i + 2}: empty text or language`);
    const declared = length >= 0 ? r[length]?.trim().toLowerCase() : undefined;
    if (declared && declared !== 'short' && declared !== 'long') throw new DatasetError(`${path} row ${i + 2}: length must be short or long, got "${declared}"`);
    return { text: t, language: l, length: (declared as 'short' | 'long' | undefined) ?? (t.length <= SHORT_MAX_CHARS ? 'short' : 'long') };
  });
}

export interface Accuracy {
  n: number;
  correct: number;
  accuracy: number;
}

export interface LanguageEvalReport {
  detector: string;
  /** Time to load the detector's data in this process (its first call), ms. */
  load_ms: number;
  /** Resident memory added by loading it, MB (approximate: includes anything else allocated meanwhile). */
  load_rss_mb: number;
  overall: Accuracy;
  short: Accuracy;
  long: Accuracy;
  per_language: (Accuracy & { language: string })[];
  /** Rows answered "und" (the detector was not confident enough to name a language). */
  undetermined: number;
  confusions: { expected: string; detected: string; count: number; examples: string[] }[];
  latency_ms: { p50: number; p95: number; max: number };
}

const acc = (rows: { ok: boolean }[]): Accuracy => {
  const correct = rows.filter((r) => r.ok).length;
  return { n: rows.length, correct, accuracy: rows.length ? round(correct / rows.length, 4) : 0 };
};
const round = (x: number, d = 3) => Math.round(x * 10 ** d) / 10 ** d;

/** Detects every row once (after a load call timed on its own) and scores the answers. */
export function evaluateLanguageDetector(
  detector: LanguageDetector,
  rows: LanguageRow[],
  onRow?: (row: LanguageRow, detected: string) => void,
): LanguageEvalReport {
  const rss0 = process.memoryUsage().rss;
  const t0 = performance.now();
  detector.detect('load');
  const loadMs = performance.now() - t0;
  const rss1 = process.memoryUsage().rss;
  const results = rows.map((row) => {
    const started = performance.now();
    const got = detector.detect(row.text);
    const ms = performance.now() - started;
    onRow?.(row, got.code);
    return { row, got: got.code, ms, ok: got.code === row.language };
  });
  const languages = [...new Set(rows.map((r) => r.language))].sort();
  const confusions = new Map<string, { expected: string; detected: string; count: number; examples: string[] }>();
  for (const r of results.filter((x) => !x.ok)) {
    const key = `${r.row.language}->${r.got}`;
    const c = confusions.get(key) ?? { expected: r.row.language, detected: r.got, count: 0, examples: [] };
    c.count++;
    if (c.examples.length < 3) c.examples.push(r.row.text.length > 60 ? `${r.row.text.slice(0, 57)}...` : r.row.text);
    confusions.set(key, c);
  }
  const latencies = results.map((r) => r.ms).sort((a, b) => a - b);
  return {
    detector: detector.id,
    load_ms: Math.round(loadMs),
    load_rss_mb: Math.max(0, Math.round((rss1 - rss0) / 1e6)),
    overall: acc(results),
    short: acc(results.filter((r) => r.row.length === 'short')),
    long: acc(results.filter((r) => r.row.length === 'long')),
    per_language: languages.map((language) => ({ language, ...acc(results.filter((r) => r.row.language === language)) })),
    undetermined: results.filter((r) => r.got === UNDETERMINED).length,
    confusions: [...confusions.values()].sort((a, b) => b.count - a.count),
    latency_ms: {
      p50: round(percentile(latencies, 50), 4),
      p95: round(percentile(latencies, 95), 4),
      max: round(latencies.at(-1) ?? 0, 4),
    },
  };
}
