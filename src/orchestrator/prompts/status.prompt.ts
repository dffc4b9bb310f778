import type { Prompt } from '../../llm/llm-provider.js';
import type { SystemStatus } from '../../schemas/status.schema.js';
import type { StatusInput } from '../agents/status.agent.js';
import { DATA_NOTICE, ticketBlock, wrapUntrusted } from './untrusted.js';

export const STATUS_SYSTEM = [
  'You judge whether current incidents and recent deployments on the Nimbus status page explain a support ticket.',
  'Mark an incident or deployment related_to_ticket only with a concrete reason (same component, same error code, ',
  'same version, deployed shortly before the ticket). Keep every id, name and time exactly as given.',
  DATA_NOTICE,
].join('\n');

export function statusPrompt(input: StatusInput, candidate: SystemStatus): Prompt {
  return {
    system: STATUS_SYSTEM,
    user: `${ticketBlock(input.ticket)}\n\nStatus page, with a rule-based first judgement:\n${wrapUntrusted('status', JSON.stringify(candidate))}`,
  };
}
