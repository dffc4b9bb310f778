import type { Analysis } from '../../schemas/analysis.schema.js';
import type { Article, KnowledgeResult } from '../../schemas/article.schema.js';
import type { CustomerProfile } from '../../schemas/customer.schema.js';
import type { QualityCheckResult } from '../../schemas/quality.schema.js';
import type { DraftResponse } from '../../schemas/response.schema.js';
import type { SystemStatus } from '../../schemas/status.schema.js';
import type { TicketInput } from '../../schemas/ticket.schema.js';

/** Someone whose data must not appear in another customer's reply. */
export interface KnownCustomer {
  customer_id: string;
  name: string;
  email?: string | undefined;
}

/** Everything a check may look at: the ticket, what the agents found, and the reply. */
export interface ReplyContext {
  ticket: TicketInput;
  analysis: Analysis;
  knowledge: KnowledgeResult;
  systemStatus: SystemStatus;
  response: DraftResponse;
  profile?: CustomerProfile | undefined;
  /** Full text of a knowledge-base article (the hit only carries an excerpt and the steps). */
  article(id: string): Article | undefined;
}

export interface QualitySettings {
  minChars: number;
  maxChars: number;
  /** Static system prompts, whose text must never reach a customer. */
  systemPrompts: readonly string[];
  customers: readonly KnownCustomer[];
}

/** One automatic check. Pure and synchronous: it runs on every ticket. */
export interface QualityCheck {
  readonly name: string;
  run(ctx: ReplyContext): QualityCheckResult;
}

/** Builds a result from the requirements a check tested: score is the share met. */
export function verdict(name: string, tested: number, problems: string[]): QualityCheckResult {
  const score = tested === 0 ? 1 : Math.max(0, (tested - problems.length) / tested);
  return { name, passed: problems.length === 0, score: Math.round(score * 1000) / 1000, problems };
}

/** The reply with the customer-facing text only (greeting to sign-off). */
export const replyText = (ctx: ReplyContext) => ctx.response.response_text;

/** Everything an article says, for grounding: title, content and steps. */
export function articleText(ctx: ReplyContext, id: string): string {
  const full = ctx.article(id);
  const hit = ctx.knowledge.articles.find((a) => a.article_id === id);
  return [full?.title ?? hit?.title ?? '', full?.content ?? hit?.excerpt ?? '', ...(full?.solution_steps ?? hit?.solution_steps ?? [])].join('\n');
}

export function firstName(profile: CustomerProfile | undefined): string | undefined {
  return profile?.name.trim().split(/\s+/)[0];
}

/** Article ids written in the reply, e.g. "[KB-012]". */
export function mentionedArticleIds(text: string): string[] {
  return [...new Set([...text.matchAll(/\[([A-Z]{2,5}-\d{2,5})\]/g)].map((m) => m[1] as string))];
}
