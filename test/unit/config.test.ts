import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from '../../src/config.js';

describe('loadConfig', () => {
  it('has working defaults with an empty environment', () => {
    const c = loadConfig({});
    expect(c.server.port).toBe(3000);
    expect(c.databaseUrl).toBe('sqlite:data/tickets.db');
    expect(c.status.cacheTtlSeconds).toBe(300);
    expect(c.llm.provider).toBe('local');
    expect(c.limits.maxSubjectLength).toBe(500);
    expect(c.limits.maxBodyLength).toBe(20000);
  });

  it('names every bad variable and its value, but never a key', () => {
    try {
      loadConfig({ PORT: 'eighty', LOG_LEVEL: 'loud', DATABASE_URL: 'mysql://x', LLM_PROVIDER: 'gpt', STATUS_API_URL: 'not a url', ANTHROPIC_API_KEY: 'sk-secret' });
      expect.unreachable();
    } catch (err) {
      expect(err).toBeInstanceOf(ConfigError);
      const msg = (err as Error).message;
      for (const name of ['PORT', 'LOG_LEVEL', 'DATABASE_URL', 'LLM_PROVIDER', 'STATUS_API_URL']) expect(msg).toContain(name);
      expect(msg).toContain('"eighty"');
      expect(msg).not.toContain('sk-secret');
    }
  });

  it('treats blank values as unset', () => {
    expect(loadConfig({ PORT: '', ANTHROPIC_API_KEY: '  ' }).llm.provider).toBe('local');
  });

  it('picks a provider from the keys present when LLM_PROVIDER is auto', () => {
    expect(loadConfig({ ANTHROPIC_API_KEY: 'k' }).llm.provider).toBe('anthropic');
    expect(loadConfig({ OPENAI_API_KEY: 'k' }).llm.provider).toBe('openai');
    expect(loadConfig({ ANTHROPIC_API_KEY: 'k', LLM_PROVIDER: 'local' }).llm.provider).toBe('local');
  });

  it('builds the fallback chain from the keys, and refuses a selected provider without its key', () => {
    expect(loadConfig({}).llm.chain).toEqual(['local']);
    expect(loadConfig({ ANTHROPIC_API_KEY: 'k', OPENAI_API_KEY: 'k' }).llm.chain).toEqual(['anthropic', 'openai', 'local']);
    expect(loadConfig({ ANTHROPIC_API_KEY: 'k', OPENAI_API_KEY: 'k', LLM_PROVIDER: 'openai' }).llm.chain).toEqual(['openai', 'anthropic', 'local']);
    expect(loadConfig({ OPENAI_API_KEY: 'k', LLM_CHAIN: 'openai' }).llm.chain).toEqual(['openai', 'local']);
    expect(loadConfig({ ANTHROPIC_API_KEY: 'k', LLM_PROVIDER: 'local' }).llm.chain).toEqual(['local']);
    expect(() => loadConfig({ LLM_PROVIDER: 'anthropic' })).toThrow(/ANTHROPIC_API_KEY: required/);
    expect(() => loadConfig({ LLM_CHAIN: 'anthropic,sideways' })).toThrow(ConfigError);
  });
});
