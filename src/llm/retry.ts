import { LlmError } from './llm.errors.js';

export interface RetryPolicy {
  /** Retries after the first attempt. */
  maxRetries: number;
  /** First backoff; doubles each retry (0.5 s · 2^n in production, as the Anthropic SDK does). */
  baseDelayMs: number;
  maxDelayMs: number;
  /** A retry-after longer than this is not waited for: the chain moves on instead. */
  maxRetryAfterMs: number;
  /** Injectable so tests never wait for real backoffs. */
  sleep?: (ms: number, signal?: AbortSignal) => Promise<void>;
  random?: () => number;
}

export const DEFAULT_RETRY_POLICY: RetryPolicy = { maxRetries: 2, baseDelayMs: 500, maxDelayMs: 8000, maxRetryAfterMs: 20_000 };

/** base · 2^attempt, capped, minus up to 25% jitter so many clients do not retry in step. */
export function backoffMs(attempt: number, policy: Pick<RetryPolicy, 'baseDelayMs' | 'maxDelayMs'>, random: () => number = Math.random): number {
  const raw = Math.min(policy.baseDelayMs * 2 ** attempt, policy.maxDelayMs);
  return Math.round(raw * (1 - 0.25 * random()));
}

/** retry-after-ms, then retry-after in seconds or as an HTTP date; undefined when absent or unreadable. */
export function retryAfterMs(headers: { get(name: string): string | null } | undefined, now: number = Date.now()): number | undefined {
  if (!headers) return undefined;
  const ms = Number.parseFloat(headers.get('retry-after-ms') ?? '');
  if (Number.isFinite(ms) && ms >= 0) return ms;
  const value = headers.get('retry-after');
  if (!value) return undefined;
  const seconds = Number.parseFloat(value);
  if (Number.isFinite(seconds) && seconds >= 0) return seconds * 1000;
  const date = Date.parse(value);
  return Number.isFinite(date) ? Math.max(0, date - now) : undefined;
}

export function abortableSleep(ms: number, signal?: AbortSignal): Promise<void> {
  return new Promise((resolve, reject) => {
    if (signal?.aborted) return reject(signal.reason);
    const timer = setTimeout(() => {
      signal?.removeEventListener('abort', onAbort);
      resolve();
    }, ms);
    const onAbort = () => {
      clearTimeout(timer);
      reject(signal?.reason);
    };
    signal?.addEventListener('abort', onAbort, { once: true });
  });
}

/**
 * Runs `attempt` and retries retryable LlmErrors (429, 5xx, 529, timeouts, dropped connections) with
 * backoff and jitter, honouring retry-after. Stops when the signal aborts.
 */
export async function withRetries<T>(
  attempt: (n: number) => Promise<T>,
  policy: RetryPolicy,
  opts: { signal?: AbortSignal; onRetry?: (err: LlmError, delayMs: number, n: number) => void } = {},
): Promise<T> {
  const sleep = policy.sleep ?? abortableSleep;
  for (let n = 0; ; n++) {
    try {
      return await attempt(n);
    } catch (err) {
      if (!(err instanceof LlmError) || !err.retryable || n >= policy.maxRetries || opts.signal?.aborted) throw err;
      const hinted = err.options.retryAfterMs;
      if (hinted !== undefined && hinted > policy.maxRetryAfterMs) throw err;
      const delay = hinted ?? backoffMs(n, policy, policy.random);
      opts.onRetry?.(err, delay, n + 1);
      await sleep(delay, opts.signal);
    }
  }
}
