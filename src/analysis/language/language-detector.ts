import type { DetectedLanguage } from '../../schemas/analysis.schema.js';

/** Detects the language a text is written in. Implementations load their data lazily, on the first call. */
export interface LanguageDetector {
  /** Names the library and its database, e.g. "eld-extrasmall@2". */
  readonly id: string;
  /** ISO 639-1 code ("und" when unsure) and a confidence in 0..1. */
  detect(text: string): DetectedLanguage;
}

/** The code for "could not tell" (ISO 639-2 "undetermined"). */
export const UNDETERMINED = 'und';

/** A detector that always answers the same; for tests and tools that do not care about the language. */
export function fixedLanguageDetector(code: string, confidence = 1): LanguageDetector {
  return { id: `fixed-${code}`, detect: () => ({ code, confidence }) };
}
