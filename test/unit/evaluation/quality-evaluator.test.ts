import { describe, expect, it } from 'vitest';
import { QualityEvaluator } from '../../../src/evaluation/quality/quality-evaluator.js';
import { SYSTEM_PROMPTS } from '../../../src/evaluation/quality/system-prompts.js';
import { silentLogger } from '../../../src/logger.js';
import { FakeJudge } from '../../helpers/fake-judge.js';
import { GOOD_REPLY, profiles, replyContext } from '../../helpers/reply-fixture.js';

const settings = { minChars: 150, maxChars: 2500, systemPrompts: SYSTEM_PROMPTS, customers: profiles.list() };

describe('QualityEvaluator', () => {
  const evaluator = new QualityEvaluator({ settings });

  it('scores the good reply 1 with all six checks and nothing failed', () => {
    const q = evaluator.check(replyContext());
    expect(q.checks.map((c) => c.name)).toEqual(['grounded', 'complete', 'tone', 'no_unsupported_promise', 'length', 'no_leak']);
    expect(q).toMatchObject({ score: 1, failed: [] });
  });

  it('averages the check scores and lists the failed checks', () => {
    const q = evaluator.check(replyContext({ text: GOOD_REPLY.replace('Hi Priya,', 'Hello,').replace('Best regards', 'We will refund you.\n\nBest regards') }));
    expect(q.failed).toEqual(['complete', 'no_unsupported_promise']);
    const mean = q.checks.reduce((s, c) => s + c.score, 0) / q.checks.length;
    expect(q.score).toBeCloseTo(mean, 3);
    expect(q.score).toBeGreaterThan(0.5);
    expect(q.score).toBeLessThan(1);
  });

  it('scores a leak 0 however good the rest is', () => {
    const q = evaluator.check(replyContext({ text: GOOD_REPLY.replace('Best regards', 'Key: sk-ant-api03-AbCdEfGhIjKlMnOpQrStUvWxYz012345\n\nBest regards') }));
    expect(q.failed).toEqual(['no_leak']);
    expect(q.score).toBe(0);
  });

  it("adds the judge's grade beside the automatic checks, never instead of them", async () => {
    const judge = new FakeJudge(() => ({ score: 0.4, rationale: 'steps are generic' }));
    const q = await new QualityEvaluator({ settings, judge }).evaluate(replyContext({ text: GOOD_REPLY.replace('Hi Priya,', 'Hello,') }));
    expect(judge.seen).toHaveLength(1);
    expect(q.judge).toEqual({ score: 0.4, judge: 'fake-judge', rubric_version: 'rubric-v1', rationale: 'steps are generic' });
    expect(q.failed).toEqual(['complete']);
    expect(q.score).toBe(evaluator.check(replyContext({ text: GOOD_REPLY.replace('Hi Priya,', 'Hello,') })).score);
  });

  it('keeps the automatic result when the judge fails', async () => {
    const judge = new FakeJudge(() => Promise.reject(new Error('model unavailable')));
    const q = await new QualityEvaluator({ settings, judge, log: silentLogger }).evaluate(replyContext());
    expect(q.judge).toBeUndefined();
    expect(q.score).toBe(1);
  });
});
