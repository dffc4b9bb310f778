import { splitSentences } from '../knowledge/text.js';
import { SIGNALS } from './signals.js';

const PROBLEM_CUES = [
  SIGNALS.broken,
  SIGNALS.dataLoss,
  SIGNALS.blockedAccess,
  SIGNALS.moneyWrong,
  SIGNALS.featureRequest,
  SIGNALS.privacyRequest,
  SIGNALS.cancellation,
  SIGNALS.securityBreach,
  /\b(E\d{3,5}|slow|freez|hang|memory|leak|announce|screen ?reader|rate limit|429|conflict|overwr|charged|price|pricing|compare|dark mode)\b/i,
];

const MAX_ISSUES = 4;
const MAX_LENGTH = 160;

function shorten(sentence: string): string {
  const s = sentence.replace(/\s+/g, ' ').trim();
  return s.length <= MAX_LENGTH ? s : `${s.slice(0, MAX_LENGTH - 1).replace(/\s+\S*$/, '')}…`;
}

/**
 * The customer's own sentences that state a problem or a request, in the order written. Sentences with more
 * problem cues win, and earlier ones break ties, since customers lead with what matters; the subject otherwise.
 */
export function extractKeyIssues(subject: string, body: string): string[] {
  const scored = splitSentences(body)
    .map((sentence, index) => ({ sentence, index, cues: PROBLEM_CUES.filter((re) => re.test(sentence)).length }))
    .filter((s) => s.cues > 0 && s.sentence.length > 12 && !/^(hi|hello|dear|thanks|thank you|regards|best)\b/i.test(s.sentence));
  const chosen = scored
    .sort((a, b) => b.cues - a.cues || a.index - b.index)
    .slice(0, MAX_ISSUES)
    .sort((a, b) => a.index - b.index)
    .map((s) => shorten(s.sentence));
  return chosen.length > 0 ? chosen : [shorten(subject)];
}
