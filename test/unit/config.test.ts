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

describe('loadConfig: safety settings', () => {
  const KEY = 'sak_cccccccccccccccccccccccccccccccccccccccccccc';

  it('hashes API_KEYS at start and reports bad entries without the key', () => {
    const c = loadConfig({ API_KEYS: `helpdesk=${KEY}` });
    expect(c.auth.apiKeys).toHaveLength(1);
    expect(JSON.stringify(c.auth)).not.toContain(KEY);
    expect(() => loadConfig({ API_KEYS: 'helpdesk=tooshort-secret' })).toThrow(ConfigError);
    try {
      loadConfig({ API_KEYS: 'helpdesk=tooshort-secret' });
    } catch (err) {
      expect((err as Error).message).toContain('API_KEYS');
      expect((err as Error).message).not.toContain('tooshort-secret');
    }
  });

  it('requires keys in production unless REQUIRE_API_KEYS=false', () => {
    expect(() => loadConfig({ NODE_ENV: 'production' })).toThrow(/API_KEYS: at least one key is required/);
    expect(loadConfig({ NODE_ENV: 'production', REQUIRE_API_KEYS: 'false' }).auth.required).toBe(false);
    expect(loadConfig({ NODE_ENV: 'production', API_KEYS: KEY }).auth.required).toBe(true);
    expect(loadConfig({}).auth).toEqual({ apiKeys: [], required: false });
    expect(() => loadConfig({ REQUIRE_API_KEYS: 'true' })).toThrow(ConfigError);
  });

  it('has safe defaults: redaction on for every kind, CORS off, Redis unset', () => {
    const c = loadConfig({});
    expect(c.privacy).toEqual({ redaction: true, kinds: ['email', 'phone', 'card', 'iban', 'ssn', 'ip', 'secret'] });
    expect(c.cors.origins).toEqual([]);
    expect(c.redisUrl).toBeUndefined();
    expect(c.limits.maxQueuedRequests).toBe(64);
  });

  it('validates PII kinds, CORS origins and the Redis URL', () => {
    expect(loadConfig({ PII_REDACTION_KINDS: 'email, phone' }).privacy.kinds).toEqual(['email', 'phone']);
    expect(() => loadConfig({ PII_REDACTION_KINDS: 'email,passport' })).toThrow(/PII_REDACTION_KINDS/);
    expect(loadConfig({ CORS_ORIGINS: 'https://a.example, https://b.example' }).cors.origins).toEqual(['https://a.example', 'https://b.example']);
    expect(() => loadConfig({ REDIS_URL: 'http://localhost:6379' })).toThrow(/REDIS_URL/);
  });
});
