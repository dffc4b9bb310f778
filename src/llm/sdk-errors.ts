import { kindFromStatus, LlmError } from './llm.errors.js';
import { retryAfterMs } from './retry.js';

interface SdkApiError {
  status?: number;
  headers?: Headers;
  requestID?: string | null;
  message: string;
  name: string;
}

/**
 * Both official SDKs (Stainless-generated) throw the same error family: APIError with status and headers,
 * APIConnectionError, APIConnectionTimeoutError and APIUserAbortError. Maps them to LlmError.
 */
export function fromSdkError(provider: string, err: unknown, signal?: AbortSignal): LlmError {
  if (err instanceof LlmError) return err;
  const e = err as SdkApiError;
  const type = (err as object)?.constructor?.name ?? '';
  if (signal?.aborted || type === 'APIUserAbortError' || e?.name === 'AbortError') {
    return new LlmError(provider, 'aborted', 'request aborted (deadline or caller)', { cause: err });
  }
  if (type === 'APIConnectionTimeoutError') return new LlmError(provider, 'timeout', 'request timed out', { cause: err });
  if (type === 'APIConnectionError') return new LlmError(provider, 'connection', `connection failed: ${e.message}`, { cause: err });
  if (typeof e?.status === 'number') {
    const requestId = e.requestID ?? undefined;
    return new LlmError(provider, kindFromStatus(e.status), `HTTP ${e.status}: ${e.message}`, {
      status: e.status,
      retryAfterMs: retryAfterMs(e.headers),
      ...(requestId ? { requestId } : {}),
      cause: err,
    });
  }
  return new LlmError(provider, 'connection', e?.message ?? String(err), { cause: err });
}
