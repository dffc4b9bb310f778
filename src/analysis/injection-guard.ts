/**
 * Ticket text is data, but the offline analyzer reads words ("critical", "refund", "urgent") as signals, so a
 * ticket that tells the system what to conclude could steer it. These patterns recognise text addressed
 * to the system rather than to support; from the first such sentence, the rest of its paragraph is dropped
 * before the offline analysis. Model prompts keep the full text (inside <ticket> delimiters, as data).
 */
const MARKERS: RegExp[] = [
  /\b(ignore|disregard|forget|override|bypass)\b[^.!?\n]{0,40}\b(instructions?|rules|prompts?|guidelines|directives|policy|policies)\b/i,
  /\b(you are now|from now on you|act as|pretend (to be|you are)|new instructions?|jailbreak|developer mode|admin mode)\b/i,
  /^\s*(system|assistant|developer)\s*[:>]/im,
  /\[\s*(system|inst)\s*\]|<\s*\/?\s*(system|instructions?)\s*>/i,
  /\b(mark|set|classify|label|flag|tag|change|escalate)\b[^.!?\n]{0,30}\b(this|the|my)?\s*(ticket|issue|case|request)?[^.!?\n]{0,15}\b(as|to)\s+(critical|urgent|high|top)(\s+priority)?\b/i,
  /\bpriority\s*[:=]\s*(critical|urgent|high)\b/i,
];

export interface GuardResult {
  text: string;
  /** Paragraphs removed because they address the system. */
  removed: number;
}

export function stripInjectedInstructions(text: string): GuardResult {
  let removed = 0;
  const paragraphs = text.split(/\n\s*\n/).map((p) => {
    const at = firstMarker(p);
    if (at < 0) return p;
    removed++;
    // Keep what the customer wrote before the injected part of the paragraph.
    return p.slice(0, sentenceStart(p, at)).trimEnd();
  });
  return { text: paragraphs.filter((p) => p.trim().length > 0).join('\n\n'), removed };
}

function firstMarker(p: string): number {
  let first = -1;
  for (const re of MARKERS) {
    const m = re.exec(p);
    if (m && (first < 0 || m.index < first)) first = m.index;
  }
  return first;
}

function sentenceStart(p: string, at: number): number {
  const before = p.slice(0, at);
  const cut = Math.max(before.lastIndexOf('. '), before.lastIndexOf('! '), before.lastIndexOf('? '), before.lastIndexOf('\n'));
  return cut < 0 ? 0 : cut + 1;
}

/** The ticket with injected instructions removed from subject and body, for the offline methods. */
export function guardTicket<T extends { subject: string; body: string }>(ticket: T): T {
  const subject = stripInjectedInstructions(ticket.subject).text;
  const body = stripInjectedInstructions(ticket.body).text;
  return { ...ticket, subject: subject.trim() ? subject : ticket.subject, body: body.trim() ? body : ticket.body };
}
