import { z } from 'zod';
import { CategorySchema, PrioritySchema, SentimentSchema } from './taxonomy.schema.js';

export const LabelScoreSchema = z.object({ label: z.string(), probability: z.number().min(0).max(1) });
export type LabelScore = z.infer<typeof LabelScoreSchema>;

/** The language the ticket is written in, as a detector saw it. */
export const DetectedLanguageSchema = z.object({
  code: z.string().describe('ISO 639-1 code, e.g. en, de, fr, es; "und" when the detector could not tell'),
  confidence: z.number().min(0).max(1).describe("The detector's confidence, 0..1"),
});
export type DetectedLanguage = z.infer<typeof DetectedLanguageSchema>;

export const AnalysisSchema = z.object({
  category: CategorySchema,
  priority: PrioritySchema,
  sentiment: SentimentSchema,
  key_issues: z.array(z.string()).describe('Short statements of each problem the customer raises'),
  error_codes: z.array(z.string()),
  transaction_ids: z.array(z.string()).default([]),
  mentioned_products: z.array(z.string()),
  product_versions: z.array(z.string()).default([]),
  customer_intent: z.string(),
  requires_human_escalation: z.boolean(),
  escalation_reasons: z.array(z.string()),
  confidence: z.number().min(0).max(1).describe('Confidence in the category, 0..1'),
  category_scores: z.array(LabelScoreSchema).default([]).describe('Top category labels with probabilities'),
  intent: z.string().optional().describe('Fine-grained intent from the learned intent model, when one is loaded'),
  intent_scores: z.array(LabelScoreSchema).default([]).describe('Top intents with calibrated probabilities'),
  language: DetectedLanguageSchema.optional().describe(
    'Language of the ticket; absent on results stored before language detection existed',
  ),
  needs_review: z
    .boolean()
    .default(false)
    .describe('The calibrated category confidence is below the review threshold; also listed in escalation_reasons'),
});
export type Analysis = z.infer<typeof AnalysisSchema>;
