import type { Analysis } from '../schemas/analysis.schema.js';
import type { TicketInput } from '../schemas/ticket.schema.js';
import type { KnowledgeQuery } from './knowledge-index.js';

/**
 * Words for intents whose tickets talk about something else than what they want: praise describes what the
 * customer likes, an idea describes their work. For every other intent the ticket's own words name the
 * problem, and adding generic words ("billing question") would only let weak matches through.
 */
const TOPIC_OF_INTENT: Record<string, string> = {
  give_feedback: 'feedback compliment',
  request_feature: 'feature request',
};

function intentTerms(analysis: Analysis | undefined): string {
  return analysis ? (TOPIC_OF_INTENT[analysis.customer_intent] ?? '') : '';
}

/**
 * The retrieval query: the subject (the customer's own summary), the key issues the analyzer found and the
 * rest of the body, with error codes and products passed separately for exact-match boosts.
 */
export function buildKnowledgeQuery(ticket: TicketInput, analysis: Analysis | undefined, k = 3): KnowledgeQuery {
  const parts = [ticket.subject, intentTerms(analysis), ...(analysis?.key_issues ?? []), ticket.body].filter(Boolean);
  return {
    text: parts.join('\n'),
    errorCodes: analysis?.error_codes ?? [],
    products: analysis?.mentioned_products ?? [],
    k,
  };
}
