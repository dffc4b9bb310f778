import { splitSentences } from '../../../knowledge/text.js';
import { articleText, type QualityCheck, type ReplyContext, verdict } from '../quality-check.js';
import { clip } from '../text-match.js';

/** Money the company would owe: refunds, credits, compensation. */
const MONEY = /\b(refund\w*|reimburs\w*|credit(ed|s)?|compensat\w*|money back|discount\w*|free (months?|upgrade)|waive\w*)\b/i;
/** A commitment rather than a mention. */
const COMMITMENT = /\b(will|we'll|I'll|going to|shall|guarantee\w*|promise\w*|(have|has) (been )?(issued|processed|applied|approved)|is on its way|are issuing)\b/i;
/** Negated or hedged sentences promise nothing. */
const HEDGE = /\b(can(no|')t|unable to|not able to|won'?t|will not|not in a position|cannot promise|no guarantee|depends on|may be eligible|eligible for .* if)\b/i;
/** Deadlines: "within 24 hours", "by Friday", "fixed today". */
const DEADLINES = [
  /\b(within|in the next|in under|in less than) (\d+|one|two|three|a few|24|48) (minutes?|hours?|(business |working )?days?|weeks?)\b/i,
  /\bby (tomorrow|tonight|today|end of (the )?(day|week|month)|monday|tuesday|wednesday|thursday|friday|saturday|sunday|\d{1,2}(:\d\d)? ?(am|pm))\b/i,
  /\b(will|going to) be (fixed|resolved|restored|back|working)\b.*\b(today|tomorrow|shortly|soon|within|by)\b/i,
  /\bguarantee\w*\b/i,
];

function citedText(ctx: ReplyContext): string {
  return ctx.response.cited_articles.map((id) => articleText(ctx, id)).join('\n').toLowerCase();
}

/**
 * No refund, credit, compensation or deadline is promised unless a cited article states that policy:
 * a model that is kind with money it cannot give creates real liabilities.
 */
export const unsupportedPromiseCheck: QualityCheck = {
  name: 'no_unsupported_promise',
  run(ctx) {
    const policy = citedText(ctx);
    const problems: string[] = [];
    let promises = 0;
    for (const sentence of splitSentences(ctx.response.response_text)) {
      if (HEDGE.test(sentence)) continue;
      const money = sentence.match(MONEY);
      if (money && COMMITMENT.test(sentence)) {
        promises++;
        const stem = money[0].toLowerCase().slice(0, 6);
        if (!policy.includes(stem)) problems.push(`promises "${money[0]}" with no cited policy: "${clip(sentence, 80)}"`);
        continue;
      }
      const deadline = DEADLINES.map((re) => sentence.match(re)).find((m) => m !== null);
      if (deadline) {
        promises++;
        if (!policy.includes(deadline[0].toLowerCase())) problems.push(`promises a deadline "${deadline[0]}" no cited article states: "${clip(sentence, 80)}"`);
      }
    }
    return verdict(this.name, Math.max(1, promises), problems);
  },
};
