import { beforeAll, describe, expect, it } from 'vitest';
import { evaluateRetrieval, loadRetrievalQueries } from '../../../src/evaluation/retrieval-eval.js';
import { SifEmbedder } from '../../../src/knowledge/embedding/sif.embedder.js';
import { loadWinkWordVectors } from '../../../src/knowledge/embedding/word-vectors.js';
import { HybridKnowledgeIndex } from '../../../src/knowledge/hybrid.index.js';
import { KnowledgeBase, loadArticles, searchableText } from '../../../src/knowledge/knowledge-base.js';
import { analyzeTerms } from '../../../src/knowledge/text.js';
import { AnalysisSchema } from '../../../src/schemas/analysis.schema.js';
import { retrieveLocally } from '../../../src/orchestrator/agents/knowledge.agent.js';
import { buildTestApp, DATA } from '../../helpers/build-test-app.js';

// The real GloVe vectors: converted to data/cache on first use (once per checkout), then loaded in ~1 s.
let embedder: SifEmbedder;
const hnsw = { m: 24, efConstruction: 100, efSearch: 64 };
beforeAll(() => {
  embedder = new SifEmbedder(loadWinkWordVectors('data/cache'));
}, 180_000);

const open = (articles: ReturnType<typeof loadArticles>) => HybridKnowledgeIndex.open(new KnowledgeBase(articles), embedder, { hnsw });
const ids = (hits: { article: { article_id: string } }[]) => hits.map((h) => h.article.article_id);

describe('semantic matches that share no words with the article', () => {
  const cases = [
    ['my phone never gets the login texts', 'M-2FA'],
    ['I want my money back', 'M-REFUND'],
    ['the white background hurts my eyes at night', 'M-DARK'],
    ['my visa ran out', 'M-CARD'],
  ] as const;

  it.each(cases)('"%s" finds %s first, where BM25 finds nothing', async (query, expected) => {
    const articles = loadArticles('test/fixtures/mini-kb.json');
    const index = await open(articles);
    const target = articles.find((a) => a.article_id === expected)!;
    const articleTerms = new Set(analyzeTerms(searchableText(target)));
    expect(analyzeTerms(query).filter((t) => articleTerms.has(t))).toEqual([]);
    expect(ids(await index.searchWith({ text: query, k: 3 }, 'dense'))[0]).toBe(expected);
    expect(ids(await index.searchWith({ text: query, k: 3 }, 'hybrid'))[0]).toBe(expected);
    expect(ids(await index.searchWith({ text: query, k: 3 }, 'lexical'))).not.toContain(expected);
  });
});

describe('on the Nimbus knowledge base', () => {
  let index: HybridKnowledgeIndex;
  beforeAll(async () => {
    index = await open(loadArticles(DATA.articles));
  }, 60_000);

  it('ranks the article listing an error code first for a bare code', async () => {
    expect(ids(await index.search({ text: 'getting E4007 when I link issues', errorCodes: ['E4007'], k: 3 }))[0]).toBe('KB-043');
    expect(ids(await index.search({ text: 'popup says E5009', errorCodes: ['E5009'], k: 3 }))[0]).toBe('KB-036');
  });

  it('keeps an off-topic ticket below the relevance threshold, so the agent cites nothing', async () => {
    const ticket = { subject: 'Banana bread', body: 'What is the best recipe for banana bread?' };
    const analysis = AnalysisSchema.parse({
      category: 'other', priority: 'low', sentiment: 'neutral', key_issues: [], error_codes: [], mentioned_products: [],
      customer_intent: 'general_inquiry', requires_human_escalation: false, escalation_reasons: [], confidence: 0.5,
    });
    const result = await retrieveLocally(index, { ticket, analysis });
    expect(result.no_relevant_match).toBe(true);
    expect(result.articles).toEqual([]);
  });

  it('through POST /tickets: an on-topic ticket cites the right article, an off-topic one says nothing matched', async () => {
    const t = await buildTestApp({ parts: { knowledgeIndex: index, knowledgeBase: new KnowledgeBase(loadArticles(DATA.articles)) } });
    try {
      const post = (subject: string, body: string) => t.app.inject({ method: 'POST', url: '/tickets', payload: { subject, body } }).then((r) => r.json());
      const dup = await post('Paid two times', 'My bank statement shows the same Nimbus payment two times this month.');
      expect(dup.knowledge.articles[0].article_id).toBe('KB-022');
      expect(dup.response.cited_articles).toContain('KB-022');
      const off = await post('Banana bread', 'What is the best recipe for banana bread?');
      expect(off.knowledge).toMatchObject({ articles: [], no_relevant_match: true });
      expect(off.response.response_text).toMatch(/could not find a help article/);
    } finally {
      await t.close();
    }
  });
});

describe('a knowledge base the fusion was not tuned on', () => {
  // Each half of the articles on its own, with the queries whose relevant articles it holds: the hybrid
  // must not rank worse than BM25 alone.
  const queries = loadRetrievalQueries('data/eval/retrieval_queries.jsonl');
  it.each([0, 1])('half %i: hybrid MRR@10 and hit@1 are at least those of lexical', async (half) => {
    const articles = loadArticles(DATA.articles).filter((a) => Number(a.article_id.slice(3)) % 2 === half);
    const kept = new Set(articles.map((a) => a.article_id));
    const qs = queries.flatMap((q) => {
      const relevant = q.relevant.filter((id) => kept.has(id));
      return relevant.length ? [{ query: q.query, relevant }] : [];
    });
    const index = await open(articles);
    const hybrid = await evaluateRetrieval(qs, (q) => index.searchWith(q, 'hybrid'));
    const lexical = await evaluateRetrieval(qs, (q) => index.searchWith(q, 'lexical'));
    expect(qs.length).toBeGreaterThan(60);
    expect(hybrid.mrr_at_10).toBeGreaterThanOrEqual(lexical.mrr_at_10);
    expect(hybrid.hit_at_1).toBeGreaterThanOrEqual(lexical.hit_at_1);
  });
});
