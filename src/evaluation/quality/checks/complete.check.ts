import { firstName, type QualityCheck, verdict } from '../quality-check.js';
import { clip, coverage, stepLines } from '../text-match.js';

// Replies may be in the customer's language (README, "Languages"): greetings, next actions, escalation notices
// and thanks are also recognised in German, French and Spanish, the languages the templates write.
const GREETING =
  /^(hi|hello|hey|dear|good (morning|afternoon|evening)|hallo|guten (tag|morgen|abend)|liebe[r]?|sehr geehrte[r]?|bonjour|bonsoir|cher|chère|madame|monsieur|hola|buen[oa]s (días|tardes|noches)|estimad[oa]s?)(?![\p{L}])/iu;
const NEXT_ACTION =
  /\b((I|we) ?(have|'ve) (escalated|passed|shared|flagged|forwarded|logged|opened|raised|asked)|will (follow up|get back|contact|review|look into|reach out)|(please|you can) (reply|try|check|open|go to|follow|read|restart|update))|\b(weitergeleitet|weitergegeben|eskaliert|meldet sich|antworten Sie|transmis|escaladé|reviendra|répondez|he (pasado|escalado|compartido)|se pondrá en contacto|responda)\b/i;
const ESCALATION_NOTICE =
  /\b(escalat\w*|senior|specialist|(a|our) (person|human|team member|manager) will|eskalier\w*|spezialist\w*|erfahrenen kollegen|escalad\w*|spécialiste|especialista|sénior)/i;
const FEEDBACK_ACK =
  /\b(your (suggestion|feedback|request|idea|kind words|message)|thank you (so much )?for|ihre[nm]? (vorschlag|nachricht|feedback)|vielen dank|votre (suggestion|message)|merci|su (sugerencia|mensaje)|gracias)\b/i;
/** A key issue counts as acknowledged when half its content words are in the reply. */
const ACK_COVERAGE = 0.5;

/**
 * The reply greets the customer (by first name when known), acknowledges each key issue, gives steps or a
 * clear next action, mentions a related incident, and says so when the ticket is escalated.
 */
export const completeCheck: QualityCheck = {
  name: 'complete',
  run(ctx) {
    const text = ctx.response.response_text;
    const { analysis, systemStatus, profile } = ctx;
    const problems: string[] = [];
    let tested = 0;

    const firstLine = text.trimStart().split('\n')[0] ?? '';
    const name = firstName(profile);
    tested++;
    if (!GREETING.test(firstLine)) problems.push('does not open with a greeting');
    else if (name && !firstLine.includes(name)) problems.push(`does not greet the customer by name (${name})`);

    const feedback = analysis.customer_intent === 'request_feature' || analysis.customer_intent === 'give_feedback';
    for (const issue of analysis.key_issues) {
      tested++;
      const acknowledged = coverage(issue.replace(/…$/, ''), text) >= ACK_COVERAGE || (feedback && FEEDBACK_ACK.test(text));
      if (!acknowledged) problems.push(`does not acknowledge the issue "${clip(issue)}"`);
    }

    tested++;
    if (stepLines(text).length === 0 && !NEXT_ACTION.test(text)) problems.push('gives neither steps nor a clear next action');

    for (const incident of systemStatus.incidents.filter((i) => i.related_to_ticket)) {
      tested++;
      const named = text.includes(incident.name) || text.includes(incident.id) || (incident.url !== undefined && text.includes(incident.url));
      if (!named) problems.push(`does not mention the related incident "${clip(incident.name)}"`);
    }

    if (analysis.requires_human_escalation) {
      tested++;
      if (!ESCALATION_NOTICE.test(text)) problems.push('the ticket is escalated but the reply does not say a person will follow up');
    }
    return verdict(this.name, tested, problems);
  },
};
