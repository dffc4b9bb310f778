import { findCards, findEmails, findPhones } from '../privacy/pii-patterns.js';

export { luhnValid } from '../privacy/pii-patterns.js';

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

export function extractEntities(text: string): ExtractedEntities {
  const cardNumbers = findCards(text).map((s) => s.value);
  const emails = unique(findEmails(text).map((s) => s.value));
  const errorCodes = unique([
    ...all(ERROR_CODE_RE, text, 1).map((c) => c.toUpperCase()),
    ...all(SPELLED_CODE_RE, text, 1).map((d) => `E${d}`),
  ]);
  const transactionIds = unique([...all(TRANSACTION_RE, text, 1), ...all(TRANSACTION_LABELLED_RE, text, 1)])
    .filter((t) => /\d/.test(t))
    .map((t) => t.toUpperCase());
  const phones = unique(findPhones(text).map((s) => s.value));
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
