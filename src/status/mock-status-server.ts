import Fastify, { type FastifyInstance } from 'fastify';
import type { StatusFixtures } from './status-fixtures.js';

const IMPACT_RANK = { none: 0, minor: 1, major: 2, critical: 3 } as const;
const INDICATOR_TEXT = {
  none: 'All Systems Operational',
  minor: 'Minor Service Outage',
  major: 'Partial System Outage',
  critical: 'Major Service Outage',
} as const;
const COMPONENT_RANK: Record<string, number> = {
  operational: 0,
  under_maintenance: 1,
  degraded_performance: 1,
  partial_outage: 2,
  major_outage: 3,
};

export interface MockStatusOptions {
  fixtures: StatusFixtures;
  now?: () => number;
  /** Base URL used in incident shortlinks. */
  pageUrl?: string;
}

/**
 * A Statuspage v2 look-alike serving our fixtures, plus /api/v2/deployments.json. Used in-process by
 * default, standalone via `support-agent mock-status`, and by tests on port 0.
 */
export function buildMockStatusApp(options: MockStatusOptions): FastifyInstance {
  const now = options.now ?? Date.now;
  const pageUrl = options.pageUrl ?? 'https://status.nimbus.app';
  const app = Fastify({ logger: false });
  const at = (minutesAgo: number) => new Date(now() - minutesAgo * 60_000).toISOString();
  const page = () => ({ id: 'nimbus', name: 'Nimbus', url: pageUrl, time_zone: 'Etc/UTC', updated_at: at(0) });
  const { components: comps, incidents: incs, deployments: deps } = options.fixtures;
  const componentById = new Map(comps.map((c) => [c.id, c]));

  const components = () =>
    comps.map((c, position) => ({
      id: c.id,
      name: c.name,
      status: c.status,
      description: c.description,
      position,
      created_at: at(60 * 24 * 365),
      updated_at: at(0),
      group_id: null,
      showcase: true,
      only_show_if_degraded: false,
    }));
  const incident = (i: StatusFixtures['incidents'][number]) => ({
    id: i.id,
    name: i.name,
    status: i.status,
    impact: i.impact,
    created_at: at(i.started_minutes_ago),
    updated_at: at(Math.min(...i.updates.map((u) => u.minutes_ago), i.started_minutes_ago)),
    started_at: at(i.started_minutes_ago),
    resolved_at: i.resolved_minutes_ago === null ? null : at(i.resolved_minutes_ago),
    monitoring_at: null,
    shortlink: `${pageUrl}/incidents/${i.id}`,
    page_id: 'nimbus',
    incident_updates: [...i.updates]
      .sort((a, b) => a.minutes_ago - b.minutes_ago)
      .map((u, n) => ({ id: `${i.id}_u${n}`, status: u.status, body: u.body, created_at: at(u.minutes_ago), incident_id: i.id })),
    components: i.component_ids.map((id) => ({ id, name: componentById.get(id)?.name ?? id })),
  });
  const unresolved = () => incs.filter((i) => i.resolved_minutes_ago === null).map(incident);
  const status = () => {
    const worstIncident = incs
      .filter((i) => i.resolved_minutes_ago === null)
      .reduce((w, i) => Math.max(w, IMPACT_RANK[i.impact]), 0);
    const worstComponent = comps.reduce((w, c) => Math.max(w, COMPONENT_RANK[c.status] ?? 0), 0);
    const rank = Math.max(worstIncident, worstComponent);
    const indicator = (['none', 'minor', 'major', 'critical'] as const)[rank] ?? 'none';
    return { indicator, description: INDICATOR_TEXT[indicator] };
  };

  app.get('/api/v2/status.json', async () => ({ page: page(), status: status() }));
  app.get('/api/v2/components.json', async () => ({ page: page(), components: components() }));
  app.get('/api/v2/summary.json', async () => ({
    page: page(),
    status: status(),
    components: components(),
    incidents: unresolved(),
    scheduled_maintenances: [],
  }));
  app.get('/api/v2/incidents.json', async () => ({ page: page(), incidents: incs.map(incident) }));
  app.get('/api/v2/incidents/unresolved.json', async () => ({ page: page(), incidents: unresolved() }));
  app.get('/api/v2/deployments.json', async () => ({
    page: page(),
    deployments: [...deps]
      .sort((a, b) => a.minutes_ago - b.minutes_ago)
      .map((d) => ({
        id: d.id,
        version: d.version,
        title: d.title,
        description: d.description,
        status: d.status,
        deployed_at: at(d.minutes_ago),
        components: d.component_ids.map((id) => ({ id, name: componentById.get(id)?.name ?? id })),
      })),
  }));
  return app;
}
