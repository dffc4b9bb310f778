import { stemmer } from 'stemmer';

/** English function words that carry no topic. Negations are kept: "not syncing" differs from "syncing". */
export const STOP_WORDS = new Set(
  (
    'a an the and or but if then else of to in on at by for with from into onto about as is are was were be been being ' +
    'am do does did doing have has had having i me my mine we us our ours you your yours he him his she her it its they ' +
    'them their this that these those there here what which who whom whose when where why how all any both each few ' +
    'more most other some such only own same so than too very s t can will just should would could shall may might ' +
    'must also up down out over under again further once hi hello hey dear thanks thank please regards best cheers ' +
    'get got im ive id dont doesnt isnt wasnt cant wont hasnt havent pls plz'
  ).split(/\s+/),
);

/** Tokens like E2003, ERR_SYNC or 4.8.0 survive intact; everything is lower-cased. */
const TOKEN_RE = /[a-z0-9]+(?:[._-][a-z0-9]+)*/g;

export function rawTokens(text: string): string[] {
  return text.toLowerCase().replace(/[’']/g, '').match(TOKEN_RE) ?? [];
}

/** Stemming is the hot path of every search; words repeat, so their stems are remembered (bounded). */
const stems = new Map<string, string>();
function stem(word: string): string {
  let s = stems.get(word);
  if (s === undefined) {
    if (stems.size >= 100_000) stems.clear();
    s = stemmer(word);
    stems.set(word, s);
  }
  return s;
}

/** Tokens for lexical ranking: stop words dropped, Porter-stemmed, codes and numbers kept as they are. */
export function analyzeTerms(text: string): string[] {
  const out: string[] = [];
  for (const tok of rawTokens(text)) {
    if (STOP_WORDS.has(tok)) continue;
    if (/\d/.test(tok)) {
      out.push(tok);
      continue;
    }
    // Split snake/kebab compounds into their words too, so "dark-mode" matches "dark mode".
    const parts = tok.split(/[._-]/).filter((p) => p.length > 1 && !STOP_WORDS.has(p));
    for (const p of parts) out.push(stem(p));
  }
  return out;
}

/** Splits prose into sentences, keeping each sentence's text intact. */
export function splitSentences(text: string): string[] {
  return text
    .replace(/\r\n?/g, '\n')
    .split(/(?<=[.!?])\s+|\n+/)
    .map((s) => s.trim())
    .filter((s) => s.length > 0);
}

export function normalizeWhitespace(text: string): string {
  return text.replace(/\s+/g, ' ').trim();
}
