import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { articleChunks } from '../../../src/knowledge/chunks.js';
import { OpenAiEmbedder } from '../../../src/knowledge/embedding/openai.embedder.js';
import { HybridKnowledgeIndex } from '../../../src/knowledge/hybrid.index.js';
import { KnowledgeBase, loadArticles } from '../../../src/knowledge/knowledge-base.js';

interface Received {
  path: string;
  auth: string | undefined;
  body: { model: string; input: string[]; encoding_format?: string; dimensions?: number };
}

/** A fake OpenAI-compatible /v1/embeddings: vectors derived from the text, failures queued by the test. */
let server: Server;
let baseUrl: string;
const received: Received[] = [];
let failures: { status: number; headers?: Record<string, string> }[] = [];

const readBody = (req: IncomingMessage) =>
  new Promise<string>((resolve) => {
    let data = '';
    req.on('data', (c) => (data += c));
    req.on('end', () => resolve(data));
  });

beforeAll(async () => {
  server = createServer(async (req, res) => {
    const body = JSON.parse(await readBody(req)) as Received['body'];
    received.push({ path: req.url ?? '', auth: req.headers.authorization, body });
    const failure = failures.shift();
    if (failure) {
      res.writeHead(failure.status, { 'content-type': 'application/json', ...failure.headers });
      res.end(JSON.stringify({ error: { message: 'try later', type: 'rate_limit' } }));
      return;
    }
    // Answer out of order: the client must put vectors back by `index`.
    const data = body.input.map((text, index) => ({ object: 'embedding', index, embedding: [text.length, 1, index + 1] })).reverse();
    res.writeHead(200, { 'content-type': 'application/json' });
    res.end(JSON.stringify({ object: 'list', data, model: body.model, usage: { prompt_tokens: 1, total_tokens: 1 } }));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}/v1`;
});
afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));
beforeEach(() => {
  received.length = 0;
  failures = [];
});

const embedder = (extra: Partial<ConstructorParameters<typeof OpenAiEmbedder>[0]> = {}) =>
  new OpenAiEmbedder({ baseUrl, apiKey: 'sk-test', model: 'nomic-embed-text', batchSize: 2, maxRetries: 2, timeoutMs: 5000, ...extra });

describe('OpenAiEmbedder through the openai SDK against a local fake server', () => {
  it('batches inputs, sends model and float encoding, and returns normalised vectors in input order', async () => {
    const e = embedder({ dimensions: 3 });
    const out = await e.embed(['a', 'bbb', 'cc', 'dddd', '']);
    expect(received.map((r) => r.body.input)).toEqual([['a', 'bbb'], ['cc', 'dddd'], [' ']]);
    expect(received[0]).toMatchObject({ path: '/v1/embeddings', auth: 'Bearer sk-test' });
    expect(received[0]!.body).toMatchObject({ model: 'nomic-embed-text', encoding_format: 'float', dimensions: 3 });
    expect(out).toHaveLength(5);
    // [len, 1, index-in-batch + 1], normalised: the second input of the first batch is [3, 1, 2] / |.|.
    const expected = [3, 1, 2].map((x) => x / Math.hypot(3, 1, 2));
    out[1]!.forEach((x, i) => expect(x).toBeCloseTo(expected[i]!, 5));
    expect(Math.hypot(...out[4]!)).toBeCloseTo(1, 5);
    expect(e.id).toBe(`openai:${new URL(baseUrl).host}:nomic-embed-text:3`);
  });

  it('retries after a 429 (honouring retry-after-ms) and after a 500', async () => {
    failures = [{ status: 429, headers: { 'retry-after-ms': '10' } }, { status: 500, headers: { 'retry-after-ms': '10' } }];
    const out = await embedder().embed(['hello']);
    expect(received).toHaveLength(3);
    expect(out[0]!.length).toBe(3);
  });

  it('gives up with the status once the retries are spent', async () => {
    failures = [429, 429, 429].map((status) => ({ status, headers: { 'retry-after-ms': '5' } }));
    await expect(embedder().embed(['hello'])).rejects.toMatchObject({ status: 429 });
    expect(received).toHaveLength(3);
  });

  it('feeds a hybrid index: article chunks in batches at build, one request per new query', async () => {
    const articles = loadArticles('test/fixtures/mini-kb.json');
    const chunks = articles.flatMap((a) => articleChunks(a)).length;
    const e = embedder({ batchSize: 4 });
    const index = await HybridKnowledgeIndex.open(new KnowledgeBase(articles), e, { hnsw: { m: 8, efConstruction: 50, efSearch: 32 } });
    expect(received).toHaveLength(Math.ceil(chunks / 4));
    expect(received.flatMap((r) => r.body.input)).toHaveLength(chunks);
    const hits = await index.search({ text: 'refund of an annual plan', k: 2 });
    expect(hits[0]?.article.article_id).toBe('M-REFUND');
    await index.search({ text: 'refund of an annual plan', k: 2 });
    expect(received).toHaveLength(Math.ceil(chunks / 4) + 1);
  });
});
