import type { Prompt } from '../../llm/llm-provider.js';
import type { KnowledgeInput } from '../agents/knowledge.agent.js';
import { DATA_NOTICE, ticketBlock, wrapUntrusted } from './untrusted.js';

export const KNOWLEDGE_SYSTEM = [
  'You select the Nimbus help-centre articles that solve a support ticket.',
  'You get the ticket and candidate articles from the search index. Rewrite the customer problem as a short search query, ',
  'then rank the candidates, most useful first, and mark each relevant only if it truly addresses the problem.',
  'Only rank the candidate ids you were given; never invent an id. Mark none relevant when none fits.',
  DATA_NOTICE,
].join('\n');

export interface Candidate {
  id: string;
  title: string;
  excerpt: string;
}

export function knowledgePrompt(input: KnowledgeInput, candidates: Candidate[]): Prompt {
  const facts = `Key issues: ${input.analysis.key_issues.join(' | ')}\nError codes: ${input.analysis.error_codes.join(', ') || 'none'}`;
  return {
    system: KNOWLEDGE_SYSTEM,
    user: `${facts}\n\n${ticketBlock(input.ticket)}\n\nCandidates:\n${wrapUntrusted('candidates', JSON.stringify(candidates))}`,
  };
}
