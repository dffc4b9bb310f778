import type { DraftResponse } from '../schemas/response.schema.js';
import type { Priority, Sentiment } from '../schemas/taxonomy.schema.js';

export type Tone = DraftResponse['tone'];

/** The tone that fits how the customer feels. */
export function toneFor(sentiment: Sentiment, intent: string): Tone {
  if (sentiment === 'angry') return 'apologetic';
  if (sentiment === 'negative') return 'empathetic';
  if (sentiment === 'positive') return intent === 'give_feedback' ? 'appreciative' : 'friendly';
  return 'professional';
}

export function openingLine(tone: Tone, priority: Priority): string {
  switch (tone) {
    case 'apologetic':
      return priority === 'critical'
        ? "I'm truly sorry. I understand how serious this is for you, and I want to make sure it gets the attention it deserves."
        : "I'm sorry for the frustration this has caused, and thank you for your patience while we sort it out.";
    case 'empathetic':
      return "Thanks for reaching out, and I'm sorry you've run into this. Let's get it sorted.";
    case 'appreciative':
      return 'Thank you so much for taking the time to write to us. Messages like yours mean a lot to the team.';
    case 'friendly':
      return 'Thanks for getting in touch, it is great to hear from you!';
    case 'professional':
      return 'Thank you for contacting Nimbus Support.';
  }
}
