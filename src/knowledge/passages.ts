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

// Passages and their analysed terms per article object (an update replaces the object, so nothing goes stale):
// stemming every passage on every search cost ~2 ms per hit.
const analysed = new WeakMap<Article, { text: string; terms: Set<string> }[]>();

function analysedPassages(article: Article): { text: string; terms: Set<string> }[] {
  let list = analysed.get(article);
  if (!list) {
    list = splitPassages(article).map((p) => ({ text: p.text, terms: new Set(analyzeTerms(p.text)) }));
    analysed.set(article, list);
  }
  return list;
}

/** The passage sharing the most (idf-weighted) terms with the query; the first passage when none does. */
export function bestPassage(article: Article, query: string, idf: (term: string) => number): string {
  const passages = analysedPassages(article);
  const queryTerms = new Set(analyzeTerms(query));
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
