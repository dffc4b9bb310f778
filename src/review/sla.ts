import { z } from 'zod';
import { PrioritySchema, type Priority } from '../schemas/taxonomy.schema.js';
import { loadJsonConfig } from '../shared/json-config.js';

const HHMM = z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/, 'must be HH:MM');

/** A response target: hours on the wall clock (24/7) or counted only inside business hours. */
export const TargetSchema = z.object({ hours: z.number().positive(), clock: z.enum(['business', 'calendar']) }).strict();
export type Target = z.infer<typeof TargetSchema>;

/**
 * config/sla.json. A tier set to null has no response target (best effort); by_priority overrides the tier's
 * default first-response target for the priorities the support article names.
 */
export const SlaConfigSchema = z
  .object({
    source: z.string().optional().describe('Where the figures come from (the KB article)'),
    business_hours: z
      .object({
        days: z.array(z.number().int().min(0).max(6)).min(1).describe('0 = Sunday … 6 = Saturday'),
        start: HHMM,
        end: HHMM,
        timezone: z.literal('UTC'),
      })
      .strict()
      .refine((b) => b.start < b.end, 'start must be before end'),
    tiers: z.record(
      z.string(),
      z
        .object({ first_response: TargetSchema, by_priority: z.partialRecord(PrioritySchema, TargetSchema).optional() })
        .strict()
        .nullable(),
    ),
  })
  .strict();
export type SlaConfig = z.infer<typeof SlaConfigSchema>;

export function loadSlaConfig(path: string): SlaConfig {
  return loadJsonConfig(path, SlaConfigSchema, 'SLA config');
}

const minutesOf = (hhmm: string) => Number(hhmm.slice(0, 2)) * 60 + Number(hhmm.slice(3, 5));

/** The target for a tier and priority; undefined when the tier has no SLA (or is unknown). */
export function targetFor(sla: SlaConfig, tier: string, priority: Priority | undefined): Target | undefined {
  const t = sla.tiers[tier];
  if (!t) return undefined;
  return (priority && t.by_priority?.[priority]) || t.first_response;
}

/** Adds hours counted only inside the business hours (UTC) to a time; a start outside them waits for the next opening. */
export function addBusinessHours(from: Date, hours: number, hoursCfg: SlaConfig['business_hours']): Date {
  const open = minutesOf(hoursCfg.start);
  const close = minutesOf(hoursCfg.end);
  let remaining = Math.round(hours * 60);
  let t = new Date(from.getTime());
  for (let guard = 0; guard < 3660; guard++) {
    const dayStart = Date.UTC(t.getUTCFullYear(), t.getUTCMonth(), t.getUTCDate());
    const minute = (t.getTime() - dayStart) / 60_000;
    if (hoursCfg.days.includes(t.getUTCDay()) && minute < close) {
      const begin = Math.max(minute, open);
      const available = close - begin;
      if (remaining <= available) return new Date(dayStart + (begin + remaining) * 60_000);
      remaining -= available;
    }
    t = new Date(dayStart + 86_400_000);
  }
  throw new Error('business hours never open');
}

/** First-response due time: created_at plus the tier's target (priority may shorten it); null when the tier has no SLA. */
export function dueAt(sla: SlaConfig, tier: string, priority: Priority | undefined, createdAt: string): string | null {
  const target = targetFor(sla, tier, priority ? PrioritySchema.parse(priority) : undefined);
  if (!target) return null;
  const from = new Date(createdAt);
  const due = target.clock === 'calendar' ? new Date(from.getTime() + target.hours * 3_600_000) : addBusinessHours(from, target.hours, sla.business_hours);
  return due.toISOString();
}
