import { randomBytes } from 'node:crypto';
import { FakeHttpServer, tokens, type ReplyContext } from './fake-http.js';

const ERROR_TYPES: Record<number, string> = {
  400: 'invalid_request_error',
  401: 'authentication_error',
  429: 'rate_limit_error',
  500: 'api_error',
  529: 'overloaded_error',
};

const userText = (messages: any[]): string =>
  messages
    .filter((m) => m.role === 'user')
    .map((m) => (typeof m.content === 'string' ? m.content : m.content.map((b: any) => b.text ?? b.content ?? '').join('\n')))
    .join('\n');

/**
 * A fake Anthropic Messages API (POST /v1/messages): answers with tool_use blocks for the requested tool,
 * usage with cache_creation_input_tokens on the first sight of a system prompt and cache_read_input_tokens
 * after, a request-id header, and the error bodies and statuses of the real API when scripted to.
 */
export class FakeAnthropic extends FakeHttpServer {
  private readonly cached = new Set<string>();

  override reset(): void {
    super.reset();
    this.cached.clear();
  }

  protected route(path: string): boolean {
    return path.startsWith('/v1/messages');
  }

  protected toolName(body: any): string {
    return body?.tools?.[0]?.name ?? '';
  }

  protected errorBody(status: number): unknown {
    return { type: 'error', error: { type: ERROR_TYPES[status] ?? 'api_error', message: `fake error ${status}` } };
  }

  protected reply({ body, behaviour, res }: ReplyContext): unknown {
    const tool = this.toolName(body);
    const system = (body.system ?? []).map((b: any) => b.text).join('\n');
    const cacheable = (body.system ?? []).some((b: any) => b.cache_control?.type === 'ephemeral');
    const prefix = tokens(system + JSON.stringify(body.tools ?? []));
    const hit = cacheable && this.cached.has(system);
    if (cacheable) this.cached.add(system);
    const requestId = `req_${randomBytes(8).toString('hex')}`;
    res.setHeader('request-id', requestId);
    let content: unknown[];
    if (behaviour.kind === 'text') content = [{ type: 'text', text: behaviour.text }];
    else {
      const input = behaviour.kind === 'tool_input' ? behaviour.input : this.answer(tool, userText(body.messages));
      content = [{ type: 'tool_use', id: `toolu_${randomBytes(6).toString('hex')}`, name: tool, input }];
    }
    const output = tokens(JSON.stringify(content));
    return {
      id: `msg_${randomBytes(8).toString('hex')}`,
      type: 'message',
      role: 'assistant',
      model: body.model,
      content,
      stop_reason: behaviour.kind === 'text' ? 'end_turn' : 'tool_use',
      stop_sequence: null,
      usage: {
        input_tokens: tokens(JSON.stringify(body.messages)) + (cacheable ? 0 : prefix),
        output_tokens: output,
        cache_creation_input_tokens: cacheable && !hit ? prefix : 0,
        cache_read_input_tokens: hit ? prefix : 0,
      },
    };
  }
}
