import { readFileSync } from 'node:fs';
import { z } from 'zod';
import { CategorySchema, PrioritySchema, SentimentSchema } from '../schemas/taxonomy.schema.js';
import { TicketInputSchema } from '../schemas/ticket.schema.js';
import type { TicketResult } from '../schemas/result.schema.js';

export const ScenarioSchema = z.object({
  id: z.string(),
  name: z.string(),
  ticket: TicketInputSchema,
  expected: z.object({
    category: CategorySchema,
    priority: PrioritySchema,
    sentiment: SentimentSchema,
    requires_human_escalation: z.boolean(),
    relevant_articles: z.array(z.string()).default([]),
    related_incident: z.string().nullable().default(null),
  }),
});
export type Scenario = z.infer<typeof ScenarioSchema>;

export function loadScenarios(path: string): Scenario[] {
  return z.array(ScenarioSchema).parse(JSON.parse(readFileSync(path, 'utf8')));
}

export const FIELDS = ['category', 'priority', 'sentiment', 'escalation', 'article', 'incident'] as const;
export type ScenarioField = (typeof FIELDS)[number];

export interface ScenarioOutcome {
  id: string;
  name: string;
  expected: Record<ScenarioField, string>;
  actual: Record<ScenarioField, string>;
  correct: Record<ScenarioField, boolean>;
  latency_ms: number;
  cost_usd: number;
  result: TicketResult;
}

/** Compares one result with its scenario. "article" is right when any relevant article is cited first. */
export function scoreScenario(s: Scenario, result: TicketResult): ScenarioOutcome {
  const a = result.analysis;
  const topArticle = result.knowledge?.articles[0]?.article_id ?? 'none';
  const relatedIncident = result.system_status?.incidents.find((i) => i.related_to_ticket)?.id ?? 'none';
  const expected = {
    category: s.expected.category,
    priority: s.expected.priority,
    sentiment: s.expected.sentiment,
    escalation: String(s.expected.requires_human_escalation),
    article: s.expected.relevant_articles.join('|') || 'any',
    incident: s.expected.related_incident ?? 'none',
  };
  const actual = {
    category: a?.category ?? 'n/a',
    priority: a?.priority ?? 'n/a',
    sentiment: a?.sentiment ?? 'n/a',
    escalation: String(a?.requires_human_escalation ?? 'n/a'),
    article: topArticle,
    incident: relatedIncident,
  };
  const correct = {
    category: expected.category === actual.category,
    priority: expected.priority === actual.priority,
    sentiment: expected.sentiment === actual.sentiment,
    escalation: expected.escalation === actual.escalation,
    article: s.expected.relevant_articles.length === 0 || s.expected.relevant_articles.includes(topArticle),
    incident: expected.incident === actual.incident,
  };
  return {
    id: s.id,
    name: s.name,
    expected,
    actual,
    correct,
    latency_ms: result.metrics?.latency_ms.total ?? 0,
    cost_usd: result.metrics?.cost_usd ?? 0,
    result,
  };
}

export function accuracy(outcomes: ScenarioOutcome[]): Record<ScenarioField, number> {
  const acc = {} as Record<ScenarioField, number>;
  for (const f of FIELDS) acc[f] = outcomes.length ? outcomes.filter((o) => o.correct[f]).length / outcomes.length : 0;
  return acc;
}

export function percentile(sorted: number[], p: number): number {
  if (sorted.length === 0) return 0;
  const idx = Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1));
  return sorted[idx] ?? 0;
}
