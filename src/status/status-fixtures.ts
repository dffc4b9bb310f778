import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { z } from 'zod';

/** Fixture shapes for the mock status server. Times are relative ("minutes ago") so fixtures never go stale. */
export const FixtureComponentSchema = z.object({
  id: z.string(),
  name: z.string(),
  description: z.string().default(''),
  status: z.enum(['operational', 'degraded_performance', 'partial_outage', 'major_outage', 'under_maintenance']),
});
export const FixtureIncidentSchema = z.object({
  id: z.string(),
  name: z.string(),
  status: z.enum(['investigating', 'identified', 'monitoring', 'resolved', 'postmortem']),
  impact: z.enum(['none', 'minor', 'major', 'critical']),
  started_minutes_ago: z.number().nonnegative(),
  resolved_minutes_ago: z.number().nonnegative().nullable().default(null),
  component_ids: z.array(z.string()).default([]),
  updates: z
    .array(z.object({ status: z.string(), body: z.string(), minutes_ago: z.number().nonnegative() }))
    .default([]),
});
export const FixtureDeploymentSchema = z.object({
  id: z.string(),
  version: z.string(),
  title: z.string(),
  description: z.string().default(''),
  component_ids: z.array(z.string()).default([]),
  minutes_ago: z.number().nonnegative(),
  status: z.string().default('completed'),
});

export const StatusFixturesSchema = z.object({
  components: z.array(FixtureComponentSchema),
  incidents: z.array(FixtureIncidentSchema),
  deployments: z.array(FixtureDeploymentSchema),
});
export type StatusFixtures = z.infer<typeof StatusFixturesSchema>;

export function loadStatusFixtures(dir: string): StatusFixtures {
  const read = (name: string) => JSON.parse(readFileSync(join(dir, name), 'utf8')) as unknown;
  return StatusFixturesSchema.parse({
    components: read('components.json'),
    incidents: read('incidents.json'),
    deployments: read('deployments.json'),
  });
}
