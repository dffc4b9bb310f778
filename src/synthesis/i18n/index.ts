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

/** A language code when the templates speak it; English otherwise ("und" and unknown codes included). */
export function replyLanguageOf(code: string | undefined): ReplyLanguage {
  return code !== undefined && Object.hasOwn(REPLY_LANGUAGES, code) ? (code as ReplyLanguage) : 'en';
}

/** The language the detector reported, when the templates speak it; English otherwise. */
export function replyLanguage(analysis: Pick<Analysis, 'language'>): ReplyLanguage {
  return replyLanguageOf(analysis.language?.code);
}

export function messagesFor(language: ReplyLanguage): ReplyMessages {
  return REPLY_LANGUAGES[language];
}

/** Said before quoted steps: articles exist only in English, so a reply in another language says so (English: nothing). */
export function englishOnlyNote(m: ReplyMessages): string {
  return m.englishOnly ? `${m.englishOnly}\n` : '';
}
