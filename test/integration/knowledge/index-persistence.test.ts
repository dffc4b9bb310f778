import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { HashingEmbedder } from '../../../src/knowledge/embedding/hashing.embedder.js';
import { HybridKnowledgeIndex } from '../../../src/knowledge/hybrid.index.js';
import { KnowledgeBase, loadArticles } from '../../../src/knowledge/knowledge-base.js';
import { DATA, tempDir } from '../../helpers/build-test-app.js';

const dir = tempDir('kb-index-');
afterAll(() => dir.remove());
const hnsw = { m: 16, efConstruction: 100, efSearch: 64 };
const query = { text: 'slack notifications stopped after the update', k: 5 };

/** Counts embedder calls, to tell a built index from a loaded one. */
class CountingEmbedder extends HashingEmbedder {
  texts = 0;
  override async embed(texts: string[]) {
    this.texts += texts.length;
    return super.embed(texts);
  }
}

describe('HNSW index persistence', () => {
  it('builds and saves on first start, then reloads (embedding only queries) with identical results', async () => {
    const first = new CountingEmbedder();
    const built = await HybridKnowledgeIndex.open(new KnowledgeBase(loadArticles(DATA.articles)), first, { hnsw, persistDir: dir.path });
    expect(built.origin).toBe('built');
    expect(first.texts).toBeGreaterThan(72);
    expect(readdirSync(dir.path)).toHaveLength(1);

    const second = new CountingEmbedder();
    const loaded = await HybridKnowledgeIndex.open(new KnowledgeBase(loadArticles(DATA.articles)), second, { hnsw, persistDir: dir.path });
    expect(loaded.origin).toBe('loaded');
    expect(second.texts).toBe(0);
    const a = await built.search(query);
    const b = await loaded.search(query);
    expect(b.map((h) => [h.article.article_id, h.score])).toEqual(a.map((h) => [h.article.article_id, h.score]));
    expect(b[0]?.article.article_id).toBe('KB-040');
  });

  it('rebuilds when the knowledge base content changes, keyed by its content hash', async () => {
    const articles = loadArticles(DATA.articles);
    articles[0] = { ...articles[0]!, content: `${articles[0]!.content} Edited.` };
    const index = await HybridKnowledgeIndex.open(new KnowledgeBase(articles), new HashingEmbedder(), { hnsw, persistDir: dir.path });
    expect(index.origin).toBe('built');
    expect(readdirSync(dir.path)).toHaveLength(2);
  });

  it('rebuilds for a different embedder or index settings', async () => {
    const kb = () => new KnowledgeBase(loadArticles(DATA.articles));
    expect((await HybridKnowledgeIndex.open(kb(), new HashingEmbedder(128), { hnsw, persistDir: dir.path })).origin).toBe('built');
    expect((await HybridKnowledgeIndex.open(kb(), new HashingEmbedder(), { hnsw: { ...hnsw, m: 8 }, persistDir: dir.path })).origin).toBe('built');
    expect((await HybridKnowledgeIndex.open(kb(), new HashingEmbedder(), { hnsw, persistDir: dir.path })).origin).toBe('loaded');
    expect(readdirSync(dir.path).every((d) => !d.endsWith('.tmp'))).toBe(true);
    expect(readdirSync(join(dir.path, readdirSync(dir.path)[0]!)).sort()).toEqual(['index.hnsw', 'meta.json']);
  });
});
