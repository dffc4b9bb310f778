import { loadAnalyzerKit, type AnalyzerKit } from '../../src/analysis/analyzer-models.js';
import { analyzeTicketLocally } from '../../src/analysis/local-analyzer.js';
import { loadConfig } from '../../src/config.js';
import { loadProductCatalog, ProductMatcher } from '../../src/analysis/product-catalog.js';
import type { SystemStatus } from '../../src/schemas/status.schema.js';

/**
 * How the fake model servers answer each agent's tool, built from the request as a model would from its
 * prompt: the ticket inside <ticket>, candidates inside <candidates>, the status page inside <status>, the
 * context inside <context>. The answers are schema-valid, so the real SDKs, HTTP and our parsing and
 * validation are what the tests exercise.
 */
let products: ProductMatcher | undefined;
let kit: AnalyzerKit | undefined;

function block(text: string, tag: string): string | undefined {
  const m = new RegExp(`<${tag}>\\n([\\s\\S]*?)\\n</${tag}>`).exec(text);
  return m?.[1];
}

export function ticketFrom(user: string): { subject: string; body: string; channel?: string; product_version?: string } {
  const t = block(user, 'ticket') ?? '';
  const [head, ...rest] = t.split('\n\n');
  const field = (name: string) => new RegExp(`^${name}: (.*)$`, 'm').exec(head ?? '')?.[1];
  const subject = field('Subject') ?? 'ticket';
  const channel = field('Channel');
  const version = field('Product version');
  return { subject, body: rest.join('\n\n') || subject, ...(channel ? { channel } : {}), ...(version ? { product_version: version } : {}) };
}

export function answerFor(tool: string, user: string): Record<string, unknown> {
  switch (tool) {
    case 'ticket_analysis': {
      // The "model" triages like the shipped offline analyzer (learned models included), so it agrees with it.
      products ??= new ProductMatcher(loadProductCatalog('data/catalog/products.json'));
      kit ??= loadAnalyzerKit(loadConfig({}).analyzer);
      return analyzeTicketLocally(ticketFrom(user), undefined, { products, models: kit.models }) as unknown as Record<string, unknown>;
    }
    case 'article_ranking': {
      const candidates = JSON.parse(block(user, 'candidates') ?? '[]') as { id: string; title: string }[];
      const { subject } = ticketFrom(user);
      return { search_query: subject.slice(0, 80), ranking: candidates.map((c, i) => ({ article_id: c.id, relevant: i < 2 })) };
    }
    case 'status_judgement': {
      const status = JSON.parse(block(user, 'status') ?? '{"incidents":[],"recent_deployments":[]}') as SystemStatus;
      const pick = (x: { id: string; related_to_ticket: boolean; relation_reasons: string[] }) => ({
        id: x.id,
        related_to_ticket: x.related_to_ticket,
        relation_reasons: x.related_to_ticket ? x.relation_reasons.length ? x.relation_reasons : ['same component'] : [],
      });
      return { incidents: status.incidents.map(pick), deployments: status.recent_deployments.map(pick) };
    }
    case 'draft_reply': {
      const ctx = JSON.parse(block(user, 'context') ?? '{}') as {
        profile: { name: string } | null;
        analysis: { sentiment: string; requires_human_escalation: boolean };
        articles: { id: string; title: string; steps: string[] }[];
        incidents: { id: string; name: string }[];
      };
      const first = ctx.profile?.name.split(/\s+/)[0];
      const lines = [first ? `Hi ${first},` : 'Hello,', '', 'Thank you for reaching out to Nimbus Support.'];
      for (const i of ctx.incidents ?? []) lines.push('', `We are currently working on an incident that matches this: ${i.name}.`);
      const article = ctx.articles?.[0];
      if (article) {
        lines.push('', `These steps from “${article.title}” should resolve it:`);
        article.steps.forEach((s, n) => lines.push(`${n + 1}. ${s} [${article.id}]`));
      } else {
        lines.push('', 'I could not find a help article for this, so a specialist will look into it.');
      }
      if (ctx.analysis?.requires_human_escalation) lines.push('', 'A senior member of our team will follow up with you personally.');
      lines.push('', 'Best regards,', 'Nimbus Support');
      const tone = ctx.analysis?.sentiment === 'angry' ? 'apologetic' : ctx.analysis?.sentiment === 'negative' ? 'empathetic' : 'friendly';
      return { response_text: lines.join('\n'), tone, suggested_actions: [], cited_articles: article ? [article.id] : [] };
    }
    default:
      return {};
  }
}
