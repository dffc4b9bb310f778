import { z } from 'zod';
import { ticketText } from '../../analysis/ticket-text.js';
import { AnalysisSchema } from '../../schemas/analysis.schema.js';
import { SystemStatusSchema, type SystemStatus } from '../../schemas/status.schema.js';
import { TicketInputSchema } from '../../schemas/ticket.schema.js';
import { relateStatus, unknownStatus } from '../../status/relate.js';
import type { StatusClient, StatusSnapshot } from '../../status/status-client.js';
import type { Agent, AgentContext } from '../agent.js';
import { statusPrompt } from '../prompts/status.prompt.js';

export const StatusInputSchema = z.object({ ticket: TicketInputSchema, analysis: AnalysisSchema });
export type StatusInput = z.infer<typeof StatusInputSchema>;

const RelationSchema = z.object({
  id: z.string(),
  related_to_ticket: z.boolean(),
  relation_reasons: z.array(z.string()).describe('Concrete reasons when related; empty when not'),
});

/** What a model decides: which incidents and deployments relate to the ticket. Ids, names and times stay the status page's. */
export const StatusJudgementSchema = z.object({
  incidents: z.array(RelationSchema),
  deployments: z.array(RelationSchema),
});
export type StatusJudgement = z.infer<typeof StatusJudgementSchema>;

type Fetched = { snapshot: StatusSnapshot; fromCache: boolean };

export function judgementOf(status: SystemStatus): StatusJudgement {
  const pick = (x: { id: string; related_to_ticket: boolean; relation_reasons: string[] }) => ({
    id: x.id,
    related_to_ticket: x.related_to_ticket,
    relation_reasons: x.relation_reasons,
  });
  return { incidents: status.incidents.map(pick), deployments: status.recent_deployments.map(pick) };
}

/** Applies a judgement to the status page; unknown ids are ignored (a model cannot invent incidents). */
export function applyJudgement(status: SystemStatus, judgement: StatusJudgement): SystemStatus {
  const byId = (list: z.infer<typeof RelationSchema>[]) => new Map(list.map((r) => [r.id, r]));
  const inc = byId(judgement.incidents);
  const dep = byId(judgement.deployments);
  const apply = <X extends { id: string; related_to_ticket: boolean; relation_reasons: string[] }>(x: X, m: Map<string, z.infer<typeof RelationSchema>>): X => {
    const j = m.get(x.id);
    return j ? { ...x, related_to_ticket: j.related_to_ticket, relation_reasons: j.related_to_ticket ? j.relation_reasons : [] } : x;
  };
  const incidents = status.incidents.map((i) => apply(i, inc)).sort((a, b) => Number(b.related_to_ticket) - Number(a.related_to_ticket));
  const recent_deployments = status.recent_deployments.map((d) => apply(d, dep));
  return {
    ...status,
    incidents,
    recent_deployments,
    related_to_ticket: incidents.some((i) => i.related_to_ticket) || recent_deployments.some((d) => d.related_to_ticket),
  };
}

/** Reads the status page and relates its incidents and deployments to the ticket. */
export function createStatusAgent(client: StatusClient, now: () => Date = () => new Date()): Agent<StatusInput, SystemStatus> {
  return {
    name: 'status',
    inputSchema: StatusInputSchema,
    outputSchema: SystemStatusSchema,
    // The fetch needs no analysis, so it can run while the analyzer does.
    prefetch: (_ticket, signal) => client.snapshot(signal),
    async run(input: StatusInput, ctx: AgentContext) {
      // The fetch happens whatever the provider: a model judges relations, it cannot read the status page.
      const { snapshot, fromCache } = ((await ctx.prefetched?.catch(() => undefined)) as Fetched | undefined) ?? (await client.snapshot(ctx.signal));
      const ticketTime = input.ticket.timestamp ? new Date(input.ticket.timestamp) : now();
      const ruled = relateStatus(
        snapshot,
        { text: ticketText(input.ticket), analysis: input.analysis, ticketTime },
        fromCache ? 'cache' : 'live',
      );
      const result = await ctx.provider.generate({
        agent: 'status',
        schemaName: 'status_judgement',
        schemaDescription: 'Record, for each listed incident and deployment, whether it relates to the ticket and why.',
        schema: StatusJudgementSchema,
        prompt: () => statusPrompt(input, ruled),
        local: () => judgementOf(ruled),
        localModel: 'local-status-rules-v1',
        signal: ctx.signal,
        ticketId: ctx.ticketId,
      });
      return { ...result, data: applyJudgement(ruled, result.data) };
    },
    fallback: () => unknownStatus(now()),
  };
}
