import type { CustomerProfile } from '../schemas/customer.schema.js';
import {
  CategorySchema,
  PrioritySchema,
  SentimentSchema,
  TierSchema,
  type Tier,
} from '../schemas/taxonomy.schema.js';
import type { AnalyzerModels } from './analyzer-models.js';
import { DatasetError, type LabelledRow } from './classifier/csv.reader.js';
import { TextClassifier } from './classifier/text-classifier.js';
import { analyzeTicketLocally, type LocalAnalyzerDeps } from './local-analyzer.js';

/** A labelled ticket from data/training/*.csv: the fields the whole analyzer is scored on. */
export interface LabelledTicket {
  text: string;
  category: string;
  priority: string;
  sentiment: string;
  escalate: boolean;
  intent: string | undefined;
  tier: Tier | undefined;
}

const REQUIRED = ['category', 'priority', 'sentiment', 'escalate'] as const;

/** Reads analyzer labels from CSV rows; a missing column or a value outside the taxonomy is a clear error. */
export function ticketsFromRows(rows: LabelledRow[], source = 'CSV'): LabelledTicket[] {
  const columns = Object.keys(rows[0]?.fields ?? {});
  const missing = REQUIRED.filter((c) => !columns.includes(c));
  if (missing.length)
    throw new DatasetError(
      `${source} needs columns ${missing.join(', ')} to score the analyzer (has: ${columns.join(', ')})`,
    );
  return rows.map((r, i) => {
    const f = r.fields;
    const line = i + 2;
    const check = (name: string, ok: boolean) => {
      if (!ok) throw new DatasetError(`${source} row ${line}: "${f[name]}" is not a valid ${name}`);
    };
    check('category', CategorySchema.safeParse(f.category).success);
    check('priority', PrioritySchema.safeParse(f.priority).success);
    check('sentiment', SentimentSchema.safeParse(f.sentiment).success);
    check('escalate', f.escalate === 'true' || f.escalate === 'false');
    const tier = f.tier ? TierSchema.safeParse(f.tier) : undefined;
    if (tier && !tier.success) check('tier', false);
    return {
      text: r.text,
      category: f.category!,
      priority: f.priority!,
      sentiment: f.sentiment!,
      escalate: f.escalate === 'true',
      intent: f.intent || undefined,
      tier: tier?.success ? tier.data : undefined,
    };
  });
}

export interface AnalyzerScores {
  n: number;
  accuracy: { category: number; priority: number; sentiment: number; escalation: number; intent?: number };
  /** Share of tickets flagged for human review by low confidence. */
  review_share: number;
}

/** Runs the offline analyzer over labelled tickets and scores each field. */
export function evaluateAnalyzer(tickets: LabelledTicket[], deps: LocalAnalyzerDeps): AnalyzerScores {
  const hits = { category: 0, priority: 0, sentiment: 0, escalation: 0, intent: 0 };
  let withIntent = 0;
  let review = 0;
  for (const t of tickets) {
    const profile = t.tier ? ({ tier: t.tier } as CustomerProfile) : undefined;
    const a = analyzeTicketLocally(
      { subject: '', body: t.text } as Parameters<typeof analyzeTicketLocally>[0],
      profile,
      deps,
    );
    if (a.category === t.category) hits.category++;
    if (a.priority === t.priority) hits.priority++;
    if (a.sentiment === t.sentiment) hits.sentiment++;
    if (a.requires_human_escalation === t.escalate) hits.escalation++;
    if (t.intent && a.intent !== undefined) {
      withIntent++;
      if (a.intent === t.intent) hits.intent++;
    }
    if (a.needs_review) review++;
  }
  const n = tickets.length || 1;
  const r = (x: number, d = n) => Math.round((x / d) * 1e4) / 1e4;
  return {
    n: tickets.length,
    accuracy: {
      category: r(hits.category),
      priority: r(hits.priority),
      sentiment: r(hits.sentiment),
      escalation: r(hits.escalation),
      ...(withIntent ? { intent: r(hits.intent, withIntent) } : {}),
    },
    review_share: r(review),
  };
}

export interface AnalyzerComparison {
  train: number;
  test: number;
  rules: AnalyzerScores;
  learned: AnalyzerScores;
  /** Learned, with the low-confidence review switched off: escalation from the content signals alone. */
  learned_without_review: AnalyzerScores;
  review_threshold: number;
}

/**
 * Trains the shipped kinds of model (category, intent, sentiment) on one labelled set and scores the whole
 * analyzer on another, against the rules alone: the figures behind the analyzer's defaults.
 */
export function compareAnalyzers(
  train: LabelledRow[],
  test: LabelledTicket[],
  products: LocalAnalyzerDeps['products'],
  opts: { reviewThreshold: number; seed: number },
): AnalyzerComparison {
  const texts = train.map((r) => r.text);
  const fit = (field: string) => {
    const labels = train.map((r, i) => {
      const v = r.fields[field];
      if (!v) throw new DatasetError(`training row ${i + 2}: empty "${field}"`);
      return v;
    });
    return TextClassifier.train(texts, labels, field, { seed: opts.seed });
  };
  const hasIntent = train.every((r) => r.fields.intent);
  const models: AnalyzerModels = {
    category: fit('category'),
    sentiment: fit('sentiment'),
    ...(hasIntent ? { intent: fit('intent') } : {}),
    reviewThreshold: opts.reviewThreshold,
  };
  return {
    train: train.length,
    test: test.length,
    rules: evaluateAnalyzer(test, { products }),
    learned: evaluateAnalyzer(test, { products, models }),
    learned_without_review: evaluateAnalyzer(test, { products, models: { ...models, reviewThreshold: 0 } }),
    review_threshold: opts.reviewThreshold,
  };
}
