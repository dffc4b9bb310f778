import { describe, expect, it } from 'vitest';
import { escalationNotice, formatDue, withEscalationNotice } from '../../../src/review/escalation-notice.js';
import { REPLY_LANGUAGES } from '../../../src/synthesis/i18n/index.js';
import { addBusinessHours, dueAt, loadSlaConfig } from '../../../src/review/sla.js';

const sla = loadSlaConfig('config/sla.json');
// Monday 5 October 2026.
const MON_10 = '2026-10-05T10:00:00.000Z';

describe('SLA per tier (KB-070)', () => {
  it('free has no target; unknown tiers neither', () => {
    expect(dueAt(sla, 'free', 'critical', MON_10)).toBeNull();
    expect(dueAt(sla, 'unknown', 'high', MON_10)).toBeNull();
  });

  it('professional: 1 business day (16 support hours, Mon-Fri 06:00-22:00 UTC)', () => {
    expect(dueAt(sla, 'professional', 'medium', MON_10)).toBe('2026-10-06T10:00:00.000Z');
  });

  it('business: 8 business hours, 4 for high', () => {
    expect(dueAt(sla, 'business', 'medium', MON_10)).toBe('2026-10-05T18:00:00.000Z');
    expect(dueAt(sla, 'business', 'high', MON_10)).toBe('2026-10-05T14:00:00.000Z');
    // Friday 20:00: 2 hours left that day, 6 more from Monday 06:00.
    expect(dueAt(sla, 'business', 'medium', '2026-10-09T20:00:00.000Z')).toBe('2026-10-12T12:00:00.000Z');
  });

  it('enterprise: critical 1 hour around the clock, high 4 hours, low 2 business days', () => {
    expect(dueAt(sla, 'enterprise', 'critical', '2026-10-10T23:30:00.000Z')).toBe('2026-10-11T00:30:00.000Z');
    expect(dueAt(sla, 'enterprise', 'high', MON_10)).toBe('2026-10-05T14:00:00.000Z');
    expect(dueAt(sla, 'enterprise', 'low', MON_10)).toBe('2026-10-07T10:00:00.000Z');
  });

  it('a start before opening waits for 06:00', () => {
    expect(addBusinessHours(new Date('2026-10-05T02:00:00Z'), 1, sla.business_hours).toISOString()).toBe('2026-10-05T07:00:00.000Z');
  });
});

describe('escalation notice', () => {
  it('says by when, in UTC, in the customer language, with English as the fallback', () => {
    const due = '2026-10-05T14:00:00.000Z';
    expect(escalationNotice({ dueAt: due, language: 'en' })).toBe(
      'A member of our support team will review your ticket personally and follow up by Monday, 5 October 2026 at 14:00 UTC.',
    );
    expect(escalationNotice({ dueAt: due, language: 'de' })).toContain('Montag, 5. Oktober 2026');
    expect(escalationNotice({ dueAt: due, language: 'fr' })).toContain('lundi 5 octobre 2026');
    expect(escalationNotice({ dueAt: due, language: 'es' })).toContain('lunes, 5 de octubre de 2026');
    expect(escalationNotice({ dueAt: due, language: 'ja' })).toBe(escalationNotice({ dueAt: due, language: 'en' }));
    expect(formatDue(due, 'de')).toMatch(/UTC$/);
  });

  it('without an SLA says as soon as possible', () => {
    expect(escalationNotice({ dueAt: null })).toMatch(/as soon as possible\.$/);
    expect(escalationNotice({ dueAt: null, language: 'de' })).toMatch(/so bald wie möglich/);
  });

  it('goes before the sign-off, replaces an undated follow-up line, and is never added twice', () => {
    const notice = escalationNotice({ dueAt: null });
    const reply = 'Hello,\n\nTry this.\n\nBest regards,\nNimbus Support';
    const once = withEscalationNotice(reply, notice);
    expect(once).toBe(`Hello,\n\nTry this.\n\n${notice}\n\nBest regards,\nNimbus Support`);
    expect(withEscalationNotice(once, notice)).toBe(once);
    expect(withEscalationNotice('Hi.\n\nI have escalated your ticket to our team, who will follow up with you directly.', notice)).toBe(`Hi.\n\n${notice}`);
    expect(withEscalationNotice('Plain reply.', notice)).toBe(`Plain reply.\n\n${notice}`);
  });

  it.each(Object.keys(REPLY_LANGUAGES) as Array<keyof typeof REPLY_LANGUAGES>)(
    'replaces the %s templates\' own undated escalation sentence (full and concise) instead of adding a second one',
    (lang) => {
      const m = REPLY_LANGUAGES[lang];
      const notice = escalationNotice({ dueAt: '2026-10-05T14:00:00.000Z', language: lang });
      for (const sentence of [m.escalation, m.concise.escalation]) {
        const out = withEscalationNotice(`${m.greeting}\n\n${sentence}\n\n${m.signOff}`, notice);
        expect(out).not.toContain(sentence);
        expect(out.split(notice)).toHaveLength(2);
      }
    },
  );
});
