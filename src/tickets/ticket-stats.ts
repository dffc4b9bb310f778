import type { Stats } from '../schemas/stats.schema.js';
import type { AgentName } from '../schemas/taxonomy.schema.js';

export interface StatusCountRow {
  status: string;
  n: number;
  degraded: number;
  cost: number;
}

export interface AgentCostRow {
  agent: AgentName;
  provider: string;
  model: string;
  calls: number;
  input: number;
  output: number;
  cache_read: number;
  cache_write: number;
  cost: number;
}

const usd = (x: number) => Math.round(x * 1e6) / 1e6;

/** Shapes a store's aggregate rows into the /stats answer; shared by every store that can aggregate. */
export function ticketStats(counts: StatusCountRow[], agents: AgentCostRow[]): Stats {
  const n = (status: string) => counts.find((c) => c.status === status)?.n ?? 0;
  const completed = n('completed');
  const total = counts.reduce((s, c) => s + c.n, 0);
  const cost = counts.reduce((s, c) => s + c.cost, 0);
  const by_agent = agents.map((a) => ({
    agent: a.agent,
    provider: a.provider,
    model: a.model,
    calls: a.calls,
    tokens: { input: a.input ?? 0, output: a.output ?? 0, cache_read: a.cache_read ?? 0, cache_write: a.cache_write ?? 0 },
    cost_usd: usd(a.cost ?? 0),
  }));
  const tokens = by_agent.reduce(
    (t, a) => ({ input: t.input + a.tokens.input, output: t.output + a.tokens.output, cache_read: t.cache_read + a.tokens.cache_read, cache_write: t.cache_write + a.tokens.cache_write }),
    { input: 0, output: 0, cache_read: 0, cache_write: 0 },
  );
  return {
    tickets: {
      total,
      completed,
      failed: n('failed'),
      in_progress: n('queued') + n('processing'),
      degraded: counts.find((c) => c.status === 'completed')?.degraded ?? 0,
    },
    tokens,
    cost_usd: { total: usd(cost), mean_per_completed_ticket: completed ? usd(cost / completed) : 0 },
    by_agent,
  };
}
