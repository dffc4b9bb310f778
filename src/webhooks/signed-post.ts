import { errorMessage } from '../errors.js';
import { backoffMs } from '../tickets/ticket-processor.js';
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

/** Attempts, backoff and per-attempt timeout shared by ticket webhooks and staff events. */
export interface DeliveryPolicy {
  maxAttempts: number;
  baseDelayMs: number;
  maxDelayMs: number;
  timeoutMs: number;
}

export interface SignedDelivery extends Omit<SignedPost, 'attempt' | 'timeoutMs'> {
  policy: DeliveryPolicy;
  /** Called after every attempt (to record or log it), before any backoff. */
  onAttempt: (attempt: number, outcome: PostOutcome, attemptedAt: string) => Promise<void> | void;
}

/**
 * POSTs until a 2xx, a refusal that retrying cannot change, or the last attempt, backing off between attempts
 * (doubling, with jitter). Returns whether it was delivered and how many attempts were made.
 */
export async function deliverSignedWebhook(d: SignedDelivery): Promise<{ ok: boolean; attempts: number }> {
  const { policy, onAttempt, ...post } = d;
  for (let attempt = 1; ; attempt++) {
    const attemptedAt = new Date().toISOString();
    const outcome = await postSignedWebhook({ ...post, attempt, timeoutMs: policy.timeoutMs });
    await onAttempt(attempt, outcome, attemptedAt);
    if (outcome.error === null) return { ok: true, attempts: attempt };
    if (!outcome.retryable || attempt >= policy.maxAttempts) return { ok: false, attempts: attempt };
    await new Promise((r) => setTimeout(r, backoffMs(attempt, policy)));
  }
}
