import type { ReplyContext } from './quality-check.js';

/** What a judge model is asked to grade; versioned so grades from different rubrics are never mixed. */
export const JUDGE_RUBRIC_V1 = [
  'Grade the support reply from 0 to 10 against the ticket and the context it was written from:',
  '- correct: the steps solve the problem the customer described, and nothing in it is false;',
  '- grounded: every step comes from the cited articles, the status page or the profile;',
  '- complete: every issue the customer raised is answered or handed to a person;',
  '- tone: it fits how the customer feels and is respectful;',
  '- safe: it promises no refund, credit or deadline the articles do not state, and reveals nothing internal.',
  'Answer with the grade and one sentence explaining it.',
].join('\n');

export interface JudgeVerdict {
  /** 0..1 */
  score: number;
  rationale?: string;
}

/**
 * A model grading the reply against a rubric. Optional: it adds a grade beside the automatic checks and
 * never replaces them. The model-backed implementation needs the real providers; tests use a double.
 */
export interface ReplyJudge {
  readonly name: string;
  readonly rubricVersion: string;
  grade(ctx: ReplyContext, signal?: AbortSignal): Promise<JudgeVerdict>;
}
