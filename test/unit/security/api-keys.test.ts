import { describe, expect, it } from 'vitest';
import { createKey } from '../../../src/cli/commands/keys.command.js';
import { ApiKeyVerifier, generateApiKey, hashApiKey, parseApiKeys } from '../../../src/security/api-keys.js';

const KEY_A = 'sak_aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa';
const KEY_B = 'sak_bbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbb';

describe('API keys', () => {
  it('parses named and bare keys and hashes, keeping only SHA-256 digests', () => {
    const entries = parseApiKeys(
      ` helpdesk=${KEY_A}, console=sha256:${hashApiKey(KEY_B).toUpperCase()} ,${KEY_B}x `,
    );
    expect(entries).toEqual([
      { id: 'helpdesk', sha256: hashApiKey(KEY_A) },
      { id: 'console', sha256: hashApiKey(KEY_B) },
      { id: `key-${hashApiKey(`${KEY_B}x`).slice(0, 8)}`, sha256: hashApiKey(`${KEY_B}x`) },
    ]);
    expect(JSON.stringify(entries)).not.toContain(KEY_A);
  });

  it('refuses short keys, bad names and duplicate names without echoing the key', () => {
    expect(() => parseApiKeys('helpdesk=short-secret')).toThrow(
      /entry 1: a key must be at least 24 characters/,
    );
    expect(() => parseApiKeys(`bad name=${KEY_A}`)).toThrow(/entry 1: the name/);
    expect(() => parseApiKeys(`a=${KEY_A},a=${KEY_B}`)).toThrow(/entry 2: the name "a" is used twice/);
    try {
      parseApiKeys('x=short-secret');
    } catch (err) {
      expect((err as Error).message).not.toContain('short-secret');
    }
  });

  it('verifies a presented key against every configured hash and names the match', () => {
    const verifier = new ApiKeyVerifier(parseApiKeys(`helpdesk=${KEY_A},console=${KEY_B}`));
    expect(verifier.verify(KEY_A)).toBe('helpdesk');
    expect(verifier.verify(KEY_B)).toBe('console');
    expect(verifier.verify(`${KEY_A} `)).toBeUndefined();
    expect(verifier.verify('')).toBeUndefined();
    expect(verifier.verify(hashApiKey(KEY_A))).toBeUndefined();
  });

  it('generates distinct 256-bit keys', () => {
    const a = generateApiKey();
    expect(a).toMatch(/^sak_[A-Za-z0-9_-]{43}$/);
    expect(generateApiKey()).not.toBe(a);
  });

  it('"keys create" prints an entry that verifies its key and holds only the hash', () => {
    const { key, entry } = createKey('helpdesk');
    expect(entry).toBe(`helpdesk=sha256:${hashApiKey(key)}`);
    expect(entry).not.toContain(key);
    expect(new ApiKeyVerifier(parseApiKeys(entry)).verify(key)).toBe('helpdesk');
    expect(() => createKey('no spaces allowed')).toThrow(/--name/);
  });
});
