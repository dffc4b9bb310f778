import OpenAI from 'openai';
import { l2normalize, type Embedder } from './embedder.js';

export interface OpenAiEmbedderOptions {
  /** Local servers (vLLM, Ollama, text-embeddings-inference) usually need none. */
  apiKey?: string;
  /** e.g. http://localhost:11434/v1; unset means OpenAI itself. */
  baseUrl?: string;
  model: string;
  dimensions?: number;
  /** Inputs per request. */
  batchSize?: number;
  /** Retries of 408/409/429/5xx and connection errors, with the SDK's backoff (honours retry-after). */
  maxRetries?: number;
  timeoutMs?: number;
  /** Injected for tests; defaults to global fetch. */
  fetch?: typeof fetch;
}

/** Embeddings from any OpenAI-compatible /v1/embeddings endpoint, through the official SDK. */
export class OpenAiEmbedder implements Embedder {
  readonly id: string;
  private readonly client: OpenAI;
  private readonly batchSize: number;
  requests = 0;

  constructor(private readonly options: OpenAiEmbedderOptions) {
    const baseURL = options.baseUrl ?? 'https://api.openai.com/v1';
    this.client = new OpenAI({
      // The SDK insists on a key; OpenAI-compatible local servers ignore it.
      apiKey: options.apiKey ?? 'not-needed',
      baseURL,
      maxRetries: options.maxRetries ?? 3,
      timeout: options.timeoutMs ?? 30_000,
      ...(options.fetch ? { fetch: options.fetch } : {}),
    });
    this.batchSize = Math.max(1, options.batchSize ?? 64);
    const host = new URL(baseURL).host;
    this.id = `openai:${host}:${options.model}${options.dimensions ? `:${options.dimensions}` : ''}`;
  }

  async embed(texts: string[]): Promise<Float32Array[]> {
    const out: Float32Array[] = [];
    for (let start = 0; start < texts.length; start += this.batchSize) {
      // The API rejects empty strings; a space embeds as "nothing" without failing the batch.
      const input = texts.slice(start, start + this.batchSize).map((t) => (t.trim() === '' ? ' ' : t));
      this.requests++;
      const res = await this.client.embeddings.create({
        model: this.options.model,
        input,
        // Plain floats: the SDK's default base64 is not supported by every compatible server.
        encoding_format: 'float',
        ...(this.options.dimensions ? { dimensions: this.options.dimensions } : {}),
      });
      if (res.data.length !== input.length) {
        throw new Error(`embeddings endpoint returned ${res.data.length} vectors for ${input.length} inputs`);
      }
      const ordered = [...res.data].sort((a, b) => a.index - b.index);
      for (const d of ordered) out.push(l2normalize(Float32Array.from(d.embedding)));
    }
    return out;
  }
}
