import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';

/** A configured key: a name for logs and rate limits, and the SHA-256 of the key. The key itself is not kept. */
export interface ApiKeyEntry {
  id: string;
  sha256: string;
}

const KEY_PREFIX = 'sak_';
const NAME_RE = /^[A-Za-z0-9._-]{1,64}$/;
const HASH_RE = /^sha256:([0-9a-f]{64})$/i;
/** Shorter keys are refused: a key is a password that cannot be rate-limited away from guessing. */
export const MIN_KEY_LENGTH = 24;

/** A new random key: 32 bytes from the CSPRNG, base64url, with a prefix that secret scanners can spot. */
export function generateApiKey(): string {
  return KEY_PREFIX + randomBytes(32).toString('base64url');
}

/** SHA-256 suits keys of 256 random bits: nothing to brute-force, so no slow password hash is needed. */
export function hashApiKey(key: string): string {
  return createHash('sha256').update(key, 'utf8').digest('hex');
}

/** The API_KEYS entry that stores only the hash of `key`. */
export function apiKeyEntry(name: string, key: string): string {
  return `${name}=sha256:${hashApiKey(key)}`;
}

/**
 * Parses API_KEYS: entries separated by commas, each `name=<key>`, `name=sha256:<hex>`, or a bare key or
 * hash (named after its hash). Plain keys are hashed here and dropped. Errors name the entry by position,
 * never by value.
 */
export function parseApiKeys(raw: string | undefined): ApiKeyEntry[] {
  if (!raw || raw.trim() === '') return [];
  const entries: ApiKeyEntry[] = [];
  raw
    .split(',')
    .map((e) => e.trim())
    .filter(Boolean)
    .forEach((entry, i) => {
      const eq = entry.indexOf('=');
      const name = eq > 0 ? entry.slice(0, eq) : undefined;
      const secret = eq > 0 ? entry.slice(eq + 1) : entry;
      if (name !== undefined && !NAME_RE.test(name)) {
        throw new Error(`entry ${i + 1}: the name must be 1-64 letters, digits, dots, dashes or underscores`);
      }
      const hashed = HASH_RE.exec(secret);
      if (!hashed && secret.length < MIN_KEY_LENGTH) {
        throw new Error(
          `entry ${i + 1}: a key must be at least ${MIN_KEY_LENGTH} characters (create one with "support-agent keys create")`,
        );
      }
      const sha256 = hashed ? (hashed[1] ?? '').toLowerCase() : hashApiKey(secret);
      const id = name ?? `key-${sha256.slice(0, 8)}`;
      if (entries.some((e) => e.id === id)) throw new Error(`entry ${i + 1}: the name "${id}" is used twice`);
      entries.push({ id, sha256 });
    });
  return entries;
}

/** Checks presented keys against the configured hashes in constant time. */
export class ApiKeyVerifier {
  private readonly hashes: { id: string; digest: Buffer }[];

  constructor(entries: readonly ApiKeyEntry[]) {
    this.hashes = entries.map((e) => ({ id: e.id, digest: Buffer.from(e.sha256, 'hex') }));
  }

  get size(): number {
    return this.hashes.length;
  }

  /**
   * The id of the matching key, or undefined. The presented key is hashed first, so every comparison is
   * between two 32-byte digests, and every configured key is compared, so timing says nothing about which
   * one (or whether any) matched.
   */
  verify(presented: string): string | undefined {
    const digest = createHash('sha256').update(presented, 'utf8').digest();
    let match: string | undefined;
    for (const h of this.hashes) {
      if (timingSafeEqual(digest, h.digest) && match === undefined) match = h.id;
    }
    return match;
  }
}
