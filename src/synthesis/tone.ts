import type { DraftResponse } from '../schemas/response.schema.js';
import type { Priority, Sentiment } from '../schemas/taxonomy.schema.js';
import { en } from './i18n/en.js';
import type { ReplyMessages } from './i18n/messages.js';

export type Tone = DraftResponse['tone'];

/** The tone that fits how the customer feels. */
export function toneFor(sentiment: Sentiment, intent: string): Tone {
  if (sentiment === 'angry') return 'apologetic';
  if (sentiment === 'negative') return 'empathetic';
  if (sentiment === 'positive') return intent === 'give_feedback' ? 'appreciative' : 'friendly';
  return 'professional';
}

/** The first line after the greeting, in the reply's language (English by default). */
export function openingLine(tone: Tone, priority: Priority, messages: ReplyMessages = en): string {
  if (tone === 'apologetic' && priority === 'critical') return messages.opening.apologeticCritical;
  return messages.opening[tone];
}
