import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from '../../src/config.js';

describe('knowledge configuration', () => {
  it('defaults to the hybrid index with the local embedder, cached under data/cache', () => {
    const k = loadConfig({}).knowledge;
    expect(k).toMatchObject({ index: 'hybrid', embedder: 'local', cacheDir: 'data/cache', hnsw: { m: 24, efConstruction: 100, efSearch: 64 } });
    expect(k.openai).toMatchObject({ model: 'text-embedding-3-small', batchSize: 64, maxRetries: 3, baseUrl: undefined });
  });

  it('reads the OpenAI-compatible embedder settings', () => {
    const k = loadConfig({ EMBEDDER: 'openai', OPENAI_BASE_URL: 'http://localhost:11434/v1', OPENAI_EMBEDDING_MODEL: 'nomic-embed-text', OPENAI_EMBEDDING_DIMENSIONS: '256', OPENAI_API_KEY: 'sk-x' }).knowledge;
    expect(k.openai).toMatchObject({ baseUrl: 'http://localhost:11434/v1', model: 'nomic-embed-text', dimensions: 256, apiKey: 'sk-x' });
  });

  it('names bad knowledge variables', () => {
    expect(() => loadConfig({ KNOWLEDGE_INDEX: 'vector', HNSW_M: '1', OPENAI_BASE_URL: 'nope' })).toThrow(ConfigError);
    try {
      loadConfig({ KNOWLEDGE_INDEX: 'vector', HNSW_M: '1', OPENAI_BASE_URL: 'nope' });
    } catch (err) {
      for (const name of ['KNOWLEDGE_INDEX', 'HNSW_M', 'OPENAI_BASE_URL']) expect((err as Error).message).toContain(name);
    }
  });
});
