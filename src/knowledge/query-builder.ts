import type { Analysis } from '../schemas/analysis.schema.js';
import type { TicketInput } from '../schemas/ticket.schema.js';
import type { KnowledgeQuery } from './knowledge-index.js';

/**
 * The retrieval query: the subject (the customer's own summary), the key issues the analyzer found and the
 * rest of the body, with error codes and products passed separately for exact-match boosts.
 */
export function buildKnowledgeQuery(ticket: TicketInput, analysis: Analysis | undefined, k = 3): KnowledgeQuery {
  // The intent in words ("give feedback", "request feature") names what the customer wants even when the
  // ticket's own words are all about something else.
  const intent = analysis && analysis.customer_intent !== 'general_inquiry' ? analysis.customer_intent.replace(/_/g, ' ') : '';
  const parts = [ticket.subject, intent, ...(analysis?.key_issues ?? []), ticket.body].filter(Boolean);
  return {
    text: parts.join('\n'),
    errorCodes: analysis?.error_codes ?? [],
    products: analysis?.mentioned_products ?? [],
    k,
  };
}
