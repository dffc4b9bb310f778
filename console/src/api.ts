import type { Problem, Queue, ReviewAction, ReviewState, Stats, StatsSeries, Ticket } from './types.js';

const KEY_STORAGE = 'support-agent.api-key';

/** The API key for this browser tab (sessionStorage: gone when the tab closes). */
export const apiKey = {
  get: (): string | null => sessionStorage.getItem(KEY_STORAGE),
  set: (key: string) => sessionStorage.setItem(KEY_STORAGE, key.trim()),
  clear: () => sessionStorage.removeItem(KEY_STORAGE),
};

/** A non-2xx answer, with the problem+json body when there is one. */
export class ApiError extends Error {
  constructor(readonly problem: Problem) {
    super(problem.detail ?? problem.title ?? `HTTP ${problem.status}`);
  }
  get status(): number {
    return this.problem.status;
  }
}

type Listener = () => void;
const authListeners = new Set<Listener>();
/** Called whenever the API answers 401, so the app can ask for a key. */
export function onAuthRequired(fn: Listener): () => void {
  authListeners.add(fn);
  return () => authListeners.delete(fn);
}

async function request<T>(method: 'GET' | 'POST', path: string, body?: unknown): Promise<T> {
  const headers: Record<string, string> = { accept: 'application/json' };
  const key = apiKey.get();
  // The API reads either header (src/http/plugins/api-key-auth.ts); Bearer is the one it checks first.
  if (key) headers.authorization = `Bearer ${key}`;
  if (body !== undefined) headers['content-type'] = 'application/json';
  const res = await fetch(path, { method, headers, body: body === undefined ? undefined : JSON.stringify(body) });
  const text = await res.text();
  const data: unknown = text ? JSON.parse(text) : undefined;
  if (!res.ok) {
    const problem = { status: res.status, ...(typeof data === 'object' && data !== null ? data : {}) } as Problem;
    if (res.status === 401) for (const fn of authListeners) fn();
    throw new ApiError(problem);
  }
  return data as T;
}

const qs = (params: Record<string, string | number | undefined>) =>
  new URLSearchParams(Object.entries(params).filter((e): e is [string, string | number] => e[1] !== undefined && e[1] !== '').map(([k, v]) => [k, String(v)])).toString();

export const api = {
  queue: (q: { state: ReviewState; sort: 'priority' | 'age'; limit: number; offset: number }) => request<Queue>('GET', `/reviews?${qs(q)}`),
  ticket: (id: string) => request<Ticket>('GET', `/tickets/${encodeURIComponent(id)}`),
  review: (id: string, body: { action: ReviewAction; reviewer: string; response_text?: string; reason?: string }) =>
    request<Ticket>('POST', `/tickets/${encodeURIComponent(id)}/review`, body),
  feedback: (
    id: string,
    body: { rating: 'up' | 'down'; reason?: string; corrected?: { category?: string; priority?: string; sentiment?: string } },
  ) => request<unknown>('POST', `/tickets/${encodeURIComponent(id)}/feedback`, body),
  stats: (q: { since: string; variant?: string }) => request<Stats>('GET', `/stats?${qs(q)}`),
  series: (q: { since: string; bucket: 'hour' | 'day'; variant?: string }) => request<StatsSeries>('GET', `/stats/series?${qs(q)}`),
};

/** A readable sentence for an error, naming the fields a 400 complains about. */
export function describeError(err: unknown): string {
  if (err instanceof ApiError) {
    const fields = err.problem.errors?.map((e) => `${e.field}: ${e.message}`).join('; ');
    return `${err.problem.title ?? 'Error'} (${err.status})${err.problem.detail ? `: ${err.problem.detail}` : ''}${fields ? ` [${fields}]` : ''}`;
  }
  return err instanceof Error ? err.message : String(err);
}
