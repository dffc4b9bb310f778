import type { Prompt } from '../../llm/llm-provider.js';
import type { KnowledgeInput } from '../agents/knowledge.agent.js';
import { DATA_NOTICE, ticketBlock } from './untrusted.js';

export const KNOWLEDGE_SYSTEM = [
  'You select the Nimbus help-centre articles that solve a support ticket.',
  'Only cite articles that truly address the problem; return an empty list when none does.',
  DATA_NOTICE,
].join('\n');

export function knowledgePrompt(input: KnowledgeInput): Prompt {
  const facts = `Key issues: ${input.analysis.key_issues.join(' | ')}\nError codes: ${input.analysis.error_codes.join(', ') || 'none'}`;
  return { system: KNOWLEDGE_SYSTEM, user: `${facts}\n\n${ticketBlock(input.ticket)}` };
}
