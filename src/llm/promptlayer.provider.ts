import type { PromptLayer } from 'promptlayer';
import { errorMessage } from '../errors.js';
import type { Logger } from '../logger.js';
import type { LlmProvider, ProviderHealth, StructuredRequest, StructuredResponse } from './llm-provider.js';

export type PromptLayerLogBody = Parameters<PromptLayer['logRequest']>[0];
export interface PromptLayerClient {
  logRequest(body: PromptLayerLogBody): Promise<{ id: number } | null>;
}

export interface PromptLayerOptions {
  /** Stop waiting for PromptLayer's answer after this long (its id is then not recorded). */
  timeoutMs: number;
  /** Logs in flight at most; more are dropped rather than queued, so an outage cannot grow memory. */
  maxPending: number;
  log: Logger;
  now?: () => number;
}

/**
 * The promptlayer SDK, imported only when a key is set (it pulls in OpenTelemetry), and at once, so the
 * import is paid at start-up rather than by the first ticket.
 */
export function promptLayerClient(apiKey: string, baseURL: string | undefined): PromptLayerClient {
  const client = import('promptlayer').then(({ PromptLayer: PL }) => new PL({ apiKey, ...(baseURL ? { baseURL } : {}), throwOnError: true }));
  client.catch(() => {});
  return {
    async logRequest(body) {
      return (await client).logRequest(body);
    },
  };
}

/**
 * Logs every model request to PromptLayer with tags (agent, provider, model, variant) and metadata (ticket
 * id, provider request id), fire and forget: the answer is returned at once, the log runs in the
 * background with a bound, and PromptLayer's request id is recorded on the response when it arrives.
 * PromptLayer being slow or down never fails or slows a ticket.
 */
export class PromptLayerProvider implements LlmProvider {
  private pending = 0;
  dropped = 0;
  private readonly now: () => number;

  constructor(
    readonly inner: LlmProvider,
    private readonly client: PromptLayerClient,
    private readonly options: PromptLayerOptions,
  ) {
    this.now = options.now ?? Date.now;
  }

  get name(): string {
    return this.inner.name;
  }

  get inFlight(): number {
    return this.pending;
  }

  async generate<T>(request: StructuredRequest<T>): Promise<StructuredResponse<T>> {
    const start = this.now();
    try {
      const result = await this.inner.generate(request);
      result.analytics ??= {};
      this.send(request, start, { status: 'SUCCESS', result }, result.analytics);
      return result;
    } catch (err) {
      this.send(request, start, { status: 'ERROR', error: errorMessage(err) });
      throw err;
    }
  }

  private send<T>(
    request: StructuredRequest<T>,
    start: number,
    outcome: { status: 'SUCCESS'; result: StructuredResponse<T> } | { status: 'ERROR'; error: string },
    analytics?: { promptLayerRequestId?: string },
  ): void {
    if (this.pending >= this.options.maxPending) {
      this.dropped++;
      return;
    }
    let body: PromptLayerLogBody;
    try {
      body = this.body(request, start, outcome);
    } catch (err) {
      this.options.log.debug({ err: errorMessage(err) }, 'promptlayer log skipped');
      return;
    }
    this.pending++;
    const logged = this.client.logRequest(body).finally(() => this.pending--);
    let timer: NodeJS.Timeout | undefined;
    const bound = new Promise<null>((resolve) => {
      timer = setTimeout(() => resolve(null), this.options.timeoutMs);
      timer.unref();
    });
    Promise.race([logged, bound])
      .then((r) => {
        if (r && analytics) analytics.promptLayerRequestId = String(r.id);
      })
      .catch((err) => this.options.log.debug({ agent: request.agent, err: errorMessage(err) }, 'promptlayer log failed'))
      .finally(() => clearTimeout(timer));
  }

  private body<T>(
    request: StructuredRequest<T>,
    start: number,
    outcome: { status: 'SUCCESS'; result: StructuredResponse<T> } | { status: 'ERROR'; error: string },
  ): PromptLayerLogBody {
    const prompt = request.prompt();
    const result = outcome.status === 'SUCCESS' ? outcome.result : undefined;
    const model = result?.model ?? request.options?.model ?? 'unknown';
    const variant = request.options?.variant ?? 'default';
    return {
      provider: result?.provider ?? this.inner.name,
      model,
      input: {
        type: 'chat',
        messages: [
          { role: 'system', content: [{ type: 'text', text: prompt.system }] },
          { role: 'user', content: [{ type: 'text', text: prompt.user }] },
        ],
      },
      output: {
        type: 'chat',
        messages: [{ role: 'assistant', content: [{ type: 'text', text: result ? JSON.stringify(result.data) : '' }] }],
      },
      request_start_time: start / 1000,
      request_end_time: this.now() / 1000,
      tags: [`agent:${request.agent}`, `provider:${result?.provider ?? this.inner.name}`, `model:${model}`, `variant:${variant}`],
      metadata: {
        agent: request.agent,
        ...(request.ticketId ? { ticket_id: request.ticketId } : {}),
        ...(result?.requestId ? { provider_request_id: result.requestId } : {}),
        variant,
      },
      function_name: request.schemaName,
      status: outcome.status,
      ...(result
        ? { input_tokens: result.usage.input + result.usage.cache_read + result.usage.cache_write, output_tokens: result.usage.output, price: result.costUsd }
        : { error_message: outcome.status === 'ERROR' ? outcome.error : '' }),
    };
  }

  health(): Promise<ProviderHealth> {
    return this.inner.health();
  }
}
