import { DEFAULT_SYNTHESIS_STYLE, type SynthesisStyle } from '../../orchestrator/agents/synthesis.agent.js';
import { synthesisConcisePrompt } from '../../orchestrator/prompts/synthesis-concise.prompt.js';
import { composeConciseReply } from '../../synthesis/concise-composer.js';

/** Prompt versions a variant can name. Each pairs the model prompt with the offline template that matches it. */
export const PROMPT_VERSIONS: Readonly<Record<string, SynthesisStyle>> = {
  v1: DEFAULT_SYNTHESIS_STYLE,
  'concise-v1': {
    version: 'concise-v1',
    prompt: synthesisConcisePrompt,
    compose: composeConciseReply,
    localModel: 'local-templates-concise-v1',
  },
};
