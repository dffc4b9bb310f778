import type { Category, Priority, Sentiment, Tier } from '../schemas/taxonomy.schema.js';
import type { SignalName } from './signals.js';

export interface PriorityResult {
  priority: Priority;
  points: number;
  reasons: string[];
}

const WEIGHTS: Partial<Record<SignalName, number>> = {
  dataLoss: 4,
  securityBreach: 4,
  legalThreat: 2,
  productionDown: 2,
  manyUsers: 1,
  businessImpact: 1.5,
  performance: 1,
  revenue: 1,
  blockedAccess: 2,
  moneyWrong: 2.5,
  deadline: 1,
  broken: 1,
  churnThreat: 1,
};

/**
 * Priority from impact and urgency: signals add points, the customer's tier and anger add a little,
 * and tickets that ask for nothing to be fixed (ideas, praise, questions) start low.
 */
export function scorePriority(
  signals: Set<SignalName>,
  ctx: { category: Category; sentiment: Sentiment; tier: Tier | undefined; integration?: boolean; errorCodes?: number },
): PriorityResult {
  const reasons: string[] = [];
  let points = 0;
  for (const [signal, weight] of Object.entries(WEIGHTS) as [SignalName, number][]) {
    if (signals.has(signal)) {
      points += weight;
      reasons.push(signal);
    }
  }
  // A quoted error code is a concrete fault someone must look at.
  if ((ctx.errorCodes ?? 0) > 0 && points < 1) {
    points = 1;
    reasons.push('error code');
  }
  // A broken integration or API stops work that other systems depend on: high on its own.
  if (signals.has('broken') && ctx.integration && points < 2.5) {
    points = 2.5;
    reasons.push('broken integration');
  }
  if (ctx.sentiment === 'angry') {
    points += 1;
    reasons.push('angry customer');
  }
  if (ctx.tier === 'enterprise' && points > 0) {
    points += 1;
    reasons.push('enterprise tier');
  }
  // Ideas, praise and pre-sales questions ask for nothing to be fixed, whatever their wording.
  const asksForNoFix =
    ctx.category === 'feature_request' ||
    (ctx.category === 'other' && !signals.has('broken')) ||
    (ctx.category === 'billing' && signals.has('pricing') && !signals.has('broken') && !signals.has('moneyWrong'));
  if (asksForNoFix) points = Math.min(points, 0.5);

  let priority: Priority;
  if (points >= 5) priority = 'critical';
  else if (points >= 2.5) priority = 'high';
  else if (points >= 1 || (ctx.category === 'other' && signals.has('privacyRequest')) || ctx.category === 'complaint') priority = 'medium';
  else priority = 'low';
  return { priority, points, reasons };
}
