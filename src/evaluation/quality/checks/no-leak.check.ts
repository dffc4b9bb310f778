import type { KnownCustomer, QualityCheck } from '../quality-check.js';
import { verdict } from '../quality-check.js';
import { clip, sharedRun } from '../text-match.js';

/** Eight words in a row shared with a system prompt is a copy, not a coincidence. */
const PROMPT_RUN = 8;
const PROMPT_TAGS = /<\/?(ticket|context|status|system)>/i;

/** Shapes of credentials: provider keys, cloud keys, tokens, bearer headers, private keys. */
export const SECRET_PATTERNS: readonly RegExp[] = [
  /\bsk-(ant-)?[A-Za-z0-9_-]{20,}/,
  /\bpl_[A-Za-z0-9]{20,}/,
  /\bAKIA[0-9A-Z]{16}\b/,
  /\bgh[pousr]_[A-Za-z0-9]{30,}/,
  /\bxox[abposr]-[A-Za-z0-9-]{10,}/,
  /\bBearer\s+[A-Za-z0-9._~+/-]{20,}=*/i,
  /-----BEGIN [A-Z ]*PRIVATE KEY-----/,
  /\b(api[_-]?key|secret|token|password)\s*[:=]\s*\S{8,}/i,
];

const escapeRe = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

export interface NoLeakSettings {
  systemPrompts: readonly string[];
  customers: readonly KnownCustomer[];
}

/**
 * Nothing internal reaches the customer: no system prompt text or prompt delimiters, no other customer's name
 * or email (unless the ticket itself mentions them), and nothing shaped like a credential.
 */
export function createNoLeakCheck(settings: NoLeakSettings): QualityCheck {
  const others = settings.customers.map((c) => ({
    ...c,
    nameRe: new RegExp(`\\b${escapeRe(c.name)}\\b`, 'i'),
  }));
  return {
    name: 'no_leak',
    run(ctx) {
      const text = ctx.response.response_text;
      const ticketText = `${ctx.ticket.subject}\n${ctx.ticket.body}`;
      const ownId = ctx.profile?.customer_id ?? ctx.ticket.customer_id;
      const problems: string[] = [];

      const copied = settings.systemPrompts.map((p) => sharedRun(text, p, PROMPT_RUN)).find((r) => r !== undefined);
      if (copied) problems.push(`repeats system prompt text: "${clip(copied)}"`);
      else if (PROMPT_TAGS.test(text)) problems.push('contains prompt delimiters');

      const leaked = others.filter((c) => {
        if (c.customer_id === ownId) return false;
        const nameLeak = c.nameRe.test(text) && !c.nameRe.test(ticketText);
        const emailLeak = c.email !== undefined && text.toLowerCase().includes(c.email.toLowerCase()) && !ticketText.toLowerCase().includes(c.email.toLowerCase());
        return nameLeak || emailLeak;
      });
      if (leaked.length > 0) problems.push(`mentions other customers: ${leaked.map((c) => c.customer_id).join(', ')}`);

      if (SECRET_PATTERNS.some((re) => re.test(text))) problems.push('contains a string shaped like an API key or credential');
      return verdict(this.name, 3, problems);
    },
  };
}
