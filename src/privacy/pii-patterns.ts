import type { PiiKind } from '../schemas/redaction.schema.js';

/**
 * Detectors for personal data in free text, shared by entity extraction (analysis) and PII redaction
 * (before text leaves for a model provider). Each detector returns the spans it found; checksums (Luhn,
 * IBAN mod-97) and shape rules keep error codes, versions, dates and order numbers out.
 */
export interface PiiSpan {
  kind: PiiKind;
  start: number;
  end: number;
  value: string;
}

// Quantifiers are bounded (RFC 5321 lengths; at most 24 phone characters) so that a long run of
// almost-matching text costs linear time, not quadratic: ticket text is attacker-controlled.
export const EMAIL_RE = /\b[A-Za-z0-9._%+-]{1,64}@[A-Za-z0-9.-]{1,253}\.[A-Za-z]{2,24}\b/g;
// International or national phone numbers, allowing spaces, dots, dashes and brackets. Not preceded by a
// word character, dot, dash or slash, so the digits inside "ORD-20261104-5531" or a URL are not a phone.
export const PHONE_RE = /(?<![\w./-])(\+?\(?\d[\d\s().-]{7,24}\d)(?!\w|\.\d)/g;
export const CARD_RE = /\b(?:\d[ -]?){12,18}\d\b/g;
// Compact ("DE89370400440532013000") or printed in groups of four ("DE89 3704 0044 0532 0130 00").
const IBAN_RE = /\b[A-Z]{2}\d{2}(?:[A-Z0-9]{11,30}|(?: [A-Z0-9]{4}){2,7}(?: [A-Z0-9]{1,4})?)\b/g;
// US social security numbers in their printed form; area 000, 666 and 9xx, group 00 and serial 0000 are never issued.
const SSN_RE = /\b(?!000|666|9\d\d)\d{3}-(?!00)\d{2}-(?!0000)\d{4}\b/g;
const IPV4_RE =
  /(?<![\w.])(?<!\bversion\s{1,3})(?:(?:25[0-5]|2[0-4]\d|1\d\d|[1-9]?\d)\.){3}(?:25[0-5]|2[0-4]\d|1\d\d|[1-9]?\d)(?!\w|\.\d)/g;
// Credentials customers paste by mistake: provider-style keys and tokens, JWTs, bearer tokens, labelled passwords.
const SECRET_RES = [
  /\b(?:sk|pk|rk)[-_](?:live|test|proj|ant)?[-_]?[A-Za-z0-9_-]{16,}\b/g,
  /\b(?:gh[pousr]_[A-Za-z0-9]{30,}|xox[abprs]-[A-Za-z0-9-]{10,}|AKIA[0-9A-Z]{16})\b/g,
  /\beyJ[A-Za-z0-9_-]{8,}\.[A-Za-z0-9_-]{8,}\.[A-Za-z0-9_-]{8,}\b/g,
  /(?<=\bBearer\s+)[A-Za-z0-9._~+/-]{15,}[A-Za-z0-9_~+/-]=*/g,
  /(?<=\b(?:password|passwd|pwd|passcode|api[ _-]?key|secret|token)\s*[:=]\s*)[^\s"'<>,;]{4,}/gi,
];

/** Registered IBAN lengths per country (SWIFT IBAN registry). */
// prettier-ignore
const IBAN_LENGTHS: Record<string, number> = {
  AD: 24, AE: 23, AL: 28, AT: 20, AZ: 28, BA: 20, BE: 16, BG: 22, BH: 22, BI: 27, BR: 29, BY: 28, CH: 21,
  CR: 22, CY: 28, CZ: 24, DE: 22, DJ: 27, DK: 18, DO: 28, EE: 20, EG: 29, ES: 24, FI: 18, FK: 18, FO: 18,
  FR: 27, GB: 22, GE: 22, GI: 23, GL: 18, GR: 27, GT: 28, HN: 28, HR: 21, HU: 28, IE: 22, IL: 23, IQ: 23,
  IS: 26, IT: 27, JO: 30, KW: 30, KZ: 20, LB: 28, LC: 32, LI: 21, LT: 20, LU: 20, LV: 21, LY: 25, MC: 27,
  MD: 24, ME: 22, MK: 19, MN: 20, MR: 27, MT: 31, MU: 30, NI: 28, NL: 18, NO: 15, OM: 23, PK: 24, PL: 28,
  PS: 29, PT: 25, QA: 29, RO: 24, RS: 22, RU: 33, SA: 24, SC: 31, SD: 18, SE: 24, SI: 19, SK: 24, SM: 27,
  SO: 23, ST: 25, SV: 28, TL: 23, TN: 24, TR: 26, UA: 29, VA: 22, VG: 24, XK: 20, YE: 30,
};

/** The Luhn checksum that every payment card number satisfies. */
export function luhnValid(digits: string): boolean {
  let sum = 0;
  let double = false;
  for (let i = digits.length - 1; i >= 0; i--) {
    let d = digits.charCodeAt(i) - 48;
    if (d < 0 || d > 9) return false;
    if (double) {
      d *= 2;
      if (d > 9) d -= 9;
    }
    sum += d;
    double = !double;
  }
  return digits.length >= 13 && sum % 10 === 0;
}

/** ISO 13616: registered country length, and the number read with its first four characters moved last is 1 mod 97. */
export function ibanValid(iban: string): boolean {
  const s = iban.replace(/\s/g, '').toUpperCase();
  if (IBAN_LENGTHS[s.slice(0, 2)] !== s.length || !/^[A-Z]{2}\d{2}[A-Z0-9]+$/.test(s)) return false;
  let rem = 0;
  for (const ch of s.slice(4) + s.slice(0, 4)) {
    const v = ch >= 'A' ? ch.charCodeAt(0) - 55 : ch.charCodeAt(0) - 48;
    rem = v > 9 ? (rem * 100 + v) % 97 : (rem * 10 + v) % 97;
  }
  return rem === 1;
}

const spans = (
  kind: PiiKind,
  re: RegExp,
  text: string,
  keep: (v: string) => boolean = () => true,
): PiiSpan[] =>
  [...text.matchAll(re)]
    .filter((m) => keep(m[0]))
    .map((m) => ({ kind, start: m.index, end: m.index + m[0].length, value: m[0] }));

/** Card-like digit runs (13–19 digits) that pass Luhn. */
export function findCards(text: string): PiiSpan[] {
  return spans('card', CARD_RE, text, (v) => luhnValid(v.replace(/\D/g, '')));
}

/**
 * Phone numbers with 9–15 digits. Card-like digit runs are blanked first, whether or not they pass Luhn,
 * so no phone is found inside one; nothing that contains an ISO date is a phone.
 */
export function findPhones(text: string): PiiSpan[] {
  const blanked = text.replace(CARD_RE, (m) => ' '.repeat(m.length));
  return [...blanked.matchAll(PHONE_RE)]
    .map((m) => {
      const raw = m[1] ?? '';
      const value = raw.trim();
      const start = m.index + raw.indexOf(value);
      return { kind: 'phone' as const, start, end: start + value.length, value };
    })
    .filter(({ value }) => {
      const digits = value.replace(/\D/g, '').length;
      return digits >= 9 && digits <= 15 && !/\d{4}-\d{2}-\d{2}/.test(value);
    });
}

export const findEmails = (text: string): PiiSpan[] => spans('email', EMAIL_RE, text);
export const findIbans = (text: string): PiiSpan[] => spans('iban', IBAN_RE, text, ibanValid);
export const findSsns = (text: string): PiiSpan[] => spans('ssn', SSN_RE, text);
export const findIps = (text: string): PiiSpan[] => spans('ip', IPV4_RE, text);
export const findSecrets = (text: string): PiiSpan[] => SECRET_RES.flatMap((re) => spans('secret', re, text));

/** Detectors in priority order: where two spans overlap, the earlier kind wins. */
export const DETECTORS: Record<PiiKind, (text: string) => PiiSpan[]> = {
  secret: findSecrets,
  email: findEmails,
  iban: findIbans,
  card: findCards,
  ssn: findSsns,
  ip: findIps,
  phone: findPhones,
};
