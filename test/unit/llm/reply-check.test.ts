import { describe, expect, it } from 'vitest';
import type { ArticleHit } from '../../../src/schemas/article.schema.js';
import { checkReply } from '../../../src/synthesis/reply-check.js';

const hit = (article_id: string, title: string): ArticleHit => ({ article_id, title, score: 9, excerpt: '', solution_steps: ['Open settings'] });
const texts: Record<string, string> = {
  'KB-010': 'PDF export fails for large workspaces. Export in smaller parts.',
  'KB-023': 'Refund policy: annual plans can be refunded within 30 days of purchase.',
};
const articleText = (id: string) => texts[id];
const reply = (response_text: string, cited_articles: string[] = ['KB-010']) => ({ response_text, tone: 'friendly' as const, suggested_actions: [], cited_articles });

describe('checkReply, the post-check on drafted replies', () => {
  it('passes a grounded reply whose every numbered step cites an article', () => {
    const r = checkReply(reply('Hi,\n\n1. Open settings [KB-010]\n2. Export each folder [KB-010]\n\nBest'), [hit('KB-010', 'PDF export')], articleText);
    expect(r.review_flags).toBeUndefined();
    expect(r.suggested_actions).toEqual([]);
  });

  it('accepts steps introduced by a line that cites the article (the offline composer’s layout)', () => {
    const r = checkReply(reply('From “PDF export” [KB-010]:\n1. Open settings\n2. Export'), [hit('KB-010', 'PDF export')], articleText);
    expect(r.review_flags).toBeUndefined();
  });

  it('flags a refund, a credit and a deadline that no cited article supports', () => {
    const r = checkReply(
      reply("We will refund your last invoice. I'll add a service credit to your account. We will have this fixed by tomorrow.\n1. Retry [KB-010]"),
      [hit('KB-010', 'PDF export')],
      articleText,
    );
    expect(r.review_flags?.map((f) => f.detail.split(' that')[0])).toEqual(['promises a refund', 'promises a credit', 'promises a deadline']);
    expect(r.review_flags?.every((f) => f.code === 'unsupported_promise')).toBe(true);
    expect(r.suggested_actions[0]).toMatch(/^Review before sending: promises a refund/);
  });

  it('accepts a refund statement when a cited article states the refund policy', () => {
    const r = checkReply(reply('As our refund policy says, we will refund annual plans within 30 days [KB-023].', ['KB-023']), [hit('KB-023', 'Refund policy')], articleText);
    expect(r.review_flags).toBeUndefined();
  });

  it('does not flag explanations that are not commitments', () => {
    const r = checkReply(reply('Refunds are covered in our billing articles; a specialist will look at your invoice.', []), [], articleText);
    expect(r.review_flags).toBeUndefined();
  });

  it('flags uncited steps and article ids retrieval did not return, and drops those ids from cited_articles', () => {
    const r = checkReply(reply('Try this:\n1. Clear the cache\n2. Reinstall [KB-999]', ['KB-010', 'KB-999']), [hit('KB-010', 'PDF export')], articleText);
    const codes = r.review_flags?.map((f) => f.code);
    expect(codes).toContain('uncited_step');
    expect(codes).toContain('unknown_citation');
    expect(r.cited_articles).toEqual(['KB-010']);
  });
});
