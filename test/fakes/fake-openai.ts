import { randomBytes } from 'node:crypto';
import { FakeHttpServer, tokens, type ReplyContext } from './fake-http.js';

/**
 * A fake OpenAI Chat Completions API (POST /v1/chat/completions): answers response_format json_schema
 * with JSON content, and tools with a tool call; usage with prompt_tokens_details.cached_tokens; an
 * x-request-id header. `rejectResponseFormat` makes it answer 400 to json_schema, as servers without
 * structured output do.
 */
export class FakeOpenAi extends FakeHttpServer {
  rejectResponseFormat = false;
  private readonly seen = new Set<string>();

  override reset(): void {
    super.reset();
    this.seen.clear();
    this.rejectResponseFormat = false;
  }

  protected route(path: string): boolean {
    return path.startsWith('/v1/chat/completions');
  }

  protected toolName(body: any): string {
    return body?.response_format?.json_schema?.name ?? body?.tools?.[0]?.function?.name ?? '';
  }

  protected errorBody(status: number): unknown {
    return { error: { message: `fake error ${status}`, type: status === 429 ? 'rate_limit_exceeded' : 'server_error', code: null } };
  }

  protected reply({ body, behaviour, res }: ReplyContext): unknown {
    if (this.rejectResponseFormat && body.response_format) {
      res.statusCode = 400;
      return { error: { message: "Invalid parameter: 'response_format' of type 'json_schema' is not supported with this model.", type: 'invalid_request_error', code: null } };
    }
    const name = this.toolName(body);
    const user = body.messages.filter((m: any) => m.role === 'user').map((m: any) => m.content).join('\n');
    const system = body.messages.find((m: any) => m.role === 'system')?.content ?? '';
    res.setHeader('x-request-id', `req_${randomBytes(8).toString('hex')}`);
    const answer = behaviour.kind === 'tool_input' ? JSON.stringify(behaviour.input) : behaviour.kind === 'text' ? behaviour.text : JSON.stringify(this.answer(name, user));
    const message = body.response_format
      ? { role: 'assistant', content: answer, refusal: null }
      : { role: 'assistant', content: null, refusal: null, tool_calls: [{ id: `call_${randomBytes(6).toString('hex')}`, type: 'function', function: { name, arguments: answer } }] };
    const prompt = tokens(JSON.stringify(body.messages));
    const cached = this.seen.has(system) ? tokens(system) : 0;
    this.seen.add(system);
    return {
      id: `chatcmpl-${randomBytes(8).toString('hex')}`,
      object: 'chat.completion',
      created: Math.floor(Date.now() / 1000),
      model: body.model,
      choices: [{ index: 0, message, finish_reason: body.response_format ? 'stop' : 'tool_calls', logprobs: null }],
      usage: { prompt_tokens: prompt, completion_tokens: tokens(answer), total_tokens: prompt + tokens(answer), prompt_tokens_details: { cached_tokens: cached } },
    };
  }
}
