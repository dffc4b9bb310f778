import type { Analysis } from '../schemas/analysis.schema.js';
import type { CustomerProfile } from '../schemas/customer.schema.js';
import type { Category, Priority, Sentiment } from '../schemas/taxonomy.schema.js';
import { CATEGORIES, PRIORITIES, SENTIMENTS } from '../schemas/taxonomy.schema.js';
import type { TicketInput } from '../schemas/ticket.schema.js';
import { blendScores, type AnalyzerModels } from './analyzer-models.js';
import type { LabelProbability, TextClassifier } from './classifier/text-classifier.js';
import { escalationReasons } from './escalation.js';
import { extractEntities } from './extraction.js';
import { inferIntent } from './intent.js';
import type { LanguageDetector } from './language/language-detector.js';
import { extractKeyIssues } from './key-issues.js';
import { ticketText } from './ticket-text.js';
import { scorePriority } from './priority.js';
import type { ProductMatcher } from './product-catalog.js';
import { classifyCategoryByRules } from './rule-classifier.js';
import { analyzeSentiment } from './sentiment.js';
import { detectSignals } from './signals.js';

/** Weight of the learned model against the rules for each field (0 = rules only, 1 = learned only). */
export interface BlendWeights {
  category: number;
  priority: number;
  sentiment: number;
}

/** Chosen by 5-fold cross-validation on data/training/train.csv (README, "Learned analyzer"). */
export const DEFAULT_BLEND: BlendWeights = { category: 0.5, priority: 0, sentiment: 1 };

export interface LocalAnalyzerDeps {
  products: ProductMatcher;
  models?: AnalyzerModels;
  blend?: BlendWeights;
  /** Records the ticket's language in the analysis when given (the service always gives one). */
  language?: LanguageDetector;
}

const INTEGRATION_RE = /\b(slack|jira|google drive|zapier|webhooks?|integrations?|api|sso|saml|scim)\b/i;

const oneHot = (label: string): LabelProbability[] => [{ label, probability: 1 }];

/** The learned top label when its label set is the taxonomy's, else the rule label. */
function decide<T extends string>(
  allowed: readonly T[],
  ruleLabel: T,
  learned: LabelProbability[] | undefined,
  weight: number,
): T {
  if (!learned || weight <= 0) return ruleLabel;
  const top = blendScores(learned, oneHot(ruleLabel), weight)[0]?.label;
  return top !== undefined && (allowed as readonly string[]).includes(top) ? (top as T) : ruleLabel;
}

/**
 * The offline analyzer: extraction, signals, category from the learned model blended with the rule
 * classifier, lexicon sentiment and signal priority (each optionally blended with a learned model),
 * a learned intent, and escalation with reasons, including low classification confidence. Deterministic.
 */
export function analyzeTicketLocally(
  ticket: TicketInput,
  profile: CustomerProfile | undefined,
  deps: LocalAnalyzerDeps,
): Analysis {
  const text = ticketText(ticket);
  const models = deps.models;
  const blend = deps.blend ?? DEFAULT_BLEND;
  const entities = extractEntities(text);
  const signals = detectSignals(text);
  const sentimentResult = analyzeSentiment(text);
  const ruleScores = classifyCategoryByRules(text, signals, {
    errorCodes: entities.errorCodes.length,
    angry: sentimentResult.sentiment === 'angry',
  });
  const learnedCategory = models?.category
    ? models.category.predict(text, models.category.labels.length)
    : models?.intent &&
      categoriesFromIntents(models.intent.predict(text, models.intent.labels.length), models.intent);
  const scores =
    learnedCategory && blend.category > 0
      ? blendScores(learnedCategory, ruleScores, blend.category)
      : ruleScores;
  const top = scores.find((s) => (CATEGORIES as readonly string[]).includes(s.label)) ?? {
    label: 'other',
    probability: 0,
  };
  const category = top.label as Category;
  // The lexicon sees what the learned model cannot (capitals, exclamation marks, anger phrases), so its angry
  // and positive calls stand; the learned model settles calm problem reports versus neutral questions.
  const ruleSentiment = sentimentResult.sentiment;
  const sentiment =
    ruleSentiment === 'angry' || ruleSentiment === 'positive'
      ? ruleSentiment
      : decide<Sentiment>(SENTIMENTS, ruleSentiment, models?.sentiment?.predict(text, 4), blend.sentiment);
  const tier = profile?.tier;
  const integration = INTEGRATION_RE.test(text);
  const rulePriority = scorePriority(signals, {
    category,
    sentiment,
    tier,
    integration,
    errorCodes: entities.errorCodes.length,
  }).priority;
  const priority = decide<Priority>(
    PRIORITIES,
    rulePriority,
    models?.priority?.predict(text, 4),
    blend.priority,
  );
  const intentScores = models?.intent?.predict(text, 3);
  // Confidence is the learned model's calibrated view when there is one; rule scores are not calibrated.
  const confidence = learnedCategory
    ? (learnedCategory.find((l) => l.label === category)?.probability ?? 0)
    : top.probability;
  const lowConfidence =
    learnedCategory && models ? { confidence, threshold: models.reviewThreshold } : undefined;
  const reasons = escalationReasons({
    signals,
    priority,
    sentiment,
    tier,
    ...(lowConfidence ? { lowConfidence } : {}),
  });
  const versions = [
    ...new Set([...(ticket.product_version ? [ticket.product_version] : []), ...entities.versions]),
  ];
  return {
    category,
    priority,
    sentiment,
    key_issues: extractKeyIssues(ticket.subject, ticket.body),
    error_codes: entities.errorCodes,
    transaction_ids: entities.transactionIds,
    mentioned_products: deps.products.find(text),
    product_versions: versions,
    customer_intent: inferIntent(signals, text, category),
    requires_human_escalation: reasons.length > 0,
    escalation_reasons: reasons,
    confidence: round(confidence),
    category_scores: scores.slice(0, 3).map((s) => ({ label: s.label, probability: round(s.probability) })),
    intent: intentScores?.[0]?.label,
    intent_scores: (intentScores ?? []).map((s) => ({ label: s.label, probability: round(s.probability) })),
    needs_review: lowConfidence ? confidence < lowConfidence.threshold : false,
    ...(deps.language ? { language: deps.language.detect(text) } : {}),
  };
}

/** Without a category model, an intent model with a label map gives category probabilities: the sum over its intents. */
function categoriesFromIntents(
  intents: LabelProbability[],
  model: TextClassifier,
): LabelProbability[] | undefined {
  const sums = new Map<string, number>();
  for (const { label, probability } of intents) {
    const category = model.mapLabel(label);
    if (!category) return undefined;
    sums.set(category, (sums.get(category) ?? 0) + probability);
  }
  return [...sums.entries()]
    .map(([label, probability]) => ({ label, probability }))
    .sort((a, b) => b.probability - a.probability);
}

const round = (x: number) => Math.round(x * 1000) / 1000;
