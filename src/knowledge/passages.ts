import type { Article } from '../schemas/article.schema.js';
import { analyzeTerms, splitSentences } from './text.js';

export interface Passage {
  articleId: string;
  index: number;
  text: string;
}

/** Splits an article into overlapping passages of a few sentences, so a hit can show where it matched. */
export function splitPassages(article: Article, sentencesPerPassage = 3): Passage[] {
  const sentences = splitSentences(article.content);
  if (sentences.length <= sentencesPerPassage) {
    return [{ articleId: article.article_id, index: 0, text: sentences.join(' ') }];
  }
  const step = Math.max(1, sentencesPerPassage - 1);
  const passages: Passage[] = [];
  for (let start = 0; start < sentences.length; start += step) {
    passages.push({
      articleId: article.article_id,
      index: passages.length,
      text: sentences.slice(start, start + sentencesPerPassage).join(' '),
    });
    if (start + sentencesPerPassage >= sentences.length) break;
  }
  return passages;
}

/** Passages and their terms per article object; an upserted article is a new object, so it is recomputed. */
const passageTerms = new WeakMap<Article, { text: string; terms: Set<string> }[]>();
let lastQuery: { text: string; terms: Set<string> } | undefined;

/** The passage sharing the most (idf-weighted) terms with the query; the first passage when none does. */
export function bestPassage(article: Article, query: string, idf: (term: string) => number): string {
  // Called for every hit of a search with the same query: analyse each article and the query once.
  let passages = passageTerms.get(article);
  if (!passages) {
    passages = splitPassages(article).map((p) => ({ text: p.text, terms: new Set(analyzeTerms(p.text)) }));
    passageTerms.set(article, passages);
  }
  if (lastQuery?.text !== query) lastQuery = { text: query, terms: new Set(analyzeTerms(query)) };
  const queryTerms = lastQuery.terms;
  let best = passages[0]?.text ?? article.content.slice(0, 300);
  let bestScore = 0;
  for (const p of passages) {
    let score = 0;
    for (const t of p.terms) if (queryTerms.has(t)) score += idf(t);
    if (score > bestScore) {
      bestScore = score;
      best = p.text;
    }
  }
  return best;
}
