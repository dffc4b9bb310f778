import { messagesFor, REPLY_LANGUAGES, replyLanguageOf } from '../synthesis/i18n/index.js';

/** A due time, readably, in the customer's language, always in UTC and saying so (e.g. "Tuesday 6 October 2026, 14:00 UTC"). */
export function formatDue(dueAt: string, language: string | undefined): string {
  const when = new Intl.DateTimeFormat(messagesFor(replyLanguageOf(language)).locale, {
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
  const m = messagesFor(replyLanguageOf(language));
  return dueAt ? m.followUpBy(formatDue(dueAt, language)) : m.followUpAsap;
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
