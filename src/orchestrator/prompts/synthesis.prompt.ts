import type { Prompt } from '../../llm/llm-provider.js';
import type { SynthesisInput } from '../agents/synthesis.agent.js';
import { DATA_NOTICE, ticketBlock, wrapUntrusted } from './untrusted.js';

export const SYNTHESIS_SYSTEM = [
  'You write the reply a Nimbus support agent will send to the customer.',
  'Ground every statement: each step must come from a provided article and cite its id in brackets, e.g. [KB-012].',
  'Mention a related incident when there is one. If the ticket is escalated, say a person will follow up.',
  'Never promise refunds, credits, compensation or deadlines unless a cited article states that policy.',
  'Match the tone to the customer: apologetic when angry, empathetic when negative, warm when positive.',
  'Greet the customer by first name when known; adapt technical depth to their technical level.',
  DATA_NOTICE,
].join('\n');

export function synthesisPrompt(input: SynthesisInput): Prompt {
  const profile = input.profile
    ? { name: input.profile.name, tier: input.profile.tier, technical_level: input.profile.technical_level }
    : null;
  const articles = input.knowledge.articles.map((a) => ({ id: a.article_id, title: a.title, steps: a.solution_steps }));
  const incidents = input.system_status.incidents.filter((i) => i.related_to_ticket).map((i) => ({ id: i.id, name: i.name, status: i.status, url: i.url }));
  const context = { profile, analysis: input.analysis, articles, incidents };
  return {
    system: SYNTHESIS_SYSTEM,
    user: `${ticketBlock(input.ticket)}\n\n${wrapUntrusted('context', JSON.stringify(context))}`,
  };
}
