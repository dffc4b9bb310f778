import { createHmac, timingSafeEqual } from 'node:crypto';

/** Headers on every webhook POST. Receivers verify the signature before trusting the body. */
export const WEBHOOK_HEADERS = {
  id: 'x-webhook-id',
  event: 'x-webhook-event',
  attempt: 'x-webhook-attempt',
  timestamp: 'x-webhook-timestamp',
  signature: 'x-webhook-signature',
} as const;

/** HMAC-SHA256 over "<timestamp>.<raw body>", hex, as "sha256=<hex>". The timestamp in the MAC stops replays of old bodies. */
export function signWebhook(secret: string, timestamp: number, body: string): string {
  return `sha256=${createHmac('sha256', secret).update(`${timestamp}.${body}`).digest('hex')}`;
}

export interface VerifyInput {
  secret: string;
  /** The raw request body, exactly as received (not re-serialised JSON). */
  body: string;
  timestamp: string | undefined;
  signature: string | undefined;
  /** Reject deliveries signed longer ago than this (default 5 minutes). */
  toleranceSeconds?: number;
  nowSeconds?: number;
}

/** What a receiver runs: constant-time comparison, and a freshness window on the signed timestamp. */
export function verifyWebhook(input: VerifyInput): { ok: true } | { ok: false; reason: string } {
  const { secret, body, timestamp, signature, toleranceSeconds = 300, nowSeconds = Math.floor(Date.now() / 1000) } = input;
  if (!timestamp || !/^\d+$/.test(timestamp)) return { ok: false, reason: 'missing or malformed timestamp' };
  if (!signature) return { ok: false, reason: 'missing signature' };
  if (Math.abs(nowSeconds - Number(timestamp)) > toleranceSeconds) return { ok: false, reason: 'timestamp outside the tolerance window' };
  const expected = Buffer.from(signWebhook(secret, Number(timestamp), body));
  const given = Buffer.from(signature);
  if (given.length !== expected.length || !timingSafeEqual(given, expected)) return { ok: false, reason: 'signature mismatch' };
  return { ok: true };
}
