import type { PipelineOutput } from '../../schemas/result.schema.js';
import type { TicketInput } from '../../schemas/ticket.schema.js';
import { type LabelledTicket, scoreLabels } from '../dataset.js';
import type { RunRow } from '../run-summary.js';
import type { Variant } from '../variants/variant.schema.js';

/** Runs one ticket through one variant; the CLI passes the evaluated pipeline, tests may pass anything. */
export type VariantRunner = (variant: Variant, ticketId: string, ticket: TicketInput) => Promise<PipelineOutput>;

export interface PairedRun {
  a: RunRow[];
  b: RunRow[];
}

/**
 * Runs every ticket through both variants after a warm-up. The order alternates (A then B, then B then A) so warm caches and
 * JIT favour neither side, and each ticket's two results stay paired by position.
 */
export async function runPaired(opts: {
  tickets: readonly LabelledTicket[];
  a: Variant;
  b: Variant;
  run: VariantRunner;
  onTicket?: (id: string) => void;
}): Promise<PairedRun> {
  const a: RunRow[] = [];
  const b: RunRow[] = [];
  // One unrecorded pass of the first ticket through each side, so JIT and first-use costs (hundreds of ms on
  // the first ticket) land on neither variant's latency.
  const first = opts.tickets[0];
  if (first) for (const v of [opts.a, opts.b]) await opts.run(v, `warmup-${first.id}`, first.ticket);
  for (const [i, t] of opts.tickets.entries()) {
    const once = async (v: Variant): Promise<RunRow> => {
      const output = await opts.run(v, t.ticket.ticket_id ?? t.id, t.ticket);
      return { id: t.id, correct: scoreLabels(t, output), output };
    };
    if (i % 2 === 0) {
      a.push(await once(opts.a));
      b.push(await once(opts.b));
    } else {
      b.push(await once(opts.b));
      a.push(await once(opts.a));
    }
    opts.onTicket?.(t.id);
  }
  return { a, b };
}
