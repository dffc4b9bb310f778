import { ANALYZER_SYSTEM } from '../../orchestrator/prompts/analyzer.prompt.js';
import { KNOWLEDGE_SYSTEM } from '../../orchestrator/prompts/knowledge.prompt.js';
import { STATUS_SYSTEM } from '../../orchestrator/prompts/status.prompt.js';
import { SYNTHESIS_CONCISE_SYSTEM } from '../../orchestrator/prompts/synthesis-concise.prompt.js';
import { SYNTHESIS_SYSTEM } from '../../orchestrator/prompts/synthesis.prompt.js';
import { DATA_NOTICE } from '../../orchestrator/prompts/untrusted.js';

/** Every static system prompt the agents send; the no-leak check looks for copies of them in replies. */
export const SYSTEM_PROMPTS: readonly string[] = [
  ANALYZER_SYSTEM,
  KNOWLEDGE_SYSTEM,
  STATUS_SYSTEM,
  SYNTHESIS_SYSTEM,
  SYNTHESIS_CONCISE_SYSTEM,
  DATA_NOTICE,
];
