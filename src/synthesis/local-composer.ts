import type { Analysis } from '../schemas/analysis.schema.js';
import type { ArticleHit, KnowledgeResult } from '../schemas/article.schema.js';
import type { CustomerProfile } from '../schemas/customer.schema.js';
import type { DraftResponse } from '../schemas/response.schema.js';
import type { SystemStatus } from '../schemas/status.schema.js';
import { UNDETERMINED } from '../analysis/language/language-detector.js';
import { englishOnlyNote, messagesFor, replyLanguage, type ReplyMessages } from './i18n/index.js';
import { openingLine, toneFor } from './tone.js';

export interface ComposeInput {
  analysis: Analysis;
  knowledge: KnowledgeResult;
  systemStatus: SystemStatus;
  profile?: CustomerProfile | undefined;
}

const NO_FIX_INTENTS = new Set(['request_feature', 'give_feedback']);

export function firstName(profile: CustomerProfile | undefined): string | undefined {
  return profile?.name.trim().split(/\s+/)[0];
}

function issuesParagraph(analysis: Analysis, m: ReplyMessages): string {
  const issues = analysis.key_issues.slice(0, 3);
  if (issues.length === 0) return '';
  if (issues.length === 1) return m.issueOne(issues[0]!);
  return `${m.issuesIntro}\n${issues.map((i) => `- “${i}”`).join('\n')}`;
}

function incidentParagraph(status: SystemStatus, m: ReplyMessages): string | undefined {
  const incident = status.incidents.find((i) => i.related_to_ticket);
  if (incident) return m.incident(incident.name, incident.status) + (incident.url ? m.incidentLink(incident.url) : '');
  const deployment = status.recent_deployments.find((d) => d.related_to_ticket);
  if (deployment) return m.deployment(deployment.version, deployment.title);
  return undefined;
}

/**
 * The best article's steps, verbatim. Articles exist only in English: a reply in another language says so
 * before the steps and quotes them untranslated (a translation nobody checked could be wrong).
 */
function stepsParagraph(article: ArticleHit, analysis: Analysis, profile: CustomerProfile | undefined, m: ReplyMessages): string {
  const steps = article.solution_steps.map((s, i) => `${i + 1}. ${s}`).join('\n');
  const expert = profile?.technical_level === 'expert';
  const codes = analysis.error_codes.length > 0 && expert ? m.stepsCodes(analysis.error_codes.join(', ')) : '';
  return `${englishOnlyNote(m)}${m.stepsIntro(article.title, article.article_id)}${codes}\n${steps}`;
}

function suggestedActions(input: ComposeInput, cited: string[]): string[] {
  const { analysis, systemStatus } = input;
  const actions: string[] = [];
  if (analysis.requires_human_escalation) actions.push(`Escalate to a senior agent: ${analysis.escalation_reasons.join('; ')}`);
  for (const i of systemStatus.incidents.filter((x) => x.related_to_ticket)) actions.push(`Link the ticket to incident ${i.id} (${i.name})`);
  for (const d of systemStatus.recent_deployments.filter((x) => x.related_to_ticket)) actions.push(`Check deployment ${d.version} (${d.id}): ${d.relation_reasons.join('; ')}`);
  if (analysis.transaction_ids.length > 0) actions.push(`Verify transactions ${analysis.transaction_ids.join(', ')} in the billing system`);
  if (analysis.error_codes.length > 0) actions.push(`Look up error ${analysis.error_codes.join(', ')} in the logs for this customer`);
  if (cited.length === 0 && !NO_FIX_INTENTS.has(analysis.customer_intent)) actions.push('No help article matched: investigate and consider writing one');
  if (analysis.customer_intent === 'request_feature') actions.push('Log the feature request for the product team');
  if (analysis.customer_intent === 'data_deletion_request') actions.push('Open a data-erasure request with the privacy team and verify the requester owns the account');
  const detected = analysis.language?.code;
  if (detected && detected !== UNDETERMINED && replyLanguage(analysis) !== detected) {
    actions.push(`The customer wrote in "${detected}", which the templates do not speak: the reply is in English, review it before sending`);
  }
  return actions;
}

/**
 * Writes the reply from what the other agents found, and nothing else: steps come verbatim from the cited
 * article, incidents from the status page, names from the profile. When nothing relevant was found it says so.
 * The reply is in the ticket's language when the templates speak it (en, de, fr, es), in English otherwise.
 */
export function composeReply(input: ComposeInput): DraftResponse {
  const { analysis, knowledge, systemStatus, profile } = input;
  const m = messagesFor(replyLanguage(analysis));
  const tone = toneFor(analysis.sentiment, analysis.customer_intent);
  const name = firstName(profile);
  const paragraphs: string[] = [name ? m.greetingNamed(name) : m.greeting, openingLine(tone, analysis.priority, m)];
  const fixWanted = !NO_FIX_INTENTS.has(analysis.customer_intent);

  if (fixWanted) paragraphs.push(issuesParagraph(analysis, m));
  const incident = incidentParagraph(systemStatus, m);
  if (incident) paragraphs.push(incident);

  const cited: string[] = [];
  const [best, ...others] = knowledge.articles;
  if (best && fixWanted) {
    paragraphs.push(stepsParagraph(best, analysis, profile, m));
    cited.push(best.article_id);
    const more = others.slice(0, 1);
    for (const a of more) {
      paragraphs.push(m.alsoUseful(a.title, a.article_id));
      cited.push(a.article_id);
    }
    if (profile?.technical_level === 'novice') paragraphs.push(m.noviceOffer);
  } else if (best && !fixWanted) {
    paragraphs.push(m.readMore(best.title, best.article_id));
    cited.push(best.article_id);
  } else if (fixWanted) {
    paragraphs.push(m.noArticle);
  }
  if (analysis.customer_intent === 'request_feature') paragraphs.push(m.featureShared);
  if (analysis.customer_intent === 'give_feedback') paragraphs.push(m.feedbackShared);
  if (analysis.requires_human_escalation) paragraphs.push(m.escalation);
  paragraphs.push(m.signOff);

  return {
    response_text: paragraphs.filter((p) => p.length > 0).join('\n\n'),
    tone,
    suggested_actions: suggestedActions(input, cited),
    cited_articles: cited,
  };
}
