import type { Analysis } from '../schemas/analysis.schema.js';
import type { CustomerProfile } from '../schemas/customer.schema.js';
import type { TicketInput } from '../schemas/ticket.schema.js';
import { escalationReasons } from './escalation.js';
import { extractEntities } from './extraction.js';
import { inferIntent } from './intent.js';
import { extractKeyIssues } from './key-issues.js';
import { scorePriority } from './priority.js';
import type { ProductMatcher } from './product-catalog.js';
import { classifyCategoryByRules } from './rule-classifier.js';
import { analyzeSentiment } from './sentiment.js';
import { detectSignals } from './signals.js';

export interface LocalAnalyzerDeps {
  products: ProductMatcher;
}

/**
 * The offline analyzer: extraction, signals, rule-based category, lexicon sentiment, priority from impact
 * and tier, and escalation with reasons. Deterministic, no network.
 */
export function analyzeTicketLocally(
  ticket: TicketInput,
  profile: CustomerProfile | undefined,
  deps: LocalAnalyzerDeps,
): Analysis {
  const text = `${ticket.subject}\n${ticket.body}`;
  const entities = extractEntities(text);
  const signals = detectSignals(text);
  const sentiment = analyzeSentiment(text);
  const scores = classifyCategoryByRules(text, signals, {
    errorCodes: entities.errorCodes.length,
    angry: sentiment.sentiment === 'angry',
  });
  const top = scores[0] ?? { label: 'other' as const, probability: 0 };
  const category = top.label;
  const tier = profile?.tier;
  const { priority } = scorePriority(signals, { category, sentiment: sentiment.sentiment, tier });
  const reasons = escalationReasons({ signals, priority, sentiment: sentiment.sentiment, tier });
  const versions = [...new Set([...(ticket.product_version ? [ticket.product_version] : []), ...entities.versions])];
  return {
    category,
    priority,
    sentiment: sentiment.sentiment,
    key_issues: extractKeyIssues(ticket.subject, ticket.body),
    error_codes: entities.errorCodes,
    transaction_ids: entities.transactionIds,
    mentioned_products: deps.products.find(text),
    product_versions: versions,
    customer_intent: inferIntent(signals, text, category),
    requires_human_escalation: reasons.length > 0,
    escalation_reasons: reasons,
    confidence: round(top.probability),
    category_scores: scores.slice(0, 3).map((s) => ({ label: s.label, probability: round(s.probability) })),
  };
}

const round = (x: number) => Math.round(x * 1000) / 1000;
