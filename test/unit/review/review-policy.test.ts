import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { decide, loadReviewPolicy, matchKeywords, type PolicyInput, type ReviewPolicy } from '../../../src/review/review-policy.js';

const policy: ReviewPolicy = loadReviewPolicy('config/review-policy.json');

const input = (over: Partial<PolicyInput['analysis']> = {}, rest: Partial<Omit<PolicyInput, 'analysis'>> = {}): PolicyInput => ({
  analysis: { category: 'technical', confidence: 0.9, requires_human_escalation: false, customer_intent: 'fix export', intent: 'export_failure', ...over },
  qualityScore: 0.95,
  subject: 'PDF export fails',
  body: 'Export to PDF fails with E2003.',
  ...rest,
});

describe('review policy', () => {
  it('auto-approves a confident, good, ordinary English draft', () => {
    expect(decide(policy, input())).toEqual({ state: 'auto_approved', reasons: [] });
  });

  it('holds an escalated ticket', () => {
    const d = decide(policy, input({ requires_human_escalation: true }));
    expect(d.state).toBe('pending_review');
    expect(d.reasons).toEqual(['escalated: the analysis requires a human']);
  });

  it('holds below the confidence threshold, and at it approves', () => {
    expect(decide(policy, input({ confidence: policy.min_confidence - 0.01 })).reasons[0]).toMatch(/^low confidence/);
    expect(decide(policy, input({ confidence: policy.min_confidence })).state).toBe('auto_approved');
  });

  it('holds below the quality threshold, and without a quality score', () => {
    expect(decide(policy, input({}, { qualityScore: policy.min_quality - 0.01 })).reasons[0]).toMatch(/^low quality/);
    expect(decide(policy, input({}, { qualityScore: undefined })).reasons).toEqual(['held: no quality score']);
  });

  it('holds an always-reviewed category', () => {
    expect(decide(policy, input({ category: 'complaint' })).reasons).toEqual(['category "complaint" is always reviewed']);
  });

  it('holds an always-reviewed intent, from the learned intent or the customer intent', () => {
    expect(decide(policy, input({ intent: 'duplicate_charge' })).reasons).toEqual(['intent "duplicate_charge" is always reviewed']);
    expect(decide(policy, input({ intent: undefined, customer_intent: 'refund_request' })).reasons).toEqual([
      'intent "refund_request" is always reviewed',
    ]);
  });

  it('holds on legal or billing-dispute keywords, as whole words only', () => {
    const d = decide(policy, input({}, { body: 'If this is not fixed my Lawyer will hear about it, and I will file a chargeback.' }));
    expect(d.reasons).toEqual(['mentions "lawyer", "chargeback"']);
    // "issue" contains "sue", "courtesy" contains "court": neither is a match.
    expect(decide(policy, input({}, { body: 'A courtesy note: the issue is back.' })).state).toBe('auto_approved');
    expect(matchKeywords('Ich werde meinen Anwalt einschalten', ['Anwalt'])).toEqual(['Anwalt']);
  });

  it('approves the four template languages, holds others, and reads a missing language as English', () => {
    for (const code of ['en', 'de', 'fr', 'es']) expect(decide(policy, input({ language: { code, confidence: 0.9 } })).state).toBe('auto_approved');
    expect(decide(policy, input({ language: { code: 'it', confidence: 0.9 } })).reasons).toEqual(['language "it" is not auto-approved']);
    expect(decide(policy, input({ language: undefined })).state).toBe('auto_approved');
  });

  it('lists every reason that applies, not just the first', () => {
    const d = decide(policy, input({ requires_human_escalation: true, confidence: 0.1, category: 'complaint' }, { qualityScore: 0.2 }));
    expect(d.reasons).toHaveLength(4);
  });

  it('a bad policy file fails with a message naming the file and the field', () => {
    const dir = mkdtempSync(join(tmpdir(), 'policy-'));
    const bad = join(dir, 'policy.json');
    writeFileSync(bad, JSON.stringify({ min_confidence: 2, min_quality: 0.5, always_review_categories: ['legal'] }));
    expect(() => loadReviewPolicy(bad)).toThrow(/review policy .*policy\.json is invalid: min_confidence: .*always_review_categories\.0/);
    writeFileSync(bad, '{ not json');
    expect(() => loadReviewPolicy(bad)).toThrow(/could not be read as JSON/);
  });
});
