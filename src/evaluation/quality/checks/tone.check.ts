import type { DraftResponse } from '../../../schemas/response.schema.js';
import type { Sentiment } from '../../../schemas/taxonomy.schema.js';
import { type QualityCheck, verdict } from '../quality-check.js';

type Tone = DraftResponse['tone'];

/** Tones that fit each sentiment. */
export const FITTING_TONES: Record<Sentiment, readonly Tone[]> = {
  angry: ['apologetic'],
  negative: ['empathetic', 'apologetic'],
  neutral: ['professional', 'friendly', 'empathetic'],
  positive: ['friendly', 'appreciative'],
};

/** English, German, French and Spanish apologies (the languages the templates write). */
const APOLOGY = /\b(sorry|apolog\w*|tut (mir|uns) (sehr |wirklich )?leid|entschuldig\w*|désolée?s?|excuse[sz]?|(lo )?siento|(lo )?sentimos|lamento|lamentamos|disculp\w*)(?![\p{L}])/iu;
const DISMISSIVE =
  /\b(calm down|as (I|we) (already )?(said|mentioned|explained)|obviously|you should have|(it'?s|that'?s) your (own )?fault|user error|not our problem|read the (manual|docs|documentation)|as stated before)\b/i;
const CHEERFUL = /(!|\b(great to hear|awesome|glad to hear|happy to hear|exciting)\b)/i;

/**
 * The declared tone fits the customer's sentiment; an upset customer gets an apology and no cheerfulness;
 * nobody gets a dismissive or blaming phrase.
 */
export const toneCheck: QualityCheck = {
  name: 'tone',
  run(ctx) {
    const text = ctx.response.response_text;
    const sentiment = ctx.analysis.sentiment;
    const problems: string[] = [];
    let tested = 2;
    if (!FITTING_TONES[sentiment].includes(ctx.response.tone)) {
      problems.push(`tone "${ctx.response.tone}" does not fit a ${sentiment} customer (want ${FITTING_TONES[sentiment].join(' or ')})`);
    }
    const dismissive = text.match(DISMISSIVE);
    if (dismissive) problems.push(`dismissive or blaming phrase "${dismissive[0]}"`);
    if (sentiment === 'angry' || sentiment === 'negative') {
      tested += 2;
      if (!APOLOGY.test(text)) problems.push(`a ${sentiment} customer gets no apology`);
      const cheerful = text.match(CHEERFUL);
      if (cheerful) problems.push(`cheerful "${cheerful[0]}" in a reply to a ${sentiment} customer`);
    }
    return verdict(this.name, tested, problems);
  },
};
