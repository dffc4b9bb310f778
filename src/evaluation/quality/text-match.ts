import { analyzeTerms } from '../../knowledge/text.js';

/** Stemmed content words of a text. */
export function contentTerms(text: string): Set<string> {
  return new Set(analyzeTerms(text));
}

/** Share of `part`'s content words found in `whole` (1 when `part` has none). */
export function coverage(part: string, whole: string | Set<string>): number {
  const need = contentTerms(part);
  if (need.size === 0) return 1;
  const have = typeof whole === 'string' ? contentTerms(whole) : whole;
  let hit = 0;
  for (const t of need) if (have.has(t)) hit++;
  return hit / need.size;
}

/** Lower-cased words, punctuation removed, for verbatim-overlap tests. */
export function words(text: string): string[] {
  return text.toLowerCase().replace(/[’']/g, '').match(/[a-z0-9]+/g) ?? [];
}

/** Every run of n consecutive words, joined by spaces. */
export function shingles(text: string, n: number): Set<string> {
  const w = words(text);
  const out = new Set<string>();
  for (let i = 0; i + n <= w.length; i++) out.add(w.slice(i, i + n).join(' '));
  return out;
}

/** The first run of n words that both texts share verbatim, if any. */
export function sharedRun(a: string, b: string, n: number): string | undefined {
  const bs = shingles(b, n);
  for (const s of shingles(a, n)) if (bs.has(s)) return s;
  return undefined;
}

/** Lines of a reply that present steps: numbered ("1.", "2)") or bulleted ("-", "*", "•"). */
export function stepLines(text: string): string[] {
  return text
    .split('\n')
    .map((l) => l.trim())
    .filter((l) => /^(\d{1,2}[.)]|[-*•])\s+\S/.test(l))
    .map((l) => l.replace(/^(\d{1,2}[.)]|[-*•])\s+/, ''));
}

export const clip = (s: string, n = 60) => (s.length > n ? `${s.slice(0, n - 1)}…` : s);
