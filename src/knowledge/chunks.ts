import type { Article } from '../schemas/article.schema.js';
import { splitSentences } from './text.js';

export const CHUNKER_ID = 'chunks-s4o1-v1';

/**
 * The texts of an article that get a vector each. A whole article averages many topics into one blurred
 * vector, so long ones are split into windows of four sentences (overlapping by one), each prefixed with the
 * title for context; one more chunk holds the title, tags and solution steps, the article in brief.
 */
export function articleChunks(article: Article, sentences = 4, overlap = 1): string[] {
  const head = `${article.title}.`;
  const summary = [head, article.tags.join(', '), ...article.solution_steps].filter(Boolean).join(' ');
  const body = splitSentences(article.content);
  const chunks = [summary];
  const step = Math.max(1, sentences - overlap);
  for (let start = 0; start < body.length; start += step) {
    chunks.push(`${head} ${body.slice(start, start + sentences).join(' ')}`);
    if (start + sentences >= body.length) break;
  }
  return chunks;
}
