import { PII_KINDS, type PiiKind, type RedactionCounts } from '../schemas/redaction.schema.js';
import { DETECTORS, type PiiSpan } from './pii-patterns.js';

const LABELS: Record<PiiKind, string> = {
  email: 'EMAIL',
  phone: 'PHONE',
  card: 'CARD',
  iban: 'IBAN',
  ssn: 'SSN',
  ip: 'IP',
  secret: 'SECRET',
};
const PLACEHOLDER_RE = /\[(EMAIL|PHONE|CARD|IBAN|SSN|IP|SECRET)_(\d+)\]/g;

/**
 * What a placeholder becomes again in the model's output. Contacts and addresses come back as written, so
 * a reply can say where a link was sent; a reply never needs a full card or social security number, so
 * those come back masked to their last four digits; a pasted credential never comes back.
 */
function restoredForm(kind: PiiKind, value: string): string {
  const digits = value.replace(/\D/g, '');
  switch (kind) {
    case 'card':
      return `•••• ${digits.slice(-4)}`;
    case 'ssn':
      return `•••-••-${digits.slice(-4)}`;
    case 'secret':
      return '[redacted]';
    default:
      return value;
  }
}

function identity(span: PiiSpan): string {
  const v = span.value;
  const norm =
    span.kind === 'email'
      ? v.toLowerCase()
      : span.kind === 'ip' || span.kind === 'secret'
        ? v
        : v.replace(/[\s().-]/g, '').toUpperCase();
  return `${span.kind}:${norm}`;
}

/**
 * One redaction scope, e.g. one request to a provider: the same value always gets the same placeholder
 * ("[EMAIL_1]"), placeholders restore to their values (see restoredForm), and the counts say how many
 * distinct values of each kind were hidden. Placeholder-looking text the customer wrote is left alone and
 * its number is never reused, so it cannot be "restored" into someone's data.
 */
export class RedactionSession {
  private readonly byIdentity = new Map<string, string>();
  private readonly restoreMap = new Map<string, string>();
  private readonly taken = new Set<string>();
  private readonly next: Record<PiiKind, number> = {
    email: 1,
    phone: 1,
    card: 1,
    iban: 1,
    ssn: 1,
    ip: 1,
    secret: 1,
  };
  private readonly perKind: Partial<Record<PiiKind, number>> = {};

  constructor(private readonly kinds: readonly PiiKind[]) {}

  redact(text: string): string {
    for (const m of text.matchAll(PLACEHOLDER_RE)) this.taken.add(m[0]);
    const accepted: PiiSpan[] = [];
    for (const kind of Object.keys(DETECTORS) as PiiKind[]) {
      if (!this.kinds.includes(kind)) continue;
      for (const span of DETECTORS[kind](text)) {
        if (!accepted.some((a) => span.start < a.end && a.start < span.end)) accepted.push(span);
      }
    }
    accepted.sort((a, b) => a.start - b.start);
    let out = '';
    let at = 0;
    for (const span of accepted) {
      out += text.slice(at, span.start) + this.placeholderFor(span);
      at = span.end;
    }
    return out + text.slice(at);
  }

  /** Replaces this session's placeholders in every string of a JSON-like value; other values are kept. */
  restore<T>(value: T): T {
    return this.walk(value) as T;
  }

  restoreText(text: string): string {
    return text.replace(PLACEHOLDER_RE, (m) => this.restoreMap.get(m) ?? m);
  }

  counts(): RedactionCounts {
    return { ...this.perKind };
  }

  get total(): number {
    return Object.values(this.perKind).reduce((a, b) => a + (b ?? 0), 0);
  }

  private placeholderFor(span: PiiSpan): string {
    const id = identity(span);
    const known = this.byIdentity.get(id);
    if (known) return known;
    let placeholder: string;
    do placeholder = `[${LABELS[span.kind]}_${this.next[span.kind]++}]`;
    while (this.taken.has(placeholder));
    this.taken.add(placeholder);
    this.byIdentity.set(id, placeholder);
    this.restoreMap.set(placeholder, restoredForm(span.kind, span.value));
    this.perKind[span.kind] = (this.perKind[span.kind] ?? 0) + 1;
    return placeholder;
  }

  private walk(v: unknown): unknown {
    if (typeof v === 'string') return this.restoreText(v);
    if (Array.isArray(v)) return v.map((x) => this.walk(x));
    if (v !== null && typeof v === 'object' && Object.getPrototypeOf(v) === Object.prototype) {
      return Object.fromEntries(Object.entries(v).map(([k, x]) => [k, this.walk(x)]));
    }
    return v;
  }
}

/** Finds personal data of the configured kinds and hides it behind placeholders. */
export class PiiRedactor {
  readonly kinds: readonly PiiKind[];

  constructor(opts: { kinds?: readonly PiiKind[] } = {}) {
    this.kinds = opts.kinds ?? PII_KINDS;
  }

  session(): RedactionSession {
    return new RedactionSession(this.kinds);
  }
}
