import type { z } from 'zod';
import { errorMessage } from '../errors.js';
import type { LlmProvider, StructuredResponse } from '../llm/llm-provider.js';
import { ZERO_USAGE } from '../llm/llm-provider.js';
import type { Logger } from '../logger.js';
import type { AgentTrace } from '../schemas/result.schema.js';
import type { AgentName } from '../schemas/taxonomy.schema.js';
import type { TicketInput } from '../schemas/ticket.schema.js';

export interface AgentContext {
  ticketId: string;
  signal: AbortSignal;
  provider: LlmProvider;
  log: Logger;
  /** Work the agent started before its input was ready (see Agent.prefetch), when the orchestrator did. */
  prefetched?: Promise<unknown> | undefined;
}

/** An agent: typed input and output, one job, and optionally an answer to give when it fails. */
export interface Agent<I, O> {
  readonly name: AgentName;
  readonly inputSchema: z.ZodType<I>;
  readonly outputSchema: z.ZodType<O>;
  run(input: I, ctx: AgentContext): Promise<StructuredResponse<O>>;
  /** When present, a failure degrades the ticket to this output instead of failing it. */
  fallback?(input: I, error: unknown): O;
  /** A cheap offline answer to start dependent agents on before the real one arrives (speculative mode). */
  provisional?(input: I): O;
  /** Work that needs only the ticket (a status fetch, first-pass retrieval), started while the analyzer runs. */
  prefetch?(ticket: TicketInput, signal: AbortSignal): Promise<unknown>;
}

export interface AgentOutcome<O> {
  output: O;
  trace: AgentTrace;
  /** Filled in by analytics decorators after the answer (PromptLayer's request id). */
  analytics?: { promptLayerRequestId?: string } | undefined;
}

export class AgentFailedError extends Error {
  constructor(
    readonly agent: AgentName,
    readonly trace: AgentTrace,
    cause: unknown,
  ) {
    super(`${agent} agent failed: ${errorMessage(cause)}`, { cause });
    this.name = 'AgentFailedError';
  }
}

export interface RunAgentOptions {
  /** performance.now() at the start of the pipeline, for span offsets. */
  pipelineStart: number;
  timeoutMs: number;
}

/**
 * Runs one agent with input and output validation, its own deadline, timing and accounting, and turns
 * a failure into its fallback output (outcome "degraded") when the agent has one.
 */
export async function runAgent<I, O>(
  agent: Agent<I, O>,
  input: I,
  ctx: Omit<AgentContext, 'signal'> & { signal?: AbortSignal },
  opts: RunAgentOptions,
): Promise<AgentOutcome<O>> {
  const startedAt = new Date();
  const start = performance.now();
  const deadline = AbortSignal.timeout(opts.timeoutMs);
  const signal = ctx.signal ? AbortSignal.any([ctx.signal, deadline]) : deadline;
  const span = (extra: Partial<AgentTrace> & Pick<AgentTrace, 'outcome'>): AgentTrace => {
    const end = performance.now();
    return {
      agent: agent.name,
      started_at: startedAt.toISOString(),
      ended_at: new Date().toISOString(),
      start_offset_ms: round(start - opts.pipelineStart),
      end_offset_ms: round(end - opts.pipelineStart),
      duration_ms: round(end - start),
      provider: ctx.provider.name,
      model: 'none',
      tokens: { ...ZERO_USAGE },
      cost_usd: 0,
      ...extra,
    };
  };
  try {
    const validInput = agent.inputSchema.parse(input);
    const result = await withAbort(agent.run(validInput, { ...ctx, signal }), signal);
    const output = agent.outputSchema.parse(result.data);
    return {
      output,
      analytics: result.analytics,
      trace: span({
        outcome: result.degradedReason ? 'degraded' : 'ok',
        provider: result.provider,
        model: result.model,
        tokens: result.usage,
        cost_usd: result.costUsd,
        ...(result.degradedReason ? { error: result.degradedReason } : {}),
        ...(result.redactions ? { redactions: result.redactions } : {}),
        ...(result.requestId ? { request_id: result.requestId } : {}),
      }),
    };
  } catch (err) {
    // The caller withdrew the work (e.g. shutdown): no fallback, so a ticket is never completed half-done.
    if (ctx.signal?.aborted) throw new AgentFailedError(agent.name, span({ outcome: 'failed', error: 'cancelled' }), err);
    const reason = deadline.aborted ? `timed out after ${opts.timeoutMs} ms` : errorMessage(err);
    if (agent.fallback) {
      ctx.log.warn({ agent: agent.name, ticketId: ctx.ticketId, reason }, 'agent degraded to its fallback');
      return { output: agent.fallback(input, err), trace: span({ outcome: 'degraded', model: 'fallback', error: reason }) };
    }
    throw new AgentFailedError(agent.name, span({ outcome: 'failed', error: reason }), err);
  }
}

/** Rejects as soon as the signal aborts, even if the work itself ignores the signal. */
function withAbort<T>(work: Promise<T>, signal: AbortSignal): Promise<T> {
  if (signal.aborted) return Promise.reject(signal.reason);
  return new Promise<T>((resolve, reject) => {
    const onAbort = () => reject(signal.reason);
    signal.addEventListener('abort', onAbort, { once: true });
    work.then(
      (v) => {
        signal.removeEventListener('abort', onAbort);
        resolve(v);
      },
      (e) => {
        signal.removeEventListener('abort', onAbort);
        reject(e);
      },
    );
  });
}

const round = (x: number) => Math.round(x * 100) / 100;
