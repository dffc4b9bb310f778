import type { Tone } from '../tone.js';

/**
 * Every sentence the offline templates write to a customer, one type for all languages: a language file that
 * misses a key, or has one too many, fails typecheck. Article titles, ids and steps are inserted as they are
 * (English): they are never translated.
 */
export interface ReplyMessages {
  greeting: string;
  greetingNamed: (name: string) => string;
  opening: Record<Exclude<Tone, 'apologetic'>, string> & { apologetic: string; apologeticCritical: string };
  issueOne: (issue: string) => string;
  issuesIntro: string;
  incident: (name: string, status: string) => string;
  incidentLink: (url: string) => string;
  deployment: (version: string, title: string) => string;
  /** Said once before quoted steps when the reply is not in English: the articles exist only in English. */
  englishOnly: string;
  stepsIntro: (title: string, id: string) => string;
  stepsCodes: (codes: string) => string;
  alsoUseful: (title: string, id: string) => string;
  noviceOffer: string;
  readMore: (title: string, id: string) => string;
  noArticle: string;
  featureShared: string;
  feedbackShared: string;
  escalation: string;
  /** The dated follow-up promise an escalated reply carries (review/escalation-notice.ts), and its fallback. */
  followUpBy: (when: string) => string;
  followUpAsap: string;
  /** BCP 47 locale the due time is written in. */
  locale: string;
  signOff: string;
  /** The concise template (prompt version concise-v1). */
  concise: {
    youWrote: (issue: string) => string;
    incident: (name: string, status: string) => string;
    steps: (title: string, id: string) => string;
    see: (title: string, id: string) => string;
    specialist: string;
    escalation: string;
  };
}
