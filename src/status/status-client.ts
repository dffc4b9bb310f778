import {
  DeploymentListSchema,
  SpSummarySchema,
  type Deployment,
  type SpSummary,
} from '../schemas/status.schema.js';

export interface StatusSnapshot {
  summary: SpSummary;
  deployments: Deployment[];
  fetchedAt: Date;
}

export interface StatusClientOptions {
  baseUrl: string;
  timeoutMs: number;
  /** How long a snapshot is served from memory. */
  cacheTtlMs: number;
  /** How long an expired snapshot may still be served when the status API is failing. */
  staleIfErrorMs?: number;
  fetch?: typeof fetch;
  now?: () => number;
}

export class StatusUnavailableError extends Error {
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'StatusUnavailableError';
  }
}

/**
 * Reads a Statuspage v2 API (ours or a real one) over HTTP. Answers are cached for the TTL, concurrent
 * callers share one request, and a recent snapshot is served while the API is failing.
 */
export class StatusClient {
  private cached: { snapshot: StatusSnapshot; expiresAt: number } | undefined;
  private inFlight: Promise<StatusSnapshot> | undefined;
  private readonly fetchFn: typeof fetch;
  private readonly now: () => number;

  constructor(private readonly options: StatusClientOptions) {
    this.fetchFn = options.fetch ?? fetch;
    this.now = options.now ?? Date.now;
  }

  get baseUrl(): string {
    return this.options.baseUrl;
  }

  /** Returns the snapshot and whether it came from the cache. Throws StatusUnavailableError. */
  async snapshot(signal?: AbortSignal): Promise<{ snapshot: StatusSnapshot; fromCache: boolean }> {
    const now = this.now();
    if (this.cached && now < this.cached.expiresAt) return { snapshot: this.cached.snapshot, fromCache: true };
    try {
      this.inFlight ??= this.fetchSnapshot().finally(() => {
        this.inFlight = undefined;
      });
      const snapshot = await raceSignal(this.inFlight, signal);
      this.cached = { snapshot, expiresAt: this.now() + this.options.cacheTtlMs };
      return { snapshot, fromCache: false };
    } catch (err) {
      const staleLimit = this.options.staleIfErrorMs ?? 15 * 60_000;
      if (this.cached && now - this.cached.snapshot.fetchedAt.getTime() < staleLimit) {
        return { snapshot: this.cached.snapshot, fromCache: true };
      }
      throw err instanceof StatusUnavailableError ? err : new StatusUnavailableError(String(err), { cause: err });
    }
  }

  /** A cheap liveness probe that bypasses the cache. */
  async ping(): Promise<void> {
    await this.getJson('/api/v2/status.json');
  }

  private async fetchSnapshot(): Promise<StatusSnapshot> {
    const [summaryJson, deploymentsJson] = await Promise.all([
      this.getJson('/api/v2/summary.json'),
      // Deployments are our extension; a real Statuspage has none, which is not an error.
      this.getJson('/api/v2/deployments.json').catch(() => ({ deployments: [] })),
    ]);
    const summary = SpSummarySchema.safeParse(summaryJson);
    if (!summary.success) throw new StatusUnavailableError('status API answered summary.json in an unknown shape');
    const deployments = DeploymentListSchema.safeParse(deploymentsJson);
    return {
      summary: summary.data,
      deployments: deployments.success ? deployments.data.deployments : [],
      fetchedAt: new Date(this.now()),
    };
  }

  private async getJson(path: string): Promise<unknown> {
    const url = new URL(path.replace(/^\//, ''), this.options.baseUrl.endsWith('/') ? this.options.baseUrl : `${this.options.baseUrl}/`);
    let res: Response;
    try {
      res = await this.fetchFn(url, {
        headers: { accept: 'application/json' },
        signal: AbortSignal.timeout(this.options.timeoutMs),
      });
    } catch (err) {
      const why = (err as Error).name === 'TimeoutError' ? `timed out after ${this.options.timeoutMs} ms` : (err as Error).message;
      throw new StatusUnavailableError(`status API ${url.origin} unreachable: ${why}`, { cause: err });
    }
    if (!res.ok) {
      await res.body?.cancel();
      throw new StatusUnavailableError(`status API answered ${res.status} for ${url.pathname}`);
    }
    try {
      return await res.json();
    } catch (err) {
      throw new StatusUnavailableError(`status API sent invalid JSON for ${url.pathname}`, { cause: err });
    }
  }
}

function raceSignal<T>(work: Promise<T>, signal: AbortSignal | undefined): Promise<T> {
  if (!signal) return work;
  signal.throwIfAborted();
  return new Promise<T>((resolve, reject) => {
    const onAbort = () => reject(new StatusUnavailableError('status lookup aborted'));
    signal.addEventListener('abort', onAbort, { once: true });
    work.then(resolve, reject).finally(() => signal.removeEventListener('abort', onAbort));
  });
}
