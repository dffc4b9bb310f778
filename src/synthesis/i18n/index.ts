import type { Analysis } from '../../schemas/analysis.schema.js';
import { de } from './de.js';
import { en } from './en.js';
import { es } from './es.js';
import { fr } from './fr.js';
import type { ReplyMessages } from './messages.js';

export type { ReplyMessages } from './messages.js';

/** The languages the offline templates write; every other language gets an English reply (held for review). */
export const REPLY_LANGUAGES = { en, de, fr, es } as const satisfies Record<string, ReplyMessages>;
export type ReplyLanguage = keyof typeof REPLY_LANGUAGES;

/** The language the detector reported, when the templates speak it; English otherwise ("und" included). */
export function replyLanguage(analysis: Pick<Analysis, 'language'>): ReplyLanguage {
  const code = analysis.language?.code;
  return code !== undefined && Object.hasOwn(REPLY_LANGUAGES, code) ? (code as ReplyLanguage) : 'en';
}

export function messagesFor(language: ReplyLanguage): ReplyMessages {
  return REPLY_LANGUAGES[language];
}
