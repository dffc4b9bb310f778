import { describe, expect, it } from 'vitest';
import { analyzeSentiment } from '../../../src/analysis/sentiment.js';

describe('analyzeSentiment', () => {
  it('tells positive, neutral, negative and angry apart', () => {
    expect(analyzeSentiment('I love Nimbus, the new editor is fantastic. Thanks team!').sentiment).toBe('positive');
    expect(analyzeSentiment('How do I change the billing email on our account?').sentiment).toBe('neutral');
    expect(analyzeSentiment('Export is broken and I am frustrated, it failed again.').sentiment).toBe('negative');
    expect(analyzeSentiment('This is unacceptable. Absolutely ridiculous, the worst service I have used.').sentiment).toBe('angry');
  });

  it('handles negation', () => {
    expect(analyzeSentiment('I am not happy with this at all, it is not good.').score).toBeLessThan(0);
    expect(analyzeSentiment('The sync is not bad, no problem at all.').score).toBeGreaterThan(0);
  });

  it('treats shouting in capitals and exclamation marks as anger on a negative ticket', () => {
    const calm = analyzeSentiment('The app is broken and I lost my notes.');
    const shouting = analyzeSentiment('The app is BROKEN and I LOST my notes!!!');
    expect(calm.sentiment).toBe('negative');
    expect(shouting.sentiment).toBe('angry');
    expect(shouting.score).toBeLessThan(calm.score);
  });

  it('does not count acronyms as shouting', () => {
    expect(analyzeSentiment('The API returns JSON and the PDF export uses SSO.').sentiment).toBe('neutral');
  });

  it('intensifiers strengthen', () => {
    expect(analyzeSentiment('extremely disappointed').score).toBeLessThan(analyzeSentiment('disappointed').score);
  });
});

describe('analyzeSentiment on calm problem reports and anger', () => {
  it('a calm report of lost or frozen things is negative, a question stays neutral', () => {
    expect(analyzeSentiment('The app is frozen on the splash screen and my notes are gone.').sentiment).toBe('negative');
    expect(analyzeSentiment('Can I export a single notebook as HTML?').sentiment).toBe('neutral');
  });

  it('negation cancels a problem word and capitals with exclamations turn displeasure into anger', () => {
    expect(analyzeSentiment('Nothing is broken, I am not unhappy, just curious.').score).toBeGreaterThan(analyzeSentiment('It is broken and I am unhappy.').score);
    expect(analyzeSentiment('Sync is broken again and I am frustrated.').sentiment).toBe('negative');
    expect(analyzeSentiment('Sync is BROKEN AGAIN and I am frustrated!!').sentiment).toBe('angry');
  });
});
