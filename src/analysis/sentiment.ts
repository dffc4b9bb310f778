import type { Sentiment } from '../schemas/taxonomy.schema.js';

/** Valence per word (−3..+3); inflections that matter are listed as words of their own. */
const POSITIVE: Record<string, number> = {
  love: 3, loving: 3, amazing: 3, awesome: 3, fantastic: 3, excellent: 3, brilliant: 3, wonderful: 3, outstanding: 3,
  great: 2, thanks: 0.5, thank: 0.5, appreciate: 2, appreciated: 2, happy: 2, glad: 2, pleased: 2, helpful: 2,
  impressed: 2, enjoy: 2, enjoying: 2, nice: 1, good: 1, smooth: 1, easy: 1, kudos: 2, delighted: 3, superb: 3,
  perfect: 2, fan: 1.5, recommend: 2, grateful: 2, smoothly: 1.5, clearest: 1.5, patient: 1,
  joy: 2,
};
const NEGATIVE: Record<string, number> = {
  problem: -1, issue: -0.5, broken: -1.5, broke: -1.5, fail: -1.5, fails: -1.5, failed: -1.5, failing: -1.5,
  error: -1, errors: -1, bug: -1, crash: -1.5, crashes: -1.5, crashing: -1.5, stuck: -1.5, cannot: -1, unable: -1,
  frustrated: -2, frustrating: -2, annoying: -2, annoyed: -2, disappointed: -2, disappointing: -2, bad: -1.5,
  slow: -1, sluggish: -1.5, lost: -1.5, missing: -1, wrong: -1.5, worse: -2, confused: -1, confusing: -1,
  unhappy: -2, upset: -2, worried: -1.5, concerned: -1, locked: -1, unusable: -2.5, useless: -2.5, poor: -1.5,
  charged: -0.5, twice: -0.5, overcharged: -2, duplicate: -0.5, painful: -2, nightmare: -2.5, hate: -2.5, sadly: -1,
  unfortunately: -1, stressful: -2, desperate: -2, urgent: -1, urgently: -1, still: -0.5, again: -0.5,
  hard: -1, difficult: -1, asap: -1, terrible: -2.5, horrible: -2.5, awful: -2.5, worst: -2.5, angry: -2,
  nightmares: -2, impossible: -1.5, anymore: -0.5,
  // Symptoms: a customer reporting these is displeased even when the words are calm.
  stopped: -1, frozen: -1.5, freezes: -1.5, gone: -1.5, disappeared: -1.5, vanished: -1.5, empty: -1, blank: -1,
  nothing: -0.5, flaky: -1.5, lags: -1, lag: -1, painfully: -2, expired: -0.5, rejected: -1, overwrote: -1.5,
  wiped: -2, misses: -1, ages: -0.5, hammering: -1.5, duplicated: -1, mess: -2, misled: -2, ignored: -2, rude: -2.5,
};
/** Saying you cannot do something is itself negative, besides negating what follows. */
const INABILITY: Record<string, number> = { cant: -1, cannot: -1, unable: -1, couldnt: -0.5 };
/** Capitalised words that read as shouting: feelings and plain English words, not brands or acronyms. */
const SHOUTABLE = new Set(['are', 'is', 'not', 'now', 'never', 'this', 'all', 'still', 'again', 'nothing', 'why', 'what', 'we', 'you', 'your', 'no', 'every', 'stop', 'help', 'fix', 'want', 'need', 'today', 'immediately', 'again', 'paid', 'pay', 'money', 'data', 'gone', 'deleted']);
/** Words and phrases that mark anger rather than ordinary displeasure. */
const ANGER_WORDS = new Set([
  'furious', 'outraged', 'outrageous', 'unacceptable', 'ridiculous', 'absurd', 'disgraceful', 'disgusted',
  'pathetic', 'incompetent', 'incompetence', 'scam', 'fraud', 'appalling', 'livid', 'infuriating', 'insane',
  'shameful', 'garbage', 'rubbish', 'sue', 'lawyer', 'lawyers', 'attorney', 'lawsuit',
]);
const ANGER_PHRASES: RegExp[] = [/\bis anyone (?:actually )?(?:working|reading|there)\b/i, /\bfalse advertising\b/i, /\bbait and switch\b/i, /\benough\s*[.!]/i, /\bor i(?:'| a)m leaving\b/i, /\bconsidering legal\b/i, /\bkeep(?:s)? breaking\b/i, /\bfed up\b/i, /\bout of patience\b/i, /\bsick (?:and tired )?of\b/i, /\bhad enough\b/i, /\bwaste of (?:my )?(?:time|money)\b/i, /\blegal action\b/i, /\bthis is a joke\b/i, /\bleaving (?:nimbus|you)\b/i];

const NEGATORS = new Set(['not', 'no', 'never', 'dont', 'doesnt', 'didnt', 'isnt', 'wasnt', 'cant', 'cannot', 'wont', 'hardly', 'without', 'neither', 'nor']);
const INTENSIFIERS: Record<string, number> = {
  very: 1.5, really: 1.4, extremely: 2, so: 1.3, totally: 1.6, completely: 1.6, absolutely: 1.8, incredibly: 1.8,
  super: 1.4, utterly: 1.8, highly: 1.4, seriously: 1.5,
};

export interface SentimentResult {
  sentiment: Sentiment;
  /** Summed valence; negative below zero. */
  score: number;
  anger: number;
  signals: string[];
}

const tokenize = (text: string) => text.replace(/[’']/g, '').match(/[A-Za-z]+|!+/g) ?? [];

/**
 * Lexicon-and-rules sentiment. Negation within three words flips a word's valence (and dampens it, since
 * "not great" is milder than "bad"); intensifiers scale the next sentiment word; shouting in capitals and
 * exclamation marks amplify negative tickets and count toward anger.
 */
export function analyzeSentiment(text: string): SentimentResult {
  const tokens = tokenize(text);
  const signals: string[] = [];
  let score = 0;
  let anger = 0;
  let negateWindow = 0;
  let intensity = 1;
  let capsWords = 0;
  let exclamations = 0;

  for (const raw of tokens) {
    if (raw.startsWith('!')) {
      exclamations += raw.length;
      continue;
    }
    const word = raw.toLowerCase();
    const isCaps = raw.length >= 2 && raw === raw.toUpperCase();
    if (isCaps && (SHOUTABLE.has(word) || POSITIVE[word] || NEGATIVE[word] || ANGER_WORDS.has(word))) capsWords++;
    if (INABILITY[word]) score += INABILITY[word] * intensity;
    if (NEGATORS.has(word)) {
      negateWindow = 3;
      continue;
    }
    if (INTENSIFIERS[word]) {
      intensity = INTENSIFIERS[word];
      continue;
    }
    if (ANGER_WORDS.has(word)) {
      anger += negateWindow > 0 ? 0 : 1;
      if (negateWindow === 0) signals.push(`anger:${word}`);
    }
    let valence = POSITIVE[word] ?? NEGATIVE[word] ?? (ANGER_WORDS.has(word) ? -2.5 : 0);
    if (valence !== 0) {
      if (negateWindow > 0) valence = -valence * 0.6;
      score += valence * intensity;
      intensity = 1;
    }
    if (negateWindow > 0) negateWindow--;
  }
  for (const re of ANGER_PHRASES) {
    if (re.test(text)) {
      anger++;
      signals.push(`anger:${re.source}`);
    }
  }
  // Shouting and exclamation marks amplify whatever the ticket already expresses.
  const shouting = capsWords >= 2 || (capsWords >= 1 && exclamations >= 2) || exclamations >= 4;
  if (shouting) signals.push(capsWords >= 2 ? 'capitals' : 'exclamations');
  if (score < 0 && shouting) {
    score *= 1.5;
    anger += 1;
  }
  if (score > 0 && exclamations > 0) score += Math.min(exclamations, 3) * 0.3;

  let sentiment: Sentiment;
  if (anger >= 2 || (anger >= 1 && score <= -2.5)) sentiment = 'angry';
  else if (score <= -1.5) sentiment = 'negative';
  else if (score >= 2) sentiment = 'positive';
  else sentiment = 'neutral';
  return { sentiment, score: Math.round(score * 100) / 100, anger, signals };
}
