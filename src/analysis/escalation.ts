import type { Priority, Sentiment, Tier } from '../schemas/taxonomy.schema.js';
import type { SignalName } from './signals.js';

export interface EscalationInput {
  signals: Set<SignalName>;
  priority: Priority;
  sentiment: Sentiment;
  tier: Tier | undefined;
  /** Set when the classifier is unsure; the caller decides the threshold. */
  lowConfidence?: { confidence: number; threshold: number };
}

/** Every reason a person must see this ticket, each stated so a support lead can act on it. */
export function escalationReasons(input: EscalationInput): string[] {
  const reasons: string[] = [];
  const { signals } = input;
  if (signals.has('legalThreat')) reasons.push('legal threat: the customer mentions lawyers or legal action');
  if (signals.has('securityBreach')) reasons.push('possible security breach reported');
  if (signals.has('dataLoss')) reasons.push('customer reports data loss');
  if (input.sentiment === 'angry' && input.priority === 'critical') reasons.push('angry customer with a critical issue');
  if (input.tier === 'enterprise' && input.priority === 'critical') reasons.push('enterprise customer with a critical issue');
  if (input.lowConfidence && input.lowConfidence.confidence < input.lowConfidence.threshold) {
    reasons.push(
      `low classification confidence (${input.lowConfidence.confidence.toFixed(2)} < ${input.lowConfidence.threshold})`,
    );
  }
  return reasons;
}
