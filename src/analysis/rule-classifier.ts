import type { Category } from '../schemas/taxonomy.schema.js';
import { CATEGORIES } from '../schemas/taxonomy.schema.js';
import type { SignalName } from './signals.js';

const TECHNICAL_TERMS =
  /\b(sync(?:ing|ed)?|export(?:ing|s)?|api|integration|crash(?:es|ing)?|memory|leak|login|log in|sign in|2fa|two[- ]factor|password|sso|saml|screen ?reader|nvda|jaws|voiceover|keyboard|offline|install|update|upgrade(?:d)? to|version|browser|desktop|mobile|app|webhook|timeout|slow|loading|conflict|notifications?)\b/gi;

export interface CategoryScores {
  label: Category;
  probability: number;
}

/**
 * A transparent rule classifier over detected signals: each category collects evidence points, and a
 * softmax turns them into probabilities. The learned classifier replaces it where a model is configured.
 */
export function classifyCategoryByRules(
  text: string,
  signals: Set<SignalName>,
  opts: { errorCodes: number; angry: boolean },
): CategoryScores[] {
  const technicalTerms = new Set((text.match(TECHNICAL_TERMS) ?? []).map((t) => t.toLowerCase())).size;
  const has = (s: SignalName) => (signals.has(s) ? 1 : 0);
  const points: Record<Category, number> = {
    technical:
      2 * has('broken') + 1.5 * Math.min(opts.errorCodes, 2) + Math.min(technicalTerms, 4) + 2 * has('blockedAccess') + 1.5 * has('dataLoss'),
    billing: 1.5 * has('billing') + 3 * has('moneyWrong') + 2.5 * has('pricing') + 1.5 * has('cancellation'),
    feature_request: 4 * has('featureRequest'),
    complaint: 2 * has('complaintTone') + 2.5 * has('churnThreat') + (opts.angry ? 1 : 0),
    other: 3 * has('privacyRequest') + (has('praise') && !has('broken') ? 3.5 : 0) + 0.5,
  };
  // A complaint is about the service as a whole; a concrete fault with an error code is a technical ticket.
  if (points.complaint > 0 && opts.errorCodes > 0) points.complaint -= 1.5;
  // Praise inside a feature request is enthusiasm, not feedback.
  if (has('featureRequest')) points.other -= 2;
  // Pre-sales questions mention plans and prices, not broken things.
  if (has('pricing') && !has('broken')) points.technical -= 1;

  const temperature = 1.5;
  const exps = CATEGORIES.map((c) => Math.exp(points[c] / temperature));
  const total = exps.reduce((a, b) => a + b, 0);
  return CATEGORIES.map((label, i) => ({ label, probability: (exps[i] ?? 0) / total })).sort(
    (a, b) => b.probability - a.probability,
  );
}
