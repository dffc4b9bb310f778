import { rawTokens } from '../knowledge/text.js';
import type { Analysis } from '../schemas/analysis.schema.js';
import type {
  Deployment,
  RelatedDeployment,
  RelatedIncident,
  SpIncident,
  SystemStatus,
} from '../schemas/status.schema.js';
import type { StatusSnapshot } from './status-client.js';

/** Words that name no particular component. */
const GENERIC = new Set(['service', 'services', 'app', 'apps', 'application', 'integration', 'integrations', 'and', 'the', 'nimbus', 'for', 'system', 'platform', 'core']);

/** Ticket words that point at a component whose name does not contain them. */
const COMPONENT_SYNONYMS: Record<string, string[]> = {
  authentication: ['login', 'log', 'sign', 'signin', '2fa', 'two-factor', 'password', 'sso', 'saml', 'mfa', 'otp', 'locked'],
  billing: ['invoice', 'invoices', 'charge', 'charged', 'payment', 'subscription', 'refund', 'card'],
  payments: ['invoice', 'charge', 'charged', 'payment', 'card'],
  sync: ['synced', 'syncing', 'synchronization', 'conflict', 'conflicts'],
  export: ['exports', 'exporting', 'exported', 'pdf', 'csv'],
  notifications: ['notification', 'push', 'alerts'],
  mobile: ['iphone', 'android', 'ios', 'ipad', 'phone'],
  desktop: ['electron', 'windows', 'mac', 'macos'],
  web: ['browser', 'chrome', 'firefox', 'safari'],
};

const OVERALL_BY_INDICATOR: Record<string, SystemStatus['overall']> = {
  none: 'operational',
  minor: 'degraded',
  major: 'partial_outage',
  critical: 'major_outage',
};

export interface RelateContext {
  text: string;
  analysis: Pick<Analysis, 'error_codes' | 'mentioned_products' | 'product_versions'> & Partial<Pick<Analysis, 'category'>>;
  ticketTime: Date;
  /** Deployments this long before the ticket count as suspects. */
  deploymentWindowMs?: number;
  /** Deployments older than this are not reported at all. */
  deploymentHistoryMs?: number;
}

function componentKeywords(name: string): string[] {
  const words = rawTokens(name).flatMap((t) => t.split(/[._-]/)).filter((w) => w.length > 1 && !GENERIC.has(w));
  return [...new Set([...words, ...words.flatMap((w) => COMPONENT_SYNONYMS[w] ?? [])])];
}

/** Components the ticket is about, by name, synonym or mentioned product. */
export function relatedComponentNames(componentNames: string[], ctx: RelateContext): Set<string> {
  const ticketWords = new Set([
    ...rawTokens(ctx.text).flatMap((t) => [t, ...t.split(/[._-]/)]),
    ...ctx.analysis.mentioned_products.flatMap((p) => rawTokens(p)),
  ]);
  return new Set(componentNames.filter((name) => componentKeywords(name).some((k) => ticketWords.has(k))));
}

function incidentText(i: SpIncident): string {
  return [i.name, ...i.incident_updates.map((u) => u.body)].join('\n');
}

function relateIncident(i: SpIncident, related: Set<string>, ctx: RelateContext): RelatedIncident {
  const reasons: string[] = [];
  const affected = i.components.map((c) => c.name);
  for (const name of affected) if (related.has(name)) reasons.push(`affects ${name}, which the ticket is about`);
  const text = incidentText(i);
  for (const code of ctx.analysis.error_codes) if (new RegExp(`\\b${code}\\b`, 'i').test(text)) reasons.push(`mentions error ${code} from the ticket`);
  // A shared version number alone is weak evidence (every ticket runs some version); it only supports.
  if (reasons.length > 0) {
    for (const v of ctx.analysis.product_versions) if (text.includes(v)) reasons.push(`concerns version ${v}, which the customer runs`);
  }
  return {
    id: i.id,
    name: i.name,
    status: i.status,
    impact: i.impact,
    started_at: i.created_at,
    affected_components: affected,
    latest_update: i.incident_updates[0]?.body,
    ...(i.shortlink ? { url: i.shortlink } : {}),
    related_to_ticket: reasons.length > 0,
    relation_reasons: reasons,
  };
}

function relateDeployment(d: Deployment, related: Set<string>, ctx: RelateContext): RelatedDeployment {
  const reasons: string[] = [];
  const window = ctx.deploymentWindowMs ?? 48 * 3_600_000;
  const before = ctx.ticketTime.getTime() - new Date(d.deployed_at).getTime();
  const components = d.components.map((c) => c.name);
  const touched = components.filter((c) => related.has(c));
  if (before >= 0 && before <= window && touched.length > 0) {
    reasons.push(`deployed ${formatAgo(before)} before the ticket to ${touched.join(', ')}`);
  }
  if (ctx.analysis.product_versions.includes(d.version) && (touched.length > 0 || components.length === 0)) {
    reasons.push(`the customer runs ${d.version}, shipped by this deployment`);
  }
  return {
    id: d.id,
    version: d.version,
    title: d.title,
    deployed_at: d.deployed_at,
    components,
    related_to_ticket: reasons.length > 0,
    relation_reasons: reasons,
  };
}

function formatAgo(ms: number): string {
  const minutes = Math.round(ms / 60_000);
  return minutes < 120 ? `${minutes} min` : `${Math.round(minutes / 60)} h`;
}

/** Relates the status page to one ticket: which incidents and deployments plausibly explain it, and why. */
export function relateStatus(snapshot: StatusSnapshot, ctx: RelateContext, source: 'live' | 'cache'): SystemStatus {
  const { summary } = snapshot;
  // An idea for the roadmap is not explained by an outage; only fault reports are related to deployments.
  const category = ctx.analysis.category;
  const related = category === 'feature_request' ? new Set<string>() : relatedComponentNames(summary.components.map((c) => c.name), ctx);
  const deploymentsMatter = category === undefined || category === 'technical' || category === 'complaint';
  const unresolved = summary.incidents.filter((i) => !i.resolved_at && i.status !== 'resolved' && i.status !== 'postmortem');
  const incidents = unresolved
    .map((i) => relateIncident(i, related, ctx))
    .sort((a, b) => Number(b.related_to_ticket) - Number(a.related_to_ticket));
  const history = ctx.deploymentHistoryMs ?? 7 * 24 * 3_600_000;
  const deployments = snapshot.deployments
    .filter((d) => ctx.ticketTime.getTime() - new Date(d.deployed_at).getTime() <= history)
    .map((d) => relateDeployment(d, deploymentsMatter ? related : new Set<string>(), { ...ctx, analysis: { ...ctx.analysis, product_versions: deploymentsMatter ? ctx.analysis.product_versions : [] } }))
    .sort((a, b) => Number(b.related_to_ticket) - Number(a.related_to_ticket) || b.deployed_at.localeCompare(a.deployed_at))
    .slice(0, 10);
  return {
    overall: OVERALL_BY_INDICATOR[summary.status.indicator] ?? 'unknown',
    affected_services: summary.components.filter((c) => c.status !== 'operational').map((c) => c.name),
    incidents,
    recent_deployments: deployments,
    related_to_ticket: incidents.some((i) => i.related_to_ticket) || deployments.some((d) => d.related_to_ticket),
    checked_at: snapshot.fetchedAt.toISOString(),
    source,
  };
}

export function unknownStatus(now: Date): SystemStatus {
  return {
    overall: 'unknown',
    affected_services: [],
    incidents: [],
    recent_deployments: [],
    related_to_ticket: false,
    checked_at: now.toISOString(),
    source: 'unavailable',
  };
}
