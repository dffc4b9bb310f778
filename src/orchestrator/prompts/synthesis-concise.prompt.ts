import type { Prompt } from '../../llm/llm-provider.js';
import type { SynthesisInput } from '../agents/synthesis.agent.js';
import { LANGUAGE_RULE, synthesisPrompt } from './synthesis.prompt.js';
import { DATA_NOTICE } from './untrusted.js';

/** Prompt version "concise-v1": the same grounding rules, a shorter reply. An A/B candidate against v1. */
export const SYNTHESIS_CONCISE_SYSTEM = [
  'You write a short reply a Nimbus support agent will send to the customer: at most 120 words besides the steps.',
  'Ground every statement: each step must come from the one most relevant provided article; cite its id in brackets, e.g. [KB-012].',
  'Name a related incident in one sentence. If the ticket is escalated, say in one sentence that a person will follow up.',
  'Never promise refunds, credits, compensation or deadlines unless a cited article states that policy.',
  'Match the tone to the customer and greet them by first name when known.',
  LANGUAGE_RULE,
  DATA_NOTICE,
].join('\n');

export function synthesisConcisePrompt(input: SynthesisInput): Prompt {
  return { ...synthesisPrompt(input), system: SYNTHESIS_CONCISE_SYSTEM };
}
