import type { Analysis } from '../schemas/analysis.schema.js';
import type { ArticleHit, KnowledgeResult } from '../schemas/article.schema.js';
import type { CustomerProfile } from '../schemas/customer.schema.js';
import type { DraftResponse } from '../schemas/response.schema.js';
import type { SystemStatus } from '../schemas/status.schema.js';
import { openingLine, toneFor } from './tone.js';

export interface ComposeInput {
  analysis: Analysis;
  knowledge: KnowledgeResult;
  systemStatus: SystemStatus;
  profile?: CustomerProfile | undefined;
}

const NO_FIX_INTENTS = new Set(['request_feature', 'give_feedback']);

function firstName(profile: CustomerProfile | undefined): string | undefined {
  return profile?.name.trim().split(/\s+/)[0];
}

function issuesParagraph(analysis: Analysis): string {
  const issues = analysis.key_issues.slice(0, 3);
  if (issues.length === 0) return '';
  if (issues.length === 1) return `I understand the problem is this: “${issues[0]}”`;
  return `Here is what I understand from your message:\n${issues.map((i) => `- “${i}”`).join('\n')}`;
}

function incidentParagraph(status: SystemStatus): string | undefined {
  const incident = status.incidents.find((i) => i.related_to_ticket);
  if (incident) {
    const link = incident.url ? ` You can follow live updates at ${incident.url}.` : '';
    return (
      `Our status page currently shows an incident that matches what you are seeing: “${incident.name}” ` +
      `(status: ${incident.status}). Our engineers are working on it.${link}`
    );
  }
  const deployment = status.recent_deployments.find((d) => d.related_to_ticket);
  if (deployment) {
    return (
      `Our release log shows version ${deployment.version} (${deployment.title}) went out shortly before you wrote; ` +
      'I have flagged your ticket so our engineers can check whether it is connected.'
    );
  }
  return undefined;
}

function stepsParagraph(article: ArticleHit, analysis: Analysis, profile: CustomerProfile | undefined): string {
  const steps = article.solution_steps.map((s, i) => `${i + 1}. ${s}`).join('\n');
  const expert = profile?.technical_level === 'expert';
  const codes = analysis.error_codes.length > 0 && expert ? ` It covers error ${analysis.error_codes.join(', ')}.` : '';
  return `Here is how to resolve it, from our help article “${article.title}” [${article.article_id}]:${codes}\n${steps}`;
}

function escalationParagraph(): string {
  return (
    'Given how important this is, I have escalated your ticket to a senior member of our support team, ' +
    'who will review it personally and follow up with you directly.'
  );
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
  return actions;
}

/**
 * Writes the reply from what the other agents found, and nothing else: steps come verbatim from the cited
 * article, incidents from the status page, names from the profile. When nothing relevant was found it says so.
 */
export function composeReply(input: ComposeInput): DraftResponse {
  const { analysis, knowledge, systemStatus, profile } = input;
  const tone = toneFor(analysis.sentiment, analysis.customer_intent);
  const name = firstName(profile);
  const paragraphs: string[] = [name ? `Hi ${name},` : 'Hello,', openingLine(tone, analysis.priority)];
  const fixWanted = !NO_FIX_INTENTS.has(analysis.customer_intent);

  if (fixWanted) paragraphs.push(issuesParagraph(analysis));
  const incident = incidentParagraph(systemStatus);
  if (incident) paragraphs.push(incident);

  const cited: string[] = [];
  const [best, ...others] = knowledge.articles;
  if (best && fixWanted) {
    paragraphs.push(stepsParagraph(best, analysis, profile));
    cited.push(best.article_id);
    const more = others.slice(0, 1);
    for (const a of more) {
      paragraphs.push(`You may also find this article useful: “${a.title}” [${a.article_id}].`);
      cited.push(a.article_id);
    }
    if (profile?.technical_level === 'novice') paragraphs.push('If any step is unclear, just reply to this email and we will walk you through it.');
  } else if (best && !fixWanted) {
    paragraphs.push(`You can read more in our article “${best.title}” [${best.article_id}].`);
    cited.push(best.article_id);
  } else if (fixWanted) {
    paragraphs.push(
      'I could not find a help article that covers this exactly, so rather than point you to the wrong one, ' +
        'I have passed your ticket to a specialist who will look into it.',
    );
  }
  if (analysis.customer_intent === 'request_feature') paragraphs.push('I have shared your suggestion with our product team, who read every request.');
  if (analysis.customer_intent === 'give_feedback') paragraphs.push('I have shared your message with the team.');
  if (analysis.requires_human_escalation) paragraphs.push(escalationParagraph());
  paragraphs.push('Best regards,\nNimbus Support');

  return {
    response_text: paragraphs.filter((p) => p.length > 0).join('\n\n'),
    tone,
    suggested_actions: suggestedActions(input, cited),
    cited_articles: cited,
  };
}
