import type { Analysis } from '../schemas/analysis.schema.js';

/**
 * The facts of an analysis that retrieval and status act on beyond the ticket text itself: what kind of
 * problem, what the customer wants, which error codes, products and versions. Key issues are left out:
 * they are paraphrases (a model words them differently every time) and both agents read the ticket.
 */
export function routingKey(a: Analysis): string {
  const norm = (xs: string[]) => [...new Set(xs.map((x) => x.trim().toUpperCase()))].sort().join(',');
  return [a.category, a.customer_intent, norm(a.error_codes), norm(a.mentioned_products), norm(a.product_versions)].join('|');
}

/** Whether work started on a provisional analysis is still valid for the final one. */
export function sameRouting(provisional: Analysis, final: Analysis): boolean {
  return routingKey(provisional) === routingKey(final);
}
