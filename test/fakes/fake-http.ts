import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';
import { answerFor } from './agent-answers.js';

export interface RecordedRequest {
  method: string;
  path: string;
  headers: Record<string, string | string[] | undefined>;
  body: any;
  at: number;
}

/** One scripted reply. `auto` answers from the request as the real API would. */
export type Behaviour =
  | { kind: 'auto'; delayMs?: number }
  | { kind: 'http'; status: number; headers?: Record<string, string>; body?: unknown; delayMs?: number }
  | { kind: 'drop'; delayMs?: number }
  | { kind: 'tool_input'; input: unknown; delayMs?: number }
  | { kind: 'text'; text: string; delayMs?: number };

export const behave = {
  auto: (delayMs?: number): Behaviour => ({ kind: 'auto', ...(delayMs ? { delayMs } : {}) }),
  status: (status: number, headers: Record<string, string> = {}, body?: unknown): Behaviour => ({ kind: 'http', status, headers, body }),
  drop: (): Behaviour => ({ kind: 'drop' }),
  slow: (delayMs: number): Behaviour => ({ kind: 'auto', delayMs }),
  toolInput: (input: unknown): Behaviour => ({ kind: 'tool_input', input }),
  text: (text: string): Behaviour => ({ kind: 'text', text }),
};

export interface ReplyContext {
  body: any;
  behaviour: Behaviour;
  res: ServerResponse;
}

/**
 * A scriptable HTTP fake: a queue of behaviours (then `auto`), every request recorded with its parsed JSON
 * body and headers, optional latency per tool or route. Protocol specifics live in the subclasses.
 */
export abstract class FakeHttpServer {
  readonly requests: RecordedRequest[] = [];
  readonly responses: any[] = [];
  private readonly queue: Behaviour[] = [];
  private server: Server | undefined;
  private readonly sockets = new Set<Socket>();
  url = '';
  /** Added before `auto` answers, by tool name (the agent's schema name). */
  latencyMs: Record<string, number> = {};
  /** Rewrites the `auto` answer for a tool, e.g. to make the model disagree with the offline analysis. */
  transform: Record<string, (answer: Record<string, unknown>) => Record<string, unknown>> = {};

  enqueue(...behaviours: Behaviour[]): this {
    this.queue.push(...behaviours);
    return this;
  }

  reset(): void {
    this.requests.length = 0;
    this.responses.length = 0;
    this.queue.length = 0;
  }

  async start(): Promise<string> {
    this.server = createServer((req, res) => void this.handle(req, res));
    this.server.keepAliveTimeout = 60_000;
    this.server.on('connection', (s) => {
      this.sockets.add(s);
      s.on('close', () => this.sockets.delete(s));
    });
    await new Promise<void>((resolve) => this.server!.listen(0, '127.0.0.1', resolve));
    this.url = `http://127.0.0.1:${(this.server.address() as AddressInfo).port}`;
    return this.url;
  }

  async stop(): Promise<void> {
    for (const s of this.sockets) s.destroy();
    await new Promise<void>((resolve) => (this.server ? this.server.close(() => resolve()) : resolve()));
  }

  protected abstract route(path: string): boolean;
  protected abstract toolName(body: any): string;
  protected abstract reply(ctx: ReplyContext): unknown;

  private async handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const chunks: Buffer[] = [];
    for await (const c of req) chunks.push(c as Buffer);
    const raw = Buffer.concat(chunks).toString('utf8');
    let body: any;
    try {
      body = raw ? JSON.parse(raw) : undefined;
    } catch {
      body = raw;
    }
    this.requests.push({ method: req.method ?? 'GET', path: req.url ?? '/', headers: req.headers, body, at: Date.now() });
    if (!this.route(req.url ?? '')) return this.json(res, 404, { error: { type: 'not_found_error', message: `no route ${req.url}` } });
    const behaviour = this.queue.shift() ?? { kind: 'auto' };
    const delay = (behaviour.delayMs ?? 0) + (behaviour.kind === 'auto' ? (this.latencyMs[this.toolName(body)] ?? 0) : 0);
    if (delay > 0) await new Promise((r) => setTimeout(r, delay));
    if (res.destroyed) return;
    if (behaviour.kind === 'drop') {
      req.socket.destroy();
      return;
    }
    if (behaviour.kind === 'http') {
      for (const [k, v] of Object.entries(behaviour.headers ?? {})) res.setHeader(k, v);
      return this.json(res, behaviour.status, behaviour.body ?? this.errorBody(behaviour.status));
    }
    const out = this.reply({ body, behaviour, res });
    this.responses.push(out);
    this.json(res, res.statusCode || 200, out);
  }

  protected abstract errorBody(status: number): unknown;

  private readonly answers = new Map<string, Record<string, unknown>>();

  /** Answers are deterministic in the request, so repeated tickets reuse them (keeps the fake's CPU out of benchmarks). */
  protected answer(tool: string, user: string): Record<string, unknown> {
    const key = `${tool}\u0000${user}`;
    let a = this.answers.get(key);
    if (!a) {
      if (this.answers.size > 1000) this.answers.clear();
      a = answerFor(tool, user);
      this.answers.set(key, a);
    }
    a = structuredClone(a);
    return this.transform[tool]?.(a) ?? a;
  }

  protected json(res: ServerResponse, status: number, body: unknown): void {
    if (res.destroyed) return;
    res.statusCode = status;
    res.setHeader('content-type', 'application/json');
    res.end(JSON.stringify(body));
  }
}

/** Roughly what a tokenizer would count; the fakes only need stable, plausible numbers. */
export const tokens = (text: string): number => Math.max(1, Math.ceil(text.length / 4));
