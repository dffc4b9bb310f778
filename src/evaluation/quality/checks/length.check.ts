import { type QualityCheck, verdict } from '../quality-check.js';

/** The reply is long enough to help and short enough to read: within the configured character bounds. */
export function createLengthCheck(bounds: { minChars: number; maxChars: number }): QualityCheck {
  return {
    name: 'length',
    run(ctx) {
      const n = ctx.response.response_text.trim().length;
      const problems: string[] = [];
      if (n < bounds.minChars) problems.push(`${n} characters, fewer than the minimum ${bounds.minChars}`);
      if (n > bounds.maxChars) problems.push(`${n} characters, more than the maximum ${bounds.maxChars}`);
      return verdict('length', 1, problems);
    },
  };
}
