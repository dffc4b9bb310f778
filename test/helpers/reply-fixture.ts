import { KnowledgeBase, loadArticles } from '../../src/knowledge/knowledge-base.js';
import { JsonProfileStore } from '../../src/customers/profile-store.js';
import type { ReplyContext } from '../../src/evaluation/quality/quality-check.js';
import type { Analysis } from '../../src/schemas/analysis.schema.js';
import type { SystemStatus } from '../../src/schemas/status.schema.js';
import { DATA } from './build-test-app.js';

export const kb = new KnowledgeBase(loadArticles(DATA.articles));
export const profiles = JsonProfileStore.fromFile(DATA.profiles);
const article = (id: string) => kb.get(id)!;
const hit = (id: string) => {
  const a = article(id);
  return { article_id: id, title: a.title, score: 12, excerpt: a.content.slice(0, 200), solution_steps: a.solution_steps, category: a.category };
};

export const ANALYSIS: Analysis = {
  category: 'technical',
  priority: 'medium',
  sentiment: 'negative',
  key_issues: ['Exporting the whole workspace to PDF fails with error E2003'],
  error_codes: ['E2003'],
  transaction_ids: [],
  mentioned_products: ['Nimbus Web'],
  product_versions: [],
  customer_intent: 'report_bug',
  requires_human_escalation: false,
  escalation_reasons: [],
  confidence: 0.9,
  category_scores: [],
  intent_scores: [],
  needs_review: false,
};

export const INCIDENT = {
  id: 'inc_export_large_workspace_delays',
  name: 'Delayed PDF and CSV exports for large workspaces',
  status: 'identified',
  impact: 'minor',
  started_at: '2026-09-01T08:00:00Z',
  affected_components: ['Export Service'],
  url: 'https://status.nimbus.app/incidents/inc_export_large_workspace_delays',
  related_to_ticket: true,
  relation_reasons: ['same error code E2003'],
};

export const STATUS: SystemStatus = {
  overall: 'degraded',
  affected_services: ['Export Service'],
  incidents: [INCIDENT],
  recent_deployments: [],
  related_to_ticket: true,
  checked_at: '2026-09-01T09:30:00Z',
  source: 'live',
};

const steps = article('KB-010').solution_steps.slice(0, 3);

/** A reply that passes every check: greeting by name, the issue, the incident, steps from KB-010, an apology. */
export const GOOD_REPLY = [
  'Hi Priya,',
  "Thanks for reaching out, and I'm sorry you've run into this. Let's get it sorted.",
  'I understand the problem is this: exporting the whole workspace to PDF fails with error E2003.',
  `Our status page currently shows an incident that matches what you are seeing: “${INCIDENT.name}” (status: identified). You can follow live updates at ${INCIDENT.url}.`,
  `Here is how to resolve it, from our help article “${article('KB-010').title}” [KB-010]:\n${steps.map((s, i) => `${i + 1}. ${s}`).join('\n')}`,
  'Best regards,\nNimbus Support',
].join('\n\n');

/** The good context; pass overrides to build one that fails a check. */
export function replyContext(over: { text?: string; analysis?: Partial<Analysis>; status?: SystemStatus; cited?: string[]; retrieved?: string[]; tone?: ReplyContext['response']['tone']; customerId?: string; ticketBody?: string } = {}): ReplyContext {
  const customerId = over.customerId ?? 'CUST-1003';
  const retrieved = over.retrieved ?? ['KB-010', 'KB-012'];
  return {
    ticket: {
      ticket_id: 'T-1',
      subject: 'PDF export keeps failing - E2003',
      body: over.ticketBody ?? 'Exporting our whole workspace to PDF fails every time with error E2003 at about 70%. Can you help?',
      customer_id: customerId,
    },
    analysis: { ...ANALYSIS, ...over.analysis },
    knowledge: { query: 'pdf export e2003', articles: retrieved.map(hit), no_relevant_match: false },
    systemStatus: over.status ?? STATUS,
    response: { response_text: over.text ?? GOOD_REPLY, tone: over.tone ?? 'empathetic', suggested_actions: [], cited_articles: over.cited ?? ['KB-010'] },
    profile: profiles.list().find((p) => p.customer_id === customerId),
    article: (id) => kb.get(id),
  };
}
