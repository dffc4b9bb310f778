import type { CustomerProfile } from '../schemas/customer.schema.js';
import type { Analysis } from '../schemas/analysis.schema.js';
import type { KnowledgeResult } from '../schemas/article.schema.js';
import type { DraftResponse } from '../schemas/response.schema.js';
import type { AgentTrace, Metrics, PipelineOutput, TokenUsage } from '../schemas/result.schema.js';
import type { SystemStatus } from '../schemas/status.schema.js';
import type { TicketInput } from '../schemas/ticket.schema.js';
import type { LlmProvider } from '../llm/llm-provider.js';
import type { Logger } from '../logger.js';
import { AgentFailedError, runAgent, type Agent, type AgentOutcome } from './agent.js';
import type { AnalyzerInput } from './agents/analyzer.agent.js';
import type { KnowledgeInput } from './agents/knowledge.agent.js';
import type { StatusInput } from './agents/status.agent.js';
import type { SynthesisInput } from './agents/synthesis.agent.js';
import { sameRouting } from './routing.js';

export interface PipelineAgents {
  analyzer: Agent<AnalyzerInput, Analysis>;
  knowledge: Agent<KnowledgeInput, KnowledgeResult>;
  status: Agent<StatusInput, SystemStatus>;
  synthesis: Agent<SynthesisInput, DraftResponse>;
}

/**
 * sequential: analyzer, then retrieval and status together, then synthesis.
 * prefetch: the same, but the status fetch and first-pass retrieval start while the analyzer runs.
 * speculative: retrieval and status also start at once on the offline analysis; when the analyzer's answer
 * arrives with the same routing facts their results are kept, otherwise they run again on it.
 */
export const PIPELINE_MODES = ['sequential', 'prefetch', 'speculative'] as const;
export type PipelineMode = (typeof PIPELINE_MODES)[number];

export interface OrchestratorDeps {
  agents: PipelineAgents;
  provider: LlmProvider;
  profiles: { get(customerId: string): Promise<CustomerProfile | undefined> };
  agentTimeoutMs: number;
  log: Logger;
  mode?: PipelineMode;
}

type Downstream = [AgentOutcome<KnowledgeResult>, AgentOutcome<SystemStatus>];

/**
 * Runs the four agents. Retrieval, status and synthesis degrade to their fallbacks instead of failing the
 * ticket; only an analyzer failure fails it.
 */
export class Orchestrator {
  constructor(private readonly deps: OrchestratorDeps) {}

  get mode(): PipelineMode {
    return this.deps.mode ?? 'sequential';
  }

