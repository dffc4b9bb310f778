import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { KnowledgeIndex } from '../../src/knowledge/knowledge-index.js';
import { KnowledgeBase, loadArticles } from '../../src/knowledge/knowledge-base.js';
import { LexicalKnowledgeIndex } from '../../src/knowledge/lexical.index.js';
import { buildMockStatusApp } from '../../src/status/mock-status-server.js';
import { loadStatusFixtures } from '../../src/status/status-fixtures.js';
import { buildTestApp, DATA, sampleTicket } from '../helpers/build-test-app.js';

/** A status API that answers like the mock but only after `delayMs`, over real HTTP. */
async function slowStatusServer(delayMs: number): Promise<{ url: string; close: () => Promise<void> }> {
  const mock = buildMockStatusApp({ fixtures: loadStatusFixtures(DATA.status) });
  await mock.ready();
  const server: Server = createServer((req, res) => {
    setTimeout(async () => {
      const r = await mock.inject({ method: 'GET', url: req.url ?? '/' });
      res.writeHead(r.statusCode, { 'content-type': 'application/json' }).end(r.body);
    }, delayMs);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return { url: `http://127.0.0.1:${port}`, close: () => new Promise((r) => server.close(() => r(mock.close().then(() => undefined)))) };
}

/** The real lexical index, slowed down so its span is long enough to see overlap. */
function slowIndex(delayMs: number): KnowledgeIndex {
  const kb = new KnowledgeBase(loadArticles(DATA.articles));
  const inner = new LexicalKnowledgeIndex(kb);
  return Object.assign(Object.create(inner) as KnowledgeIndex, {
    search: async (q: Parameters<KnowledgeIndex['search']>[0]) => {
      await new Promise((r) => setTimeout(r, delayMs));
      return inner.search(q);
    },
  });
}

describe('pipeline', () => {
  let status: Awaited<ReturnType<typeof slowStatusServer>>;
  beforeAll(async () => {
    status = await slowStatusServer(150);
  });
  afterAll(() => status.close());

  it('runs retrieval and status concurrently, after the analyzer and before synthesis', async () => {
    const t = await buildTestApp({ statusUrl: status.url, parts: { knowledgeIndex: slowIndex(150) } });
    try {
      const res = await t.app.inject({ method: 'POST', url: '/tickets', payload: sampleTicket });
      const trace = res.json().trace as { agent: string; start_offset_ms: number; end_offset_ms: number }[];
      const span = (name: string) => trace.find((s) => s.agent === name)!;
      const [analyzer, knowledge, statusSpan, synthesis] = ['analyzer', 'knowledge', 'status', 'synthesis'].map(span);
      // Both middle agents start after the analyzer ends, and each starts before the other ends: they overlap.
      expect(knowledge!.start_offset_ms).toBeGreaterThanOrEqual(analyzer!.end_offset_ms);
      expect(statusSpan!.start_offset_ms).toBeGreaterThanOrEqual(analyzer!.end_offset_ms);
      expect(knowledge!.start_offset_ms).toBeLessThan(statusSpan!.end_offset_ms);
      expect(statusSpan!.start_offset_ms).toBeLessThan(knowledge!.end_offset_ms);
      expect(synthesis!.start_offset_ms).toBeGreaterThanOrEqual(Math.max(knowledge!.end_offset_ms, statusSpan!.end_offset_ms));
    } finally {
      await t.close();
    }
  });

  it('completes the ticket with overall "unknown" when the status API is down', async () => {
    const t = await buildTestApp({ statusUrl: 'http://127.0.0.1:9' });
    try {
      const res = await t.app.inject({ method: 'POST', url: '/tickets', payload: sampleTicket });
      expect(res.statusCode).toBe(201);
      const body = res.json();
      expect(body.status).toBe('completed');
      expect(body.system_status).toMatchObject({ overall: 'unknown', source: 'unavailable', incidents: [] });
      const statusTrace = body.trace.find((s: { agent: string }) => s.agent === 'status');
      expect(statusTrace.outcome).toBe('degraded');
      expect(statusTrace.error).toMatch(/unreachable/);
      expect(body.degraded).toBe(true);
      expect(body.response.response_text).not.toMatch(/status page currently shows/);
    } finally {
      await t.close();
    }
  });

  it('degrades to a holding reply when the knowledge index fails, and says no article matched', async () => {
    const broken: KnowledgeIndex = { ...slowIndex(0), kind: 'broken', relevanceThreshold: 0, search: async () => { throw new Error('index offline'); }, stats: () => ({ articles: 1, kind: 'broken' }), upsert: async () => {}, remove: async () => false };
    const t = await buildTestApp({ parts: { knowledgeIndex: broken } });
    try {
      const body = (await t.app.inject({ method: 'POST', url: '/tickets', payload: sampleTicket })).json();
      expect(body.status).toBe('completed');
      expect(body.knowledge).toMatchObject({ articles: [], no_relevant_match: true });
      expect(body.response.cited_articles).toEqual([]);
      expect(body.response.response_text).toMatch(/could not find a help article/);
    } finally {
      await t.close();
    }
  });
});
