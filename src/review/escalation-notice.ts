import { REPLY_LANGUAGES } from '../synthesis/i18n/index.js';

/** Languages the notice is written in; anything else falls back to English. */
export const NOTICE_LANGUAGES = ['en', 'de', 'fr', 'es'] as const;
type NoticeLanguage = (typeof NOTICE_LANGUAGES)[number];

const LOCALES: Record<NoticeLanguage, string> = { en: 'en-GB', de: 'de-DE', fr: 'fr-FR', es: 'es-ES' };

const TEXT: Record<NoticeLanguage, { by: (when: string) => string; asap: string }> = {
  en: {
    by: (when) => `A member of our support team will review your ticket personally and follow up by ${when}.`,
    asap: 'A member of our support team will review your ticket personally and follow up as soon as possible.',
  },
  de: {
    by: (when) => `Ein Mitarbeiter unseres Support-Teams prüft Ihr Ticket persönlich und meldet sich bis ${when} bei Ihnen.`,
    asap: 'Ein Mitarbeiter unseres Support-Teams prüft Ihr Ticket persönlich und meldet sich so bald wie möglich bei Ihnen.',
  },
  fr: {
    by: (when) => `Un membre de notre équipe d'assistance examinera personnellement votre demande et vous répondra d'ici le ${when}.`,
    asap: "Un membre de notre équipe d'assistance examinera personnellement votre demande et vous répondra dans les meilleurs délais.",
  },
  es: {
    by: (when) => `Un miembro de nuestro equipo de soporte revisará personalmente su caso y le responderá antes del ${when}.`,
    asap: 'Un miembro de nuestro equipo de soporte revisará personalmente su caso y le responderá lo antes posible.',
  },
};

const isNoticeLanguage = (l: string | undefined): l is NoticeLanguage => (NOTICE_LANGUAGES as readonly string[]).includes(l ?? '');

/** A due time, readably, in the customer's language, always in UTC and saying so (e.g. "Tuesday 6 October 2026, 14:00 UTC"). */
export function formatDue(dueAt: string, language: string | undefined): string {
  const lang = isNoticeLanguage(language) ? language : 'en';
  const when = new Intl.DateTimeFormat(LOCALES[lang], {
    timeZone: 'UTC',
    weekday: 'long',
    day: 'numeric',
    month: 'long',
    year: 'numeric',
    hour: '2-digit',
    minute: '2-digit',
    hourCycle: 'h23',
  }).format(new Date(dueAt));
  return `${when} UTC`;
}

/** The sentence an escalated reply ends with: a person follows up, and by when (the tier's SLA) or as soon as possible. */
export function escalationNotice({ dueAt, language }: { dueAt: string | null; language?: string | undefined }): string {
  const lang = isNoticeLanguage(language) ? language : 'en';
  return dueAt ? TEXT[lang].by(formatDue(dueAt, lang)) : TEXT[lang].asap;
}

/** A closing paragraph ("Best regards,\nNimbus Support"): the notice goes before it, not under the signature. */
const SIGN_OFF =
  /^(best|kind|warm)? ?regards|^(many )?thanks|^cheers|^sincerely|^mit freundlichen grüßen|^viele grüße|^cordialement|^bien à vous|^(un )?saludos?|^atentamente/i;

/** An undated "I have escalated your ticket … will follow up" sentence (the local composer writes one): the dated notice replaces it. */
const UNDATED_FOLLOW_UP = /[^.!?\n]*\bescalated your (ticket|case|request)\b[^.!?\n]*\bfollow up\b[^.!?\n]*[.!]/i;

/** The offline templates' own undated escalation sentences, in every language they write (full and concise). */
const TEMPLATE_FOLLOW_UPS = Object.values(REPLY_LANGUAGES).flatMap((m) => [m.escalation, m.concise.escalation]);

/**
 * Adds the notice to a reply once: a reply already carrying it is returned unchanged; an undated escalation
 * sentence is replaced by it; otherwise it goes before the sign-off (or at the end when there is none).
 */
export function withEscalationNotice(text: string, notice: string): string {
  if (text.includes(notice)) return text;
  const template = TEMPLATE_FOLLOW_UPS.find((sentence) => text.includes(sentence));
  if (template) return text.replace(template, notice);
  if (UNDATED_FOLLOW_UP.test(text)) return text.replace(UNDATED_FOLLOW_UP, notice);
  const paragraphs = text.trimEnd().split(/\n{2,}/);
  const last = paragraphs[paragraphs.length - 1] ?? '';
  if (paragraphs.length > 1 && SIGN_OFF.test(last.trim())) {
    paragraphs.splice(paragraphs.length - 1, 0, notice);
    return paragraphs.join('\n\n');
  }
  return `${text.trimEnd()}\n\n${notice}`;
}
