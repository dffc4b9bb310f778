import type { DraftResponse } from '../schemas/response.schema.js';
import { englishOnlyNote, messagesFor, replyLanguage } from './i18n/index.js';
import { composeReply, firstName, type ComposeInput } from './local-composer.js';
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
  const m = messagesFor(replyLanguage(analysis));
  const name = firstName(profile);
  const lines: string[] = [name ? m.greetingNamed(name) : m.greeting, openingLine(full.tone, analysis.priority, m)];
  const issue = analysis.key_issues[0];
  if (issue) lines.push(m.concise.youWrote(issue));
  const incident = systemStatus.incidents.find((i) => i.related_to_ticket);
  if (incident) lines.push(m.concise.incident(incident.name, incident.status));
  const best = knowledge.articles.find((a) => full.cited_articles.includes(a.article_id));
  if (best) {
    const steps = best.solution_steps.slice(0, MAX_STEPS).map((s, i) => `${i + 1}. ${s}`).join('\n');
    lines.push(steps ? `${englishOnlyNote(m)}${m.concise.steps(best.title, best.article_id)}\n${steps}` : m.concise.see(best.title, best.article_id));
  } else if (!full.cited_articles.length) {
    lines.push(m.concise.specialist);
  }
  if (analysis.requires_human_escalation) lines.push(m.concise.escalation);
  lines.push(m.signOff);
  return { ...full, response_text: lines.join('\n\n'), cited_articles: best ? [best.article_id] : [] };
}
