import { z } from 'zod';

export const TONES = ['empathetic', 'apologetic', 'friendly', 'professional', 'appreciative'] as const;

export const DraftResponseSchema = z.object({
  response_text: z.string().min(1),
  tone: z.enum(TONES),
  suggested_actions: z.array(z.string()).describe('Actions for the support agent, not the customer'),
  cited_articles: z.array(z.string()).describe('Article ids the reply draws its steps from'),
});
export type DraftResponse = z.infer<typeof DraftResponseSchema>;
