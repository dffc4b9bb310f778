import type { ArticleHit } from '../schemas/article.schema.js';
import type { DraftResponse, ReviewFlag } from '../schemas/response.schema.js';

/** Kinds of promise a reply must not make unless a cited article states the policy. */
const PROMISES: { kind: string; term: RegExp; support: RegExp }[] = [
  { kind: 'refund', term: /\brefund(s|ed|ing)?\b|\bmoney back\b|\breimburse/i, support: /\brefund/i },
  { kind: 'credit', term: /\b(service )?credits?\b|\bcompensat|\bdiscount|\bfree (month|months|upgrade|plan)\b|\bwaive/i, support: /\bcredit|\bcompensat|\bdiscount/i },
  {
    kind: 'deadline',
    term: /\b(by|before|within|no later than)\s+(tomorrow|tonight|today|end of (the )?(day|week)|eod|monday|tuesday|wednesday|thursday|friday|saturday|sunday|\d+\s*(minutes?|hours?|h|days?|business days?))\b|\b(in|within) the next \d+\s*(minutes?|hours?|days?)\b/i,
    support: /\bwithin\s+\d+\s*(minutes?|hours?|days?|business days?)\b|\b\d+\s*(hours?|business days?)\b/i,
  },
];

/** Language that commits the company, as opposed to explaining or asking. */
const COMMITMENT = /\b(we|i)('ll| will| shall| have| 've| are going to| can)\b|\byou('ll| will) (receive|get|be (refunded|credited))\b|\bguarantee|\bpromise|\bis being (refunded|credited)\b|\bhas been (refunded|credited|issued)\b/i;

const CITATION = /\[([A-Z]{2,5}-\d{1,5})\]/g;
const STEP_LINE = /^\s*\d+[.)]\s+\S/;

function sentences(text: string): string[] {
  return text.split(/(?<=[.!?])\s+|\n+/).filter((s) => s.trim().length > 0);
}

/**
 * The post-check on a drafted reply: a promise of a refund, credit or deadline that no cited article
 * supports; a numbered step without an article citation (on the step or on the line that introduces the
 * steps); an article id that retrieval did not return. Cited ids outside the retrieved set are dropped.
 */
export function checkReply(reply: DraftResponse, retrieved: ArticleHit[], articleText: (id: string) => string | undefined): DraftResponse {
  const known = new Set(retrieved.map((a) => a.article_id));
  const flags: ReviewFlag[] = [];
  const cited = reply.cited_articles.filter((id) => known.has(id));
  const inText = [...reply.response_text.matchAll(CITATION)].map((m) => m[1]!);
  for (const id of new Set([...inText, ...reply.cited_articles])) {
    if (!known.has(id)) flags.push({ code: 'unknown_citation', detail: `cites ${id}, which retrieval did not return for this ticket` });
  }
  const citedIds = [...new Set([...cited, ...inText.filter((id) => known.has(id))])];
  const support = citedIds.map((id) => articleText(id) ?? '').join('\n');
  for (const s of sentences(reply.response_text)) {
    if (!COMMITMENT.test(s)) continue;
    for (const p of PROMISES) {
      if (p.term.test(s) && !p.support.test(support) && !flags.some((f) => f.detail.startsWith(`promises a ${p.kind}`))) {
        flags.push({ code: 'unsupported_promise', detail: `promises a ${p.kind} that no cited article supports: “${s.trim().slice(0, 160)}”` });
      }
    }
  }
  let lead = '';
  for (const line of reply.response_text.split('\n')) {
    if (!STEP_LINE.test(line)) {
      if (line.trim()) lead = line;
      continue;
    }
    const cites = (l: string) => [...l.matchAll(CITATION)].some((m) => known.has(m[1]!));
    if (!cites(line) && !cites(lead)) flags.push({ code: 'uncited_step', detail: `step without an article citation: “${line.trim().slice(0, 120)}”` });
  }
  const actions = flags.length > 0 ? [`Review before sending: ${flags.map((f) => f.detail).join('; ')}`, ...reply.suggested_actions] : reply.suggested_actions;
  return { ...reply, cited_articles: citedIds, suggested_actions: actions, ...(flags.length > 0 ? { review_flags: flags } : {}) };
}
