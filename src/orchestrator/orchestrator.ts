import type { CustomerProfile } from '../schemas/customer.schema.js';
import type { Analysis } from '../schemas/analysis.schema.js';
import type { KnowledgeResult } from '../schemas/article.schema.js';
import type { DraftResponse } from '../schemas/response.schema.js';
import type { AgentTrace, Metrics, PipelineOutput, TokenUsage } from '../schemas/result.schema.js';
import type { SystemStatus } from '../schemas/status.schema.js';
import type { TicketInput } from '../schemas/ticket.schema.js';
import type { LlmProvider } from '../llm/llm-provider.js';
import type { Logger } from '../logger.js';
import { runAgent, type Agent } from './agent.js';
import type { AnalyzerInput } from './agents/analyzer.agent.js';
import type { KnowledgeInput } from './agents/knowledge.agent.js';
import type { StatusInput } from './agents/status.agent.js';
import type { SynthesisInput } from './agents/synthesis.agent.js';

export interface PipelineAgents {
  analyzer: Agent<AnalyzerInput, Analysis>;
  knowledge: Agent<KnowledgeInput, KnowledgeResult>;
  status: Agent<StatusInput, SystemStatus>;
  synthesis: Agent<SynthesisInput, DraftResponse>;
}

export interface OrchestratorDeps {
  agents: PipelineAgents;
  provider: LlmProvider;
  profiles: { get(customerId: string): Promise<CustomerProfile | undefined> };
  agentTimeoutMs: number;
  log: Logger;
}

/**
 * Runs the four agents: the analyzer first, then knowledge retrieval and system status concurrently,
 * then synthesis. Retrieval, status and synthesis degrade to their fallbacks instead of failing the ticket.
 */
export class Orchestrator {
  constructor(private readonly deps: OrchestratorDeps) {}

  async process(ticketId: string, ticket: TicketInput, signal?: AbortSignal): Promise<PipelineOutput> {
    const { agents, provider, agentTimeoutMs } = this.deps;
    const log = this.deps.log.child({ ticketId });
    const pipelineStart = performance.now();
    const ctx = { ticketId, provider, log, ...(signal ? { signal } : {}) };
    const opts = { pipelineStart, timeoutMs: agentTimeoutMs };

    const profile = ticket.customer_id ? await this.deps.profiles.get(ticket.customer_id) : undefined;
    const analyzed = await runAgent(agents.analyzer, { ticket, profile }, ctx, opts);
    const analysis = analyzed.output;
    const [knowledge, status] = await Promise.all([
      runAgent(agents.knowledge, { ticket, analysis }, ctx, opts),
      runAgent(agents.status, { ticket, analysis }, ctx, opts),
    ]);
    const synthesized = await runAgent(
      agents.synthesis,
      { ticket, analysis, knowledge: knowledge.output, system_status: status.output, profile },
      ctx,
      opts,
    );

    const trace = [analyzed.trace, knowledge.trace, status.trace, synthesized.trace];
    return {
      analysis,
      knowledge: knowledge.output,
      system_status: status.output,
      response: synthesized.output,
      metrics: summarize(trace, performance.now() - pipelineStart),
      trace,
      provider: mainProvider(trace),
      degraded: trace.some((t) => t.outcome !== 'ok'),
    };
  }
}

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
    latency[t.agent] = t.duration_ms;
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
