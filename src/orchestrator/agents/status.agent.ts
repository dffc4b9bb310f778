import { z } from 'zod';
import { AnalysisSchema } from '../../schemas/analysis.schema.js';
import { SystemStatusSchema, type SystemStatus } from '../../schemas/status.schema.js';
import { TicketInputSchema } from '../../schemas/ticket.schema.js';
import { relateStatus, unknownStatus } from '../../status/relate.js';
import type { StatusClient } from '../../status/status-client.js';
import type { Agent, AgentContext } from '../agent.js';
import { statusPrompt } from '../prompts/status.prompt.js';

export const StatusInputSchema = z.object({ ticket: TicketInputSchema, analysis: AnalysisSchema });
export type StatusInput = z.infer<typeof StatusInputSchema>;

/** Reads the status page and relates its incidents and deployments to the ticket. */
export function createStatusAgent(client: StatusClient, now: () => Date = () => new Date()): Agent<StatusInput, SystemStatus> {
  return {
    name: 'status',
    inputSchema: StatusInputSchema,
    outputSchema: SystemStatusSchema,
    async run(input: StatusInput, ctx: AgentContext) {
      // The fetch happens whatever the provider: a model judges relations, it cannot read the status page.
      const { snapshot, fromCache } = await client.snapshot(ctx.signal);
      const ticketTime = input.ticket.timestamp ? new Date(input.ticket.timestamp) : now();
      const local = () =>
        relateStatus(
          snapshot,
          { text: `${input.ticket.subject}\n${input.ticket.body}`, analysis: input.analysis, ticketTime },
          fromCache ? 'cache' : 'live',
        );
      return ctx.provider.generate({
        agent: 'status',
        schemaName: 'system_status',
        schema: SystemStatusSchema,
        prompt: () => statusPrompt(input, local()),
        local,
        localModel: 'local-status-rules-v1',
        signal: ctx.signal,
        ticketId: ctx.ticketId,
      });
    },
    fallback: () => unknownStatus(now()),
  };
}
