import { errorMessage } from '../errors.js';
import { signWebhook, WEBHOOK_HEADERS } from './webhook-signature.js';

/** Statuses worth trying again: the receiver may succeed later. Other 4xx mean the request itself is refused. */
export const RETRYABLE = (status: number) =>
  status >= 500 || status === 408 || status === 409 || status === 425 || status === 429;

export interface SignedPost {
  url: string;
  secret: string;
  /** x-webhook-id: the same on every retry, so receivers can dedupe. */
  id: string;
  event: string;
  attempt: number;
  body: string;
  timeoutMs: number;
  fetch: typeof fetch;
}

export interface PostOutcome {
  /** HTTP status the receiver answered; null when no answer came. */
  status: number | null;
  /** null on a 2xx. */
  error: string | null;
  /** Whether another attempt may succeed. */
  retryable: boolean;
  durationMs: number;
}

/** One signed POST of a webhook body (ticket results and staff events alike); never throws. */
export async function postSignedWebhook(p: SignedPost): Promise<PostOutcome> {
  const timestamp = Math.floor(Date.now() / 1000);
  const started = performance.now();
  let status: number | null = null;
  let error: string | null = null;
  try {
    const res = await p.fetch(p.url, {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        'user-agent': 'support-agent-webhooks',
        [WEBHOOK_HEADERS.id]: p.id,
        [WEBHOOK_HEADERS.event]: p.event,
        [WEBHOOK_HEADERS.attempt]: String(p.attempt),
        [WEBHOOK_HEADERS.timestamp]: String(timestamp),
        [WEBHOOK_HEADERS.signature]: signWebhook(p.secret, timestamp, p.body),
      },
      body: p.body,
      redirect: 'manual',
      signal: AbortSignal.timeout(p.timeoutMs),
    });
    status = res.status;
    await res.arrayBuffer().catch(() => undefined);
    if (!res.ok) error = `HTTP ${res.status}`;
  } catch (err) {
    error = errorMessage(err);
  }
  return {
    status,
    error,
    retryable: error !== null && (status === null || RETRYABLE(status)),
    durationMs: Math.round((performance.now() - started) * 100) / 100,
  };
}
