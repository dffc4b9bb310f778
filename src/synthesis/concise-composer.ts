import type { DraftResponse } from '../schemas/response.schema.js';
import { composeReply, type ComposeInput } from './local-composer.js';
import { openingLine } from './tone.js';

const MAX_STEPS = 4;

/**
 * The offline template behind prompt version "concise-v1": the first issue only, the best article's first
 * steps, one line each for incident and escalation. Same facts as the full template, fewer words; the
 * quality checks and the A/B report say what that trade costs.
 */
export function composeConciseReply(input: ComposeInput): DraftResponse {
  const full = composeReply(input);
  const { analysis, knowledge, systemStatus, profile } = input;
  // Feedback and feature requests already get a few lines and no steps.
  if (analysis.customer_intent === 'request_feature' || analysis.customer_intent === 'give_feedback') return full;
  const name = profile?.name.trim().split(/\s+/)[0];
  const lines: string[] = [name ? `Hi ${name},` : 'Hello,', openingLine(full.tone, analysis.priority)];
  const issue = analysis.key_issues[0];
  if (issue) lines.push(`You wrote: “${issue}”`);
  const incident = systemStatus.incidents.find((i) => i.related_to_ticket);
  if (incident) lines.push(`This matches an open incident on our status page: “${incident.name}” (${incident.status}).`);
  const best = knowledge.articles.find((a) => full.cited_articles.includes(a.article_id));
  if (best) {
    const steps = best.solution_steps.slice(0, MAX_STEPS).map((s, i) => `${i + 1}. ${s}`).join('\n');
    lines.push(steps ? `From “${best.title}” [${best.article_id}]:\n${steps}` : `See “${best.title}” [${best.article_id}].`);
  } else if (!full.cited_articles.length) {
    lines.push('I have passed your ticket to a specialist who will look into it.');
  }
  if (analysis.requires_human_escalation) lines.push('I have escalated this to a senior colleague, who will follow up with you.');
  lines.push('Best regards,\nNimbus Support');
  return { ...full, response_text: lines.join('\n\n'), cited_articles: best ? [best.article_id] : [] };
}
