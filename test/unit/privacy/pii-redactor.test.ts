import { describe, expect, it } from 'vitest';
import { ibanValid, luhnValid } from '../../../src/privacy/pii-patterns.js';
import { PiiRedactor } from '../../../src/privacy/pii-redactor.js';
import { PII_KINDS, type PiiKind } from '../../../src/schemas/redaction.schema.js';

const redact = (text: string, kinds: readonly PiiKind[] = PII_KINDS) => {
  const session = new PiiRedactor({ kinds }).session();
  return { out: session.redact(text), session };
};

/** One example of every kind, each as a customer would write it. */
const EXAMPLES = {
  email: ['jane.doe+billing@example.co.uk', 'J.Smith@Mail.Example.com'],
  phone: ['+44 20 7946 0958', '(415) 555-0132', '+1.415.555.0199', '030 12345678'],
  card: ['4111 1111 1111 1111', '5500-0000-0000-0004', '378282246310005'],
  iban: ['DE89 3704 0044 0532 0130 00', 'GB82WEST12345698765432', 'FR14 2004 1010 0505 0001 3M02 606'],
  ssn: ['123-45-6789'],
  ip: ['192.168.10.20', '8.8.8.8'],
  secret: [
    'sk-ant-api03-AbCdEfGhIjKlMnOpQrStUv',
    'sk_live_51HxYzAbCdEfGhIjKlMnOp',
    'ghp_0123456789abcdefghijABCDEFGHIJ012345',
    'AKIAIOSFODNN7EXAMPLE',
    'eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiIxMjM0NTY3ODkwIn0.dozjgNryP4J3jVmNHl0w5N_XgL0n3I9PlFUP0THsR8U',
  ],
} as const;

describe('PII redaction: every kind', () => {
  for (const [kind, values] of Object.entries(EXAMPLES)) {
    for (const value of values) {
      it(`hides ${kind} "${value}" behind a placeholder and restores it`, () => {
        const text = `Hello, here it is: ${value} - thanks.`;
        const { out, session } = redact(text);
        expect(out).not.toContain(value);
        expect(out).toMatch(new RegExp(`\\[${kind.toUpperCase()}_1\\]`));
        expect(session.counts()).toEqual({ [kind]: 1 });
        const back = session.restoreText(out);
        if (kind === 'email' || kind === 'phone' || kind === 'iban' || kind === 'ip') expect(back).toBe(text);
      });
    }
  }

  it('hides labelled passwords and bearer tokens, and never restores a secret', () => {
    const text =
      'My password: Hunter2!x and the header was Authorization: Bearer abcdef0123456789abcdef0123.';
    const { out, session } = redact(text);
    expect(out).not.toContain('Hunter2!x');
    expect(out).not.toContain('abcdef0123456789abcdef0123');
    expect(session.counts()).toEqual({ secret: 2 });
    expect(session.restoreText(out)).toBe(
      'My password: [redacted] and the header was Authorization: Bearer [redacted].',
    );
  });

  it('restores card and social security numbers masked to their last four digits', () => {
    const { out, session } = redact('Card 4111 1111 1111 1111, SSN 123-45-6789.');
    expect(session.restoreText(out)).toBe('Card •••• 1111, SSN •••-••-6789.');
  });

  it('hides all kinds in one text, with consistent placeholders for repeated values', () => {
    const text =
      'I am jane@example.com (also JANE@example.com), call +44 20 7946 0958 or +44 20 7946 0958. ' +
      'Card 4111 1111 1111 1111 was charged; refund to DE89 3704 0044 0532 0130 00. SSN 123-45-6789, ' +
      'logged in from 10.0.0.12, token: sk-proj-AAAAAAAAAAAAAAAAAAAAAAAA. Other mail: bob@example.org';
    const { out, session } = redact(text);
    expect(session.counts()).toEqual({ email: 2, phone: 1, card: 1, iban: 1, ssn: 1, ip: 1, secret: 1 });
    expect(out.match(/\[EMAIL_1\]/g)).toHaveLength(2);
    expect(out.match(/\[PHONE_1\]/g)).toHaveLength(2);
    expect(out).toContain('[EMAIL_2]');
    for (const leaked of ['jane@', 'JANE@', '7946', '4111', 'DE89', '6789', '10.0.0.12', 'sk-proj', 'bob@'])
      expect(out).not.toContain(leaked);
  });
});

describe('PII redaction: what it leaves alone', () => {
  it('keeps error codes, ids, versions, dates, times and amounts that the analysis needs', () => {
    const text =
      'Export fails with E2003 and ERR_SYNC_TIMEOUT since v4.8.1 (desktop 4.8.0) on 2026-11-04 at 10:22:33. ' +
      'Charged $1,299.00 twice: TXN-88231, invoice INV-2026-0415, order ORD-20261104-5531, ISO 8601 (2026-11-24). ' +
      'It took 1.5 hours; see https://status.nimbus.app/incidents/123456789 and version 1.2.3.4.';
    const { out, session } = redact(text);
    expect(session.total).toBe(0);
    expect(out).toBe(text);
  });

  it('leaves card-like numbers that fail Luhn and IBAN-like strings that fail mod-97', () => {
    const { out, session } = redact('Reference 4111 1111 1111 1112 and DE89 3704 0044 0532 0130 01.');
    expect(out).toContain('4111 1111 1111 1112');
    expect(session.counts().iban).toBeUndefined();
  });

  it('redacts only the configured kinds', () => {
    const { out, session } = redact('Mail jane@example.com, call +44 20 7946 0958.', ['phone']);
    expect(out).toBe('Mail jane@example.com, call [PHONE_1].');
    expect(session.counts()).toEqual({ phone: 1 });
  });

  it('never maps placeholder-looking text the customer wrote onto real data', () => {
    const text = 'My template says [EMAIL_1]; my real address is jane@example.com.';
    const { out, session } = redact(text);
    expect(out).toBe('My template says [EMAIL_1]; my real address is [EMAIL_2].');
    expect(session.restoreText(out)).toBe(text);
  });
});

describe('restore', () => {
  it('walks nested structured output and leaves non-strings and unknown placeholders alone', () => {
    const { session } = redact('reach me at jane@example.com');
    const restored = session.restore({
      response_text: 'We sent the link to [EMAIL_1] (not [EMAIL_9]).',
      suggested_actions: ['Verify [EMAIL_1]'],
      nested: { n: 3, ok: true, none: null },
    });
    expect(restored).toEqual({
      response_text: 'We sent the link to jane@example.com (not [EMAIL_9]).',
      suggested_actions: ['Verify jane@example.com'],
      nested: { n: 3, ok: true, none: null },
    });
  });
});

describe('checksums', () => {
  it('Luhn accepts real test card numbers only', () => {
    expect(luhnValid('4539578763621486')).toBe(true);
    expect(luhnValid('4539578763621487')).toBe(false);
  });

  it('IBAN needs the registered length and mod-97 = 1', () => {
    expect(ibanValid('DE89 3704 0044 0532 0130 00')).toBe(true);
    expect(ibanValid('DE89 3704 0044 0532 0130 01')).toBe(false);
    expect(ibanValid('DE89 3704 0044 0532 0130 0')).toBe(false);
    expect(ibanValid('ZZ89 3704 0044 0532 0130 00')).toBe(false);
  });
});
