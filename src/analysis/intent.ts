import type { Category } from '../schemas/taxonomy.schema.js';
import type { SignalName } from './signals.js';

/** What the customer wants done, in the vocabulary support leads route by. First match wins. */
const RULES: { intent: string; when: (s: Set<SignalName>, text: string, category: Category) => boolean }[] = [
  { intent: 'data_deletion_request', when: (s, t) => s.has('privacyRequest') && /\b(delet|eras|forget|remov)/i.test(t) },
  { intent: 'data_privacy_request', when: (s) => s.has('privacyRequest') },
  { intent: 'report_security_incident', when: (s) => s.has('securityBreach') },
  { intent: 'recover_lost_data', when: (s) => s.has('dataLoss') },
  { intent: 'cancel_subscription', when: (s) => s.has('cancellation') && s.has('billing') },
  { intent: 'dispute_charge', when: (s) => s.has('moneyWrong') },
  { intent: 'request_refund', when: (_s, t) => /\brefund/i.test(t) },
  { intent: 'pricing_inquiry', when: (s, _t, c) => s.has('pricing') && c !== 'technical' },
  { intent: 'regain_account_access', when: (s) => s.has('blockedAccess') },
  { intent: 'request_feature', when: (_s, _t, c) => c === 'feature_request' },
  { intent: 'give_feedback', when: (s, _t, c) => c === 'other' && s.has('praise') },
  { intent: 'complain_about_service', when: (_s, _t, c) => c === 'complaint' },
  { intent: 'fix_integration', when: (_s, t, c) => c === 'technical' && /\b(slack|jira|google drive|zapier|integration|webhook)/i.test(t) },
  { intent: 'report_bug', when: (s, _t, c) => c === 'technical' && s.has('broken') },
  { intent: 'billing_question', when: (_s, _t, c) => c === 'billing' },
  { intent: 'how_to_question', when: (s) => s.has('question') },
];

export function inferIntent(signals: Set<SignalName>, text: string, category: Category): string {
  return RULES.find((r) => r.when(signals, text, category))?.intent ?? 'general_inquiry';
}
