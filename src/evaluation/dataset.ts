import { readFileSync } from 'node:fs';
import { z } from 'zod';
import type { PipelineOutput } from '../schemas/result.schema.js';
import { CategorySchema, PrioritySchema, SentimentSchema } from '../schemas/taxonomy.schema.js';
import { TicketInputSchema } from '../schemas/ticket.schema.js';

/**
 * A labelled ticket: the ticket and whichever labels are known. The 15 scenarios file is one such file;
 * data/eval/tickets.json is a larger one. Missing labels are simply not scored.
 */
export const LabelledTicketSchema = z.object({
  id: z.string().min(1),
  name: z.string().optional(),
  ticket: TicketInputSchema,
  expected: z.object({
    category: CategorySchema.optional(),
    priority: PrioritySchema.optional(),
    sentiment: SentimentSchema.optional(),
    requires_human_escalation: z.boolean().optional(),
    relevant_articles: z.array(z.string()).optional(),
    related_incident: z.string().nullable().optional(),
  }),
});
export type LabelledTicket = z.infer<typeof LabelledTicketSchema>;

export class DatasetError extends Error {
  override name = 'DatasetError';
}

/** Reads a labelled tickets file; the error names the file, the ticket and the field. */
export function loadDataset(path: string): LabelledTicket[] {
  let raw: unknown;
  try {
    raw = JSON.parse(readFileSync(path, 'utf8'));
  } catch (err) {
    throw new DatasetError(`dataset ${path}: ${(err as Error).message}`);
  }
  const parsed = z.array(LabelledTicketSchema).min(1, 'holds no tickets').safeParse(raw);
  if (!parsed.success) {
    const problems = parsed.error.issues.slice(0, 10).map((i) => `${i.path.join('.') || '(root)'}: ${i.message}`);
    throw new DatasetError(`dataset ${path} is not a labelled tickets file:\n  - ${problems.join('\n  - ')}`);
  }
  const ids = new Set<string>();
  for (const t of parsed.data) {
    if (ids.has(t.id)) throw new DatasetError(`dataset ${path}: ticket id "${t.id}" appears twice`);
    ids.add(t.id);
  }
  return parsed.data;
}

export const LABELS = ['category', 'priority', 'sentiment', 'escalation', 'article', 'incident'] as const;
export type Label = (typeof LABELS)[number];

/** Right or wrong for each label the ticket has; unlabelled fields are absent. */
export function scoreLabels(t: LabelledTicket, out: Pick<PipelineOutput, 'analysis' | 'knowledge' | 'system_status'>): Partial<Record<Label, boolean>> {
  const e = t.expected;
  const correct: Partial<Record<Label, boolean>> = {};
  if (e.category) correct.category = out.analysis.category === e.category;
  if (e.priority) correct.priority = out.analysis.priority === e.priority;
  if (e.sentiment) correct.sentiment = out.analysis.sentiment === e.sentiment;
  if (e.requires_human_escalation !== undefined) correct.escalation = out.analysis.requires_human_escalation === e.requires_human_escalation;
  if (e.relevant_articles?.length) correct.article = e.relevant_articles.includes(out.knowledge.articles[0]?.article_id ?? '');
  if (e.related_incident !== undefined) {
    correct.incident = (out.system_status.incidents.find((i) => i.related_to_ticket)?.id ?? null) === e.related_incident;
  }
  return correct;
}
