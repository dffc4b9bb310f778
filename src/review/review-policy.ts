import { z } from 'zod';
import { loadJsonConfig } from '../shared/json-config.js';
import type { Analysis } from '../schemas/analysis.schema.js';
import { CategorySchema } from '../schemas/taxonomy.schema.js';

/** config/review-policy.json: when a draft may go out without a person reading it first. */
export const ReviewPolicySchema = z
  .object({
    min_confidence: z.number().min(0).max(1).describe("The analyzer's category confidence must be at least this"),
    min_quality: z.number().min(0).max(1).describe('The automatic quality score must be at least this'),
    always_review_categories: z.array(CategorySchema).default([]),
    always_review_intents: z.array(z.string().min(1)).default([]),
    always_review_keywords: z.array(z.string().min(1)).default([]).describe('Matched as whole words, case-insensitive, in subject, body and intent'),
    auto_approve_languages: z.array(z.string().min(2)).default(['en', 'de', 'fr', 'es']),
  })
  .strict();
export type ReviewPolicy = z.infer<typeof ReviewPolicySchema>;

export function loadReviewPolicy(path: string): ReviewPolicy {
  return loadJsonConfig(path, ReviewPolicySchema, 'review policy');
}

export interface PolicyInput {
  analysis: Pick<Analysis, 'category' | 'confidence' | 'requires_human_escalation' | 'customer_intent' | 'intent' | 'language'>;
  /** The automatic quality score (result.quality.score); undefined when the checks did not run. */
  qualityScore: number | undefined;
  subject: string;
  body: string;
}

export interface PolicyDecision {
  state: 'auto_approved' | 'pending_review';
  reasons: string[];
}

const escapeRe = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/** Whole-word (or whole-phrase) matches of the keywords in the text, case-insensitive; letters of any script count as word characters. */
export function matchKeywords(text: string, keywords: string[]): string[] {
  return keywords.filter((k) => new RegExp(`(?<![\\p{L}\\p{N}])${escapeRe(k)}(?![\\p{L}\\p{N}])`, 'iu').test(text));
}

/**
 * The policy: a draft is auto-approved only when every condition holds; otherwise it waits for a person, with
 * every reason that applied (not just the first), so a reviewer sees the whole picture.
 */
export function decide(policy: ReviewPolicy, input: PolicyInput): PolicyDecision {
  const { analysis } = input;
  const reasons: string[] = [];
  if (analysis.requires_human_escalation) reasons.push('escalated: the analysis requires a human');
  if (analysis.confidence < policy.min_confidence)
    reasons.push(`low confidence: ${analysis.confidence.toFixed(2)} < ${policy.min_confidence}`);
  if (input.qualityScore === undefined) reasons.push('held: no quality score');
  else if (input.qualityScore < policy.min_quality) reasons.push(`low quality: ${input.qualityScore.toFixed(2)} < ${policy.min_quality}`);
  if (policy.always_review_categories.includes(analysis.category)) reasons.push(`category "${analysis.category}" is always reviewed`);
  const intents = [analysis.intent, analysis.customer_intent].filter((x): x is string => Boolean(x));
  const intent = intents.find((i) => policy.always_review_intents.includes(i));
  if (intent) reasons.push(`intent "${intent}" is always reviewed`);
  const words = matchKeywords([input.subject, input.body, ...intents].join('\n'), policy.always_review_keywords);
  if (words.length) reasons.push(`mentions ${words.map((w) => `"${w}"`).join(', ')}`);
  const language = analysis.language?.code ?? 'en';
  if (!policy.auto_approve_languages.includes(language)) reasons.push(`language "${language}" is not auto-approved`);
  return reasons.length ? { state: 'pending_review', reasons } : { state: 'auto_approved', reasons: [] };
}
