import { z } from 'zod';

export const QualityCheckResultSchema = z.object({
  name: z.string(),
  passed: z.boolean(),
  score: z.number().min(0).max(1).describe('Share of the check\'s requirements met'),
  problems: z.array(z.string()).describe('What failed, in words an agent can act on'),
});
export type QualityCheckResult = z.infer<typeof QualityCheckResultSchema>;

export const JudgeScoreSchema = z.object({
  score: z.number().min(0).max(1),
  judge: z.string().describe('Which judge (model) graded the reply'),
  rubric_version: z.string(),
  rationale: z.string().optional(),
});
export type JudgeScore = z.infer<typeof JudgeScoreSchema>;

/** Automatic reply-quality checks stored with each result; an LLM judge's grade sits beside them, never instead. */
export const QualitySchema = z
  .object({
    score: z.number().min(0).max(1).describe('Mean of the automatic check scores, 0..1'),
    checks: z.array(QualityCheckResultSchema),
    failed: z.array(z.string()).describe('Names of the checks that did not pass'),
    judge: JudgeScoreSchema.optional().describe('An LLM judge\'s grade, when one is configured'),
    version: z.string().describe('Version of the check set, so scores are compared like with like'),
  })
  .describe('Reply quality');
export type Quality = z.infer<typeof QualitySchema>;
