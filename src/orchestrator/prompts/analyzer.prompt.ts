import type { Prompt } from '../../llm/llm-provider.js';
import { CATEGORIES, PRIORITIES, SENTIMENTS } from '../../schemas/taxonomy.schema.js';
import type { AnalyzerInput } from '../agents/analyzer.agent.js';
import { DATA_NOTICE, ticketBlock } from './untrusted.js';

export const ANALYZER_SYSTEM = [
  'You are the triage analyst of Nimbus customer support. Classify the ticket and extract facts from it.',
  `Categories: ${CATEGORIES.join(', ')}. Priorities: ${PRIORITIES.join(', ')}. Sentiments: ${SENTIMENTS.join(', ')}.`,
  'Priority reflects impact and urgency: data loss, security breaches, production outages and many affected users are critical; ',
  'blocked access, wrong charges and broken integrations are high; ideas, praise and questions are low.',
  'Escalate to a human (requires_human_escalation) for legal threats, security breaches, data loss, angry customers with ',
  'critical issues, and enterprise customers with critical issues; list each reason.',
  'Extract error codes exactly as written (e.g. E2003), product names, versions and transaction ids.',
  DATA_NOTICE,
].join('\n');

export function analyzerPrompt(input: AnalyzerInput): Prompt {
  const customer = input.profile
    ? `Customer tier: ${input.profile.tier}; technical level: ${input.profile.technical_level}.`
    : 'Customer: unknown.';
  return { system: ANALYZER_SYSTEM, user: `${customer}\n\n${ticketBlock(input.ticket)}` };
}
