import { errorMessage } from '../../errors.js';

/** The part of PromptLayer's API this service uses: scores and metadata on a logged request. */
export interface PromptLayerClient {
  /** score: an integer 0..100, as PromptLayer requires; name distinguishes several scores on one request. */
  trackScore(requestId: string, score: number, name?: string): Promise<void>;
  /** Values must be strings, as PromptLayer requires. */
  trackMetadata(requestId: string, metadata: Record<string, string>): Promise<void>;
}

export class PromptLayerError extends Error {
  override name = 'PromptLayerError';
  constructor(
    message: string,
    readonly status?: number,
  ) {
    super(message);
  }
}

export interface HttpPromptLayerOptions {
  apiKey: string;
  baseUrl?: string;
  timeoutMs?: number;
  fetch?: typeof fetch;
}

export const PROMPTLAYER_DEFAULT_BASE_URL = 'https://api.promptlayer.com';

/** PromptLayer's REST API (the endpoints its own SDKs call: /library-track-score and /library-track-metadata). */
export class HttpPromptLayerClient implements PromptLayerClient {
  private readonly baseUrl: string;
  private readonly fetch: typeof fetch;

  constructor(private readonly opts: HttpPromptLayerOptions) {
    this.baseUrl = (opts.baseUrl ?? PROMPTLAYER_DEFAULT_BASE_URL).replace(/\/+$/, '');
    this.fetch = opts.fetch ?? globalThis.fetch;
  }

  trackScore(requestId: string, score: number, name?: string): Promise<void> {
    const body: Record<string, unknown> = { request_id: requestId, score: Math.round(Math.min(100, Math.max(0, score))) };
    if (name) body.name = name;
    return this.post('/library-track-score', body);
  }

  trackMetadata(requestId: string, metadata: Record<string, string>): Promise<void> {
    return this.post('/library-track-metadata', { request_id: requestId, metadata });
  }

  private async post(path: string, body: Record<string, unknown>): Promise<void> {
    let res: Response;
    try {
      res = await this.fetch(`${this.baseUrl}${path}`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'x-api-key': this.opts.apiKey },
        body: JSON.stringify({ ...body, api_key: this.opts.apiKey }),
        signal: AbortSignal.timeout(this.opts.timeoutMs ?? 5000),
      });
    } catch (err) {
      throw new PromptLayerError(`PromptLayer ${path}: ${errorMessage(err)}`);
    }
    const text = await res.text();
    let ok = res.ok;
    // PromptLayer answers 200 with {"success": false, "message": ...} for some rejections.
    try {
      const json = JSON.parse(text) as { success?: boolean; message?: string };
      if (json.success === false) ok = false;
    } catch {
      /* a non-JSON body: the status decides */
    }
    if (!ok) throw new PromptLayerError(`PromptLayer ${path} answered ${res.status}`, res.status);
  }
}
