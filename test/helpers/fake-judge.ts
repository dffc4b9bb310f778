import type { ReplyContext } from '../../src/evaluation/quality/quality-check.js';
import type { JudgeVerdict, ReplyJudge } from '../../src/evaluation/quality/reply-judge.js';

/** A judge double: grades with a function of the reply, records what it was shown, can be made to fail. */
export class FakeJudge implements ReplyJudge {
  readonly name = 'fake-judge';
  readonly rubricVersion = 'rubric-v1';
  readonly seen: string[] = [];
  constructor(private readonly grade_: (ctx: ReplyContext) => JudgeVerdict | Promise<JudgeVerdict>) {}

  async grade(ctx: ReplyContext): Promise<JudgeVerdict> {
    this.seen.push(ctx.response.response_text);
    return this.grade_(ctx);
  }
}
