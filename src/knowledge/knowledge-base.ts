import { readFileSync } from 'node:fs';
import { createHash } from 'node:crypto';
import { ArticleListSchema, type Article } from '../schemas/article.schema.js';

export class KnowledgeBaseFileError extends Error {}

/** Reads and validates a knowledge base in our articles format; errors name the article and field. */
export function loadArticles(path: string): Article[] {
  let raw: unknown;
  try {
    raw = JSON.parse(readFileSync(path, 'utf8'));
  } catch (err) {
    throw new KnowledgeBaseFileError(`cannot read knowledge base ${path}: ${(err as Error).message}`);
  }
  const parsed = ArticleListSchema.safeParse(raw);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new KnowledgeBaseFileError(
      `knowledge base ${path} is not in the articles format: ${issue?.path.join('.')}: ${issue?.message}`,
    );
  }
  const ids = new Set<string>();
  for (const a of parsed.data) {
    if (ids.has(a.article_id)) throw new KnowledgeBaseFileError(`duplicate article_id ${a.article_id} in ${path}`);
    ids.add(a.article_id);
  }
  return parsed.data;
}

/** The article texts a ranker sees. Title and tags are repeated because they summarise the article. */
export function searchableText(a: Article): string {
  return [a.title, a.title, a.tags.join(' '), a.products.join(' '), a.error_codes.join(' '), a.content, a.solution_steps.join(' ')].join('\n');
}

/** A stable hash of the knowledge base content, used to key persisted indexes. */
export function contentHash(articles: Iterable<Article>): string {
  const h = createHash('sha256');
  const sorted = [...articles].sort((x, y) => x.article_id.localeCompare(y.article_id));
  for (const a of sorted) h.update(JSON.stringify(a)).update('\n');
  return h.digest('hex').slice(0, 16);
}

/** The live set of articles, mutable while the service runs. */
export class KnowledgeBase {
  private readonly articles = new Map<string, Article>();

  constructor(articles: Article[] = []) {
    for (const a of articles) this.articles.set(a.article_id, a);
  }

  get size(): number {
    return this.articles.size;
  }

  get(id: string): Article | undefined {
    return this.articles.get(id);
  }

  all(): Article[] {
    return [...this.articles.values()];
  }

  put(article: Article): void {
    this.articles.set(article.article_id, article);
  }

  delete(id: string): boolean {
    return this.articles.delete(id);
  }

  hash(): string {
    return contentHash(this.articles.values());
  }
}
