import { describe, expect, it } from 'vitest';
import { formatReviewSummary, reasonKind, summarizeReview } from '../../../src/evaluation/review-summary.js';

describe('summarizeReview', () => {
  it('counts auto-approved against held drafts and groups held reasons by kind, once per draft', () => {
    const s = summarizeReview([
      { state: 'auto_approved', reasons: [] },
      { state: 'pending_review', reasons: ['low confidence: 0.22 < 0.6', 'category "complaint" is always reviewed'] },
      { state: 'pending_review', reasons: ['mentions "lawyer", "sue"', 'mentions "court"', 'low confidence: 0.41 < 0.6'] },
      { state: 'auto_approved', reasons: [] },
    ]);
    expect(s).toEqual({
      auto_approved: 2,
      pending_review: 2,
      auto_approved_share: 0.5,
      held_for: { 'low confidence': 2, category: 1, mentions: 1 },
    });
    expect(formatReviewSummary(s)).toBe(
      'review policy: 2 auto-approved (50.0%), 2 held for review; held for: low confidence 2, category 1, mentions 1',
    );
  });

  it('names each kind of reason the policy gives', () => {
    expect(reasonKind('escalated: the analysis requires a human')).toBe('escalated');
    expect(reasonKind('intent "refund" is always reviewed')).toBe('intent');
    expect(reasonKind('language "ja" is not auto-approved')).toBe('language');
    expect(summarizeReview([])).toMatchObject({ auto_approved: 0, pending_review: 0, auto_approved_share: 0 });
  });
});
