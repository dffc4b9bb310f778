/** Entities the analyzer pulls out of ticket text. Card-like numbers and contacts also feed PII redaction. */
export interface ExtractedEntities {
  errorCodes: string[];
  transactionIds: string[];
  orderIds: string[];
  versions: string[];
  emails: string[];
  phones: string[];
  cardNumbers: string[];
}

const unique = <T>(xs: T[]) => [...new Set(xs)];
const all = (re: RegExp, text: string, group = 0) => [...text.matchAll(re)].map((m) => m[group] ?? '').filter(Boolean);

// E401, E1001, ERR_SYNC_CONFLICT, "error code 2003" is normalised to E2003.
const ERROR_CODE_RE = /\b(E\d{3,5}|ERR_[A-Z0-9_]{3,})\b/g;
const SPELLED_CODE_RE = /\berror\s*(?:code\s*)?[#:]?\s*(\d{3,5})\b/gi;
const TRANSACTION_RE = /\b((?:TXN|TX|CH|PI|PAY|INV)[-_]?[A-Z0-9]{4,}(?:-[A-Z0-9]{2,})*)\b/gi;
const TRANSACTION_LABELLED_RE = /\b(?:transaction|payment|invoice|charge|receipt)\s*(?:id|number|no\.?|#)?\s*[:#]?\s*([A-Z0-9][A-Z0-9-]{5,})\b/gi;
const ORDER_RE = /\border\s*(?:id|number|no\.?)?\s*[:#]?\s*([A-Z0-9][A-Z0-9-]{3,})\b/gi;
// "v4.8", "version 4.8" or a bare three-part "4.8.0"; a bare "1.5" is more often an amount than a version.
const VERSION_RE = /\b(?:v|version\s*)(\d{1,2}\.\d{1,3}(?:\.\d{1,4})?)\b|\b(\d{1,2}\.\d{1,3}\.\d{1,4})\b/gi;
const EMAIL_RE = /\b[A-Za-z0-9._%+-]+@[A-Za-z0-9.-]+\.[A-Za-z]{2,}\b/g;
// International or national phone numbers with at least 9 digits, allowing spaces, dots, dashes and brackets.
const PHONE_RE = /(?<![\w.])(\+?\d[\d\s().-]{7,}\d)(?!\w|\.\d)/g;
const CARD_RE = /\b(?:\d[ -]?){12,18}\d\b/g;

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

export function extractEntities(text: string): ExtractedEntities {
  const cardLike = all(CARD_RE, text);
  const cardNumbers = cardLike.filter((c) => luhnValid(c.replace(/\D/g, '')));
  // Long digit runs are card-like whether or not they pass Luhn; blank them so no phone is found inside one.
  const withoutCards = cardLike.reduce((t, c) => t.replace(c, ' '.repeat(c.length)), text);
  const emails = unique(all(EMAIL_RE, text));
  const errorCodes = unique([
    ...all(ERROR_CODE_RE, text, 1).map((c) => c.toUpperCase()),
    ...all(SPELLED_CODE_RE, text, 1).map((d) => `E${d}`),
  ]);
  const transactionIds = unique([...all(TRANSACTION_RE, text, 1), ...all(TRANSACTION_LABELLED_RE, text, 1)])
    .filter((t) => /\d/.test(t))
    .map((t) => t.toUpperCase());
  const phones = unique(all(PHONE_RE, withoutCards, 1))
    .map((p) => p.trim())
    .filter((p) => {
      const digits = p.replace(/\D/g, '');
      // Dates, versions and card numbers look like digit runs too; phones have 9–15 digits.
      return digits.length >= 9 && digits.length <= 15 && !/^\d{4}-\d{2}-\d{2}/.test(p);
    });
  return {
    errorCodes,
    transactionIds: unique(transactionIds),
    orderIds: unique(all(ORDER_RE, text, 1).filter((o) => /\d/.test(o))),
    versions: unique([...text.matchAll(VERSION_RE)].map((m) => m[1] ?? m[2] ?? '').filter(Boolean)).filter(
      (v) => !/^\d{1,2}\.\d{1,2}\.\d{4}$/.test(v), // 24.11.2026 is a date
    ),
    emails,
    phones,
    cardNumbers,
  };
}
