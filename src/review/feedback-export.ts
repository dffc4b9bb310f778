import { ticketText } from '../analysis/ticket-text.js';
import type { CorrectionRow } from '../tickets/ticket-store.js';

/** The columns `support-agent train` reads: text (as the analyzer sees it) and one column per label. */
export const EXPORT_COLUMNS = ['text', 'category', 'priority', 'sentiment'] as const;

/** RFC 4180: quote a field holding a comma, quote or line break, doubling quotes. */
export function csvField(value: string): string {
  return /[",\r\n]/.test(value) ? `"${value.replace(/"/g, '""')}"` : value;
}

/**
 * Corrected tickets as a training CSV: text is "subject\nbody" (what the analyzer classifies), and each label is
 * the reviewer's correction, else the analyzer's own label. Rows lacking a label either way are skipped.
 */
export function correctionsCsv(rows: CorrectionRow[]): { csv: string; written: number; skipped: number } {
  const lines = [EXPORT_COLUMNS.join(',')];
  let skipped = 0;
  for (const r of rows) {
    const category = r.corrected.category ?? r.analysis.category;
    const priority = r.corrected.priority ?? r.analysis.priority;
    const sentiment = r.corrected.sentiment ?? r.analysis.sentiment;
    if (!category || !priority || !sentiment) {
      skipped++;
      continue;
    }
    lines.push([ticketText(r), category, priority, sentiment].map(csvField).join(','));
  }
  return { csv: `${lines.join('\n')}\n`, written: lines.length - 1, skipped };
}