  async process(ticketId: string, ticket: TicketInput, signal?: AbortSignal): Promise<PipelineOutput> {
    const { agents, provider, agentTimeoutMs } = this.deps;
    const mode = this.mode;
    const log = this.deps.log.child({ ticketId });
    const pipelineStart = performance.now();
    const ctx = { ticketId, provider, log, ...(signal ? { signal } : {}) };
    const opts = { pipelineStart, timeoutMs: agentTimeoutMs };

    const profile = ticket.customer_id ? await this.deps.profiles.get(ticket.customer_id) : undefined;
    const analyzerInput = { ticket, profile };
    // The analyzer's request goes out first; CPU work that can overlap it (index search, the offline
    // analysis) starts once the request is on its way.
    const analyzing = runAgent(agents.analyzer, analyzerInput, ctx, opts);
    analyzing.catch(() => {});
    if (mode !== 'sequential') await nextTick();
    const early = mode === 'sequential' ? undefined : prefetch(agents, ticket, signal);
    const downstreamRuns = (analysis: Analysis, sig?: AbortSignal) => {
      const c = sig ? { ...ctx, signal: sig } : ctx;
      // Status first: it is quick to its model request, while retrieval searches the index on the CPU.
      const st = runAgent(agents.status, { ticket, analysis }, { ...c, prefetched: early?.status }, opts);
      const kn = runAgent(agents.knowledge, { ticket, analysis }, { ...c, prefetched: early?.knowledge }, opts);
      return [kn, st] as const;
    };
    const downstream = (analysis: Analysis, sig?: AbortSignal): Promise<Downstream> => Promise.all(downstreamRuns(analysis, sig));

    let analyzed: AgentOutcome<Analysis>;
    let knowledge: AgentOutcome<KnowledgeResult>;
    let status: AgentOutcome<SystemStatus>;
    const discarded: AgentTrace[] = [];
    const provisional = mode === 'speculative' ? agents.analyzer.provisional?.(analyzerInput) : undefined;
    if (provisional) {
      const cancel = new AbortController();
      const runs = downstreamRuns(provisional, signal ? AbortSignal.any([signal, cancel.signal]) : cancel.signal);
      const speculative: Promise<Downstream> = Promise.all(runs);
      speculative.catch(() => {});
      analyzed = await analyzing.catch((err) => {
        cancel.abort();
        throw err;
      });
      if (sameRouting(provisional, analyzed.output)) {
        [knowledge, status] = await speculative;
      } else {
        log.debug({ agent: 'analyzer' }, 'analysis changed the routing facts; running retrieval and status again');
        cancel.abort();
        // A cancelled run ends in AgentFailedError (no fallback for withdrawn work); its span still counts.
        for (const r of await Promise.allSettled(runs)) {
          const span = r.status === 'fulfilled' ? r.value.trace : r.reason instanceof AgentFailedError ? r.reason.trace : undefined;
          if (span) discarded.push({ ...span, outcome: 'discarded' });
        }
        [knowledge, status] = await downstream(analyzed.output);
      }
    } else {
      analyzed = await analyzing;
      [knowledge, status] = await downstream(analyzed.output);
    }
    const analysis = analyzed.output;
    const synthesized = await runAgent(
      agents.synthesis,
      { ticket, analysis, knowledge: knowledge.output, system_status: status.output, profile },
      ctx,
      opts,
    );

    const outcomes = [analyzed, knowledge, status, synthesized] as AgentOutcome<unknown>[];
    // PromptLayer ids that arrived while the pipeline ran; later ones are not waited for.
    const trace = [
      ...discarded,
      ...outcomes.map((o) => (o.analytics?.promptLayerRequestId ? { ...o.trace, promptlayer_request_id: o.analytics.promptLayerRequestId } : o.trace)),
    ];
    const kept = trace.filter((t) => t.outcome !== 'discarded');
    return {
      analysis,
      knowledge: knowledge.output,
      system_status: status.output,
      response: synthesized.output,
      metrics: summarize(trace, performance.now() - pipelineStart),
      trace,
      provider: mainProvider(kept),
      degraded: kept.some((t) => t.outcome !== 'ok'),
    };
  }
}

const nextTick = () => new Promise<void>((resolve) => setImmediate(resolve));

function prefetch(agents: PipelineAgents, ticket: TicketInput, signal: AbortSignal | undefined) {
  const start = (agent: Agent<never, unknown>) => {
    if (!agent.prefetch) return undefined;
    const p = agent.prefetch(ticket, signal ?? new AbortController().signal);
    p.catch(() => {}); // consumed (and its failure handled) by the agent; never an unhandled rejection
    return p;
  };
  return { knowledge: start(agents.knowledge as Agent<never, unknown>), status: start(agents.status as Agent<never, unknown>) };
}

/** Latency per agent from the runs that counted; tokens and cost from every run, discarded ones included. */
function summarize(trace: AgentTrace[], totalMs: number): Metrics {
  const tokens: TokenUsage = { input: 0, output: 0, cache_read: 0, cache_write: 0 };
  let cost = 0;
  const latency = { total: round(totalMs), analyzer: 0, knowledge: 0, status: 0, synthesis: 0 };
  for (const t of trace) {
    tokens.input += t.tokens.input;
    tokens.output += t.tokens.output;
    tokens.cache_read += t.tokens.cache_read;
    tokens.cache_write += t.tokens.cache_write;
    cost += t.cost_usd;
    if (t.outcome !== 'discarded') latency[t.agent] = t.duration_ms;
  }
  return { latency_ms: latency, tokens, cost_usd: Math.round(cost * 1e6) / 1e6 };
}

/** The provider that did most of the work: the one that answered the most agents. */
function mainProvider(trace: AgentTrace[]): string {
  const counts = new Map<string, number>();
  for (const t of trace) counts.set(t.provider, (counts.get(t.provider) ?? 0) + 1);
  return [...counts.entries()].sort((a, b) => b[1] - a[1])[0]?.[0] ?? 'local';
}

const round = (x: number) => Math.round(x * 100) / 100;
