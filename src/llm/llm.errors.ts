/** Why a model call failed, so retries, the breaker and the fallback chain can decide without string matching. */
export type LlmErrorKind =
  | 'rate_limited'
  | 'overloaded'
  | 'server_error'
  | 'timeout'
  | 'connection'
  | 'auth'
  | 'bad_request'
  | 'bad_output'
  | 'circuit_open'
  | 'aborted';

const RETRYABLE: ReadonlySet<LlmErrorKind> = new Set(['rate_limited', 'overloaded', 'server_error', 'timeout', 'connection']);

export class LlmError extends Error {
  constructor(
    readonly provider: string,
    readonly kind: LlmErrorKind,
    message: string,
    readonly options: { status?: number; retryAfterMs?: number; requestId?: string; cause?: unknown } = {},
  ) {
    super(`${provider}: ${message}`, { cause: options.cause });
    this.name = 'LlmError';
  }

  get retryable(): boolean {
    return RETRYABLE.has(this.kind);
  }

  get status(): number | undefined {
    return this.options.status;
  }

  /** Whether this failure says the provider is unhealthy (counts towards opening its circuit). */
  get countsAgainstProvider(): boolean {
    return this.retryable || this.kind === 'auth';
  }
}

/** The model answered, but not with output that passes the schema (after the repair request). */
export class LlmBadOutputError extends LlmError {
  constructor(provider: string, message: string, readonly validationError?: string) {
    super(provider, 'bad_output', message);
    this.name = 'LlmBadOutputError';
  }
}

export class CircuitOpenError extends LlmError {
  constructor(provider: string, retryInMs: number) {
    super(provider, 'circuit_open', `circuit open after repeated failures; next probe in ${Math.ceil(retryInMs / 1000)} s`);
    this.name = 'CircuitOpenError';
  }
}

/** Maps a status code (and headers) from either SDK to our error kinds. 529 is Anthropic's "overloaded". */
export function kindFromStatus(status: number): LlmErrorKind {
  if (status === 429) return 'rate_limited';
  if (status === 529 || status === 503) return 'overloaded';
  if (status === 408) return 'timeout';
  if (status === 401 || status === 403) return 'auth';
  if (status >= 500) return 'server_error';
  return 'bad_request';
}
