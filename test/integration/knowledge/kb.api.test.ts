import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { HashingEmbedder } from '../../../src/knowledge/embedding/hashing.embedder.js';
import { HybridKnowledgeIndex } from '../../../src/knowledge/hybrid.index.js';
import { KnowledgeBase, loadArticles } from '../../../src/knowledge/knowledge-base.js';
import { buildTestApp, DATA, type TestApp } from '../../helpers/build-test-app.js';

let t: TestApp;
beforeAll(async () => {
  const knowledgeBase = new KnowledgeBase(loadArticles(DATA.articles));
  // The hybrid index with the download-free hashing embedder: these tests are about the API, not semantics.
  const knowledgeIndex = await HybridKnowledgeIndex.open(knowledgeBase, new HashingEmbedder(), { hnsw: { m: 16, efConstruction: 100, efSearch: 64 } });
  t = await buildTestApp({ parts: { knowledgeBase, knowledgeIndex } });
});
afterAll(() => t.close());

const article = {
  article_id: 'KB-900',
  title: 'Quasar widget flickers on Nimbus Desktop',
  content: 'When the quasar widget flickers, turn off hardware acceleration under Settings, Advanced. Restart Nimbus Desktop.',
  solution_steps: ['Open Settings, Advanced', 'Turn off hardware acceleration', 'Restart Nimbus Desktop'],
  category: 'technical',
  tags: ['quasar', 'flicker'],
  products: ['Nimbus Desktop'],
  error_codes: ['E9001'],
};
const search = async (q: string, extra = '') => {
  const res = await t.app.inject({ method: 'GET', url: `/kb/search?q=${encodeURIComponent(q)}${extra}` });
  expect(res.statusCode).toBe(200);
  return res.json() as { hits: { article_id: string; score: number; relevant: boolean; excerpt: string; solution_steps: string[] }[]; index: string };
};

describe('/kb', () => {
  it('searches with the hybrid index, returning passages, steps and relevance', async () => {
    const body = await search('my pdf export fails with E2003', '&k=3');
    expect(body.index).toMatch(/^hybrid-bm25-hnsw:hashing-256/);
    expect(body.hits).toHaveLength(3);
    expect(body.hits[0]).toMatchObject({ article_id: 'KB-010', relevant: true });
    expect(body.hits[0]!.excerpt.length).toBeGreaterThan(20);
    expect(body.hits[0]!.solution_steps.length).toBeGreaterThan(0);
  });

  it('answers a query of stop words only with no hits rather than an error', async () => {
    expect((await search('the and of')).hits).toEqual([]);
  });

  it('filters by category and product', async () => {
    const billing = await search('refund invoice export', '&category=billing&k=10');
    expect(billing.hits.length).toBeGreaterThan(0);
    for (const h of billing.hits) expect(t.deps.knowledgeBase.get(h.article_id)?.category).toBe('billing');
    const slack = await search('notifications', '&product=Nimbus%20for%20Slack&k=10');
    for (const h of slack.hits) expect(t.deps.knowledgeBase.get(h.article_id)?.products).toContain('Nimbus for Slack');
  });

  it('adds, reads, updates and deletes an article, and search follows each change', async () => {
    expect((await search('quasar widget flickers')).hits.map((h) => h.article_id)).not.toContain('KB-900');

    const created = await t.app.inject({ method: 'POST', url: '/kb/articles', payload: article });
    expect(created.statusCode).toBe(201);
    expect(created.headers.location).toBe('/kb/articles/KB-900');
    expect((await t.app.inject({ method: 'GET', url: '/kb/articles/KB-900' })).json()).toMatchObject({ title: article.title });
    expect((await search('quasar widget flickers')).hits[0]?.article_id).toBe('KB-900');
    expect((await search('E9001')).hits[0]?.article_id).toBe('KB-900');

    const { article_id: _omit, ...withoutId } = { ...article, title: 'Nebula panel goes blank', content: 'If the nebula panel goes blank, reload it.', tags: ['nebula'], error_codes: [] };
    const updated = await t.app.inject({ method: 'PUT', url: '/kb/articles/KB-900', payload: withoutId });
    expect(updated.statusCode).toBe(200);
    expect(updated.json()).toMatchObject({ article_id: 'KB-900', title: 'Nebula panel goes blank' });
    expect((await search('nebula panel blank')).hits[0]?.article_id).toBe('KB-900');
    expect((await search('quasar widget flickers')).hits.map((h) => h.article_id)).not.toContain('KB-900');

    expect((await t.app.inject({ method: 'DELETE', url: '/kb/articles/KB-900' })).statusCode).toBe(204);
    expect((await t.app.inject({ method: 'GET', url: '/kb/articles/KB-900' })).statusCode).toBe(404);
    expect((await search('nebula panel blank')).hits.map((h) => h.article_id)).not.toContain('KB-900');
  });

  it('creates with PUT under a new id (201)', async () => {
    const res = await t.app.inject({ method: 'PUT', url: '/kb/articles/KB-901', payload: { ...article, article_id: undefined } });
    expect(res.statusCode).toBe(201);
    expect(res.headers.location).toBe('/kb/articles/KB-901');
    expect((await t.app.inject({ method: 'DELETE', url: '/kb/articles/KB-901' })).statusCode).toBe(204);
  });

  it('answers problems as for tickets: 409, 404, 400 with the fields named', async () => {
    const dup = await t.app.inject({ method: 'POST', url: '/kb/articles', payload: { ...article, article_id: 'KB-001' } });
    expect(dup.statusCode).toBe(409);
    expect(dup.headers['content-type']).toMatch(/application\/problem\+json/);
    expect(dup.json()).toMatchObject({ code: 'conflict', status: 409 });

    const missing = await t.app.inject({ method: 'DELETE', url: '/kb/articles/KB-404' });
    expect(missing.json()).toMatchObject({ status: 404, code: 'not_found' });

    const invalid = await t.app.inject({ method: 'POST', url: '/kb/articles', payload: { ...article, title: '', category: 'nonsense' } });
    expect(invalid.statusCode).toBe(400);
    expect(invalid.json().errors.map((e: { field: string }) => e.field).sort()).toEqual(['category', 'title']);

    const mismatch = await t.app.inject({ method: 'PUT', url: '/kb/articles/KB-002', payload: { ...article, article_id: 'KB-003' } });
    expect(mismatch.statusCode).toBe(400);
    expect(mismatch.json().errors[0].field).toBe('article_id');

    const noQuery = await t.app.inject({ method: 'GET', url: '/kb/search?k=3' });
    expect(noQuery.statusCode).toBe(400);
    expect(noQuery.json().errors[0].field).toBe('q');
    expect((await t.app.inject({ method: 'GET', url: '/kb/search?q=x&k=500' })).statusCode).toBe(400);
    expect((await t.app.inject({ method: 'GET', url: '/kb/articles/bad%20id' })).statusCode).toBe(400);
  });
});
