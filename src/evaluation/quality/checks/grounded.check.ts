import { splitSentences } from '../../../knowledge/text.js';
import { articleText, mentionedArticleIds, type QualityCheck, type ReplyContext, verdict } from '../quality-check.js';
import { clip, contentTerms, coverage, stepLines } from '../text-match.js';

/** A step counts as traced when most of its content words come from one source. */
const STEP_SUPPORT = 0.7;

/** Claims that the status page shows a problem; only a related incident backs them. */
const INCIDENT_CLAIM =
  /\b(status page (currently )?(shows|lists|reports)|there (is|are) (an? )?(ongoing|active|known|current|open) (incident|outage)|(we are|we're) (currently )?(experiencing|investigating) (an? )?(incident|outage|problem|issue)|matches an? (open|ongoing|active|known)? ?(incident|outage))/i;

/** Specifics a model might invent: error codes, versions, links, amounts. */
const SPECIFICS = [/\bE\d{3,5}\b/g, /\b\d+\.\d+(?:\.\d+)?\b/g, /https?:\/\/[^\s)\]”"]+/g, /[$€£]\s?\d[\d,]*(?:\.\d+)?/g];

function sourceText(ctx: ReplyContext): string {
  const { ticket, systemStatus, profile, response } = ctx;
  return [
    ticket.subject,
    ticket.body,
    ticket.product_version ?? '',
    ...response.cited_articles.map((id) => articleText(ctx, id)),
    ...systemStatus.incidents.filter((i) => i.related_to_ticket).flatMap((i) => [i.name, i.url ?? '', i.latest_update ?? '']),
    ...systemStatus.recent_deployments.filter((d) => d.related_to_ticket).flatMap((d) => [d.version, d.title]),
    profile?.name ?? '',
    profile?.company ?? '',
  ].join('\n');
}

/**
 * Every article the reply names was retrieved and cited, every step comes from a cited article (or quotes the
 * ticket back), incident claims rest on a related incident, and codes, versions, links and amounts have a source.
 */
export const groundedCheck: QualityCheck = {
  name: 'grounded',
  run(ctx) {
    const text = ctx.response.response_text;
    const retrieved = new Set(ctx.knowledge.articles.map((a) => a.article_id));
    const cited = new Set(ctx.response.cited_articles);
    const problems: string[] = [];
    let tested = 0;

    for (const id of new Set([...mentionedArticleIds(text), ...cited])) {
      tested++;
      if (!retrieved.has(id)) problems.push(`cites ${id}, which retrieval did not return for this ticket`);
      else if (!cited.has(id)) problems.push(`names ${id} but does not list it in cited_articles`);
    }

    const ticketTerms = contentTerms(`${ctx.ticket.subject}\n${ctx.ticket.body}`);
    const citedTexts = [...cited].filter((id) => retrieved.has(id)).map((id) => contentTerms(articleText(ctx, id)));
    // Sentence by sentence, so an invented instruction cannot hide inside a step copied from an article.
    for (const step of stepLines(text)) {
      tested++;
      const traced = (s: string) => citedTexts.some((terms) => coverage(s, terms) >= STEP_SUPPORT) || coverage(s, ticketTerms) >= STEP_SUPPORT;
      const untraced = splitSentences(step).find((s) => !traced(s));
      if (untraced !== undefined) problems.push(`step "${clip(untraced)}" is in no cited article`);
    }

    // Steps are checked above; an article's "rule out an active incident" is advice, not a claim.
    const prose = text.split('\n').filter((l) => !/^\s*(\d{1,2}[.)]|[-*•])\s/.test(l)).join('\n');
    if (INCIDENT_CLAIM.test(prose)) {
      tested++;
      if (!ctx.systemStatus.incidents.some((i) => i.related_to_ticket)) {
        problems.push('claims an incident or outage, but no incident on the status page relates to this ticket');
      }
    }

    const sources = sourceText(ctx);
    const specifics = new Set(SPECIFICS.flatMap((re) => [...text.matchAll(re)].map((m) => m[0].replace(/[.,;:]+$/, ''))));
    for (const s of specifics) {
      tested++;
      if (!sources.includes(s)) problems.push(`"${s}" appears in no cited article, incident, profile or the ticket`);
    }
    return verdict(this.name, tested, problems);
  },
};
