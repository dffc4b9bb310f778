import { z } from 'zod';

/**
 * Statuspage v2 shapes (https://<page>/api/v2/summary.json). Only the fields we read are declared;
 * unknown fields are ignored so a real Statuspage answer parses.
 */
export const SpComponentSchema = z.object({
  id: z.string(),
  name: z.string(),
  status: z.string(),
  description: z.string().nullable().optional(),
});

export const SpIncidentUpdateSchema = z.object({
  status: z.string(),
  body: z.string(),
  created_at: z.string(),
});

export const SpIncidentSchema = z.object({
  id: z.string(),
  name: z.string(),
  status: z.string(),
  impact: z.string(),
  created_at: z.string(),
  updated_at: z.string().nullable().optional(),
  resolved_at: z.string().nullable().optional(),
  shortlink: z.string().nullable().optional(),
  incident_updates: z.array(SpIncidentUpdateSchema).default([]),
  components: z.array(SpComponentSchema.pick({ id: true, name: true })).default([]),
});

export const SpSummarySchema = z.object({
  page: z.object({ id: z.string(), name: z.string(), url: z.string().optional() }).optional(),
  status: z.object({ indicator: z.string(), description: z.string() }),
  components: z.array(SpComponentSchema).default([]),
  incidents: z.array(SpIncidentSchema).default([]),
});
export type SpSummary = z.infer<typeof SpSummarySchema>;
export type SpIncident = z.infer<typeof SpIncidentSchema>;

export const SpIncidentListSchema = z.object({ incidents: z.array(SpIncidentSchema) });

/** Our extension beside the Statuspage API: recent deployments. */
export const DeploymentSchema = z.object({
  id: z.string(),
  version: z.string(),
  title: z.string(),
  description: z.string().optional(),
  status: z.string().default('completed'),
  deployed_at: z.string(),
  components: z.array(SpComponentSchema.pick({ id: true, name: true })).default([]),
});
export type Deployment = z.infer<typeof DeploymentSchema>;
export const DeploymentListSchema = z.object({ deployments: z.array(DeploymentSchema) });

/** What the status agent reports on a ticket. */
export const OVERALL_STATES = ['operational', 'degraded', 'partial_outage', 'major_outage', 'unknown'] as const;

export const RelatedIncidentSchema = z.object({
  id: z.string(),
  name: z.string(),
  status: z.string(),
  impact: z.string(),
  started_at: z.string(),
  affected_components: z.array(z.string()),
  latest_update: z.string().optional(),
  url: z.string().optional(),
  related_to_ticket: z.boolean(),
  relation_reasons: z.array(z.string()),
});
export type RelatedIncident = z.infer<typeof RelatedIncidentSchema>;

export const RelatedDeploymentSchema = z.object({
  id: z.string(),
  version: z.string(),
  title: z.string(),
  deployed_at: z.string(),
  components: z.array(z.string()),
  related_to_ticket: z.boolean(),
  relation_reasons: z.array(z.string()),
});
export type RelatedDeployment = z.infer<typeof RelatedDeploymentSchema>;

export const SystemStatusSchema = z.object({
  overall: z.enum(OVERALL_STATES),
  affected_services: z.array(z.string()),
  incidents: z.array(RelatedIncidentSchema),
  recent_deployments: z.array(RelatedDeploymentSchema),
  related_to_ticket: z.boolean(),
  checked_at: z.string(),
  source: z.enum(['live', 'cache', 'unavailable']),
});
export type SystemStatus = z.infer<typeof SystemStatusSchema>;
