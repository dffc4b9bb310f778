import type { PolicyDecision } from '../review/review-policy.js';

/** How the review policy would route a run's drafts: auto-approved against held, and why they were held. */
export interface ReviewSummary {
  auto_approved: number;
  pending_review: number;
  auto_approved_share: number;
  /** Held drafts per kind of reason (a draft held for two reasons counts under both). */
  held_for: Record<string, number>;
}

/** "low confidence: 0.22 < 0.6" and 'intent "refund" is always reviewed' -> "low confidence", "intent". */
export function reasonKind(reason: string): string {
  return reason.split(/[:"]/)[0]!.trim();
}

export function summarizeReview(decisions: readonly PolicyDecision[]): ReviewSummary {
  const held = decisions.filter((d) => d.state === 'pending_review');
  const heldFor: Record<string, number> = {};
  for (const d of held) for (const kind of new Set(d.reasons.map(reasonKind))) heldFor[kind] = (heldFor[kind] ?? 0) + 1;
  const sorted = Object.fromEntries(Object.entries(heldFor).sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0])));
  const auto = decisions.length - held.length;
  return {
    auto_approved: auto,
    pending_review: held.length,
    auto_approved_share: decisions.length ? Math.round((auto / decisions.length) * 1000) / 1000 : 0,
    held_for: sorted,
  };
}

export function formatReviewSummary(s: ReviewSummary): string {
  const reasons = Object.entries(s.held_for).map(([k, v]) => `${k} ${v}`).join(', ') || 'none';
  return `review policy: ${s.auto_approved} auto-approved (${(s.auto_approved_share * 100).toFixed(1)}%), ${s.pending_review} held for review; held for: ${reasons}`;
}
