import { describe, expect, it } from 'vitest';
import { loadAnalyzerKit } from '../../../src/analysis/analyzer-models.js';
import { escalationReasons } from '../../../src/analysis/escalation.js';
import { analyzeTicketLocally } from '../../../src/analysis/local-analyzer.js';
import { loadProductCatalog, ProductMatcher } from '../../../src/analysis/product-catalog.js';
import { detectSignals } from '../../../src/analysis/signals.js';
import type { CustomerProfile } from '../../../src/schemas/customer.schema.js';
import { testConfig } from '../../helpers/build-test-app.js';

const products = new ProductMatcher(loadProductCatalog('data/catalog/products.json'));
const kit = loadAnalyzerKit(testConfig().analyzer);
const base = { priority: 'medium' as const, sentiment: 'neutral' as const, tier: undefined };

describe('escalation reasons', () => {
  it.each([
    ['legal threat', 'If this is not fixed our lawyers will be in touch.', /legal threat/],
    ['security breach', 'I think my account was hacked, someone logged in from abroad.', /security breach/],
    ['data loss', 'All my notes were deleted after the sync this morning.', /data loss/],
  ])('%s from the text', (_name, text, reason) => {
    expect(escalationReasons({ ...base, signals: detectSignals(text) })).toEqual([
      expect.stringMatching(reason),
    ]);
  });

  it('angry customer with a critical issue, enterprise customer with a critical issue', () => {
    const none = new Set<never>();
    expect(
      escalationReasons({ signals: none, priority: 'critical', sentiment: 'angry', tier: 'free' }),
    ).toEqual(['angry customer with a critical issue']);
    expect(
      escalationReasons({ signals: none, priority: 'critical', sentiment: 'neutral', tier: 'enterprise' }),
    ).toEqual(['enterprise customer with a critical issue']);
    expect(
      escalationReasons({ signals: none, priority: 'high', sentiment: 'angry', tier: 'enterprise' }),
    ).toEqual([]);
  });

  it('low confidence only below the threshold', () => {
    const none = new Set<never>();
    expect(
      escalationReasons({ ...base, signals: none, lowConfidence: { confidence: 0.31, threshold: 0.4 } }),
    ).toEqual(['low classification confidence (0.31 < 0.4)']);
    expect(
      escalationReasons({ ...base, signals: none, lowConfidence: { confidence: 0.41, threshold: 0.4 } }),
    ).toEqual([]);
  });
});

describe('the analyzer with the shipped models', () => {
  const ticket = {
    subject: 'Charged twice',
    body: 'We were charged twice for our Business plan this month, invoice INV-2026-3391.',
  };

  it('reports the learned category, top-3 scores, the intent and a calibrated confidence', () => {
    const a = analyzeTicketLocally(ticket, undefined, { products, models: kit.models });
    expect(a.category).toBe('billing');
    expect(a.category_scores).toHaveLength(3);
    expect(a.intent).toBe('duplicate_charge');
    expect(a.intent_scores).toHaveLength(3);
    expect(a.confidence).toBeGreaterThan(0.4);
    expect(a.needs_review).toBe(false);
  });

  it('flags a ticket below the review threshold for a person, as an escalation reason', () => {
    const strict = analyzeTicketLocally(ticket, undefined, {
      products,
      models: { ...kit.models, reviewThreshold: 1 },
    });
    expect(strict.needs_review).toBe(true);
    expect(strict.requires_human_escalation).toBe(true);
    expect(strict.escalation_reasons).toEqual([
      expect.stringMatching(/^low classification confidence \([01]\.\d+ < 1\)$/),
    ]);
    const lax = analyzeTicketLocally(ticket, undefined, {
      products,
      models: { ...kit.models, reviewThreshold: 0 },
    });
    expect(lax.needs_review).toBe(false);
    expect(lax.escalation_reasons).toEqual([]);
  });

  it('an enterprise customer with a critical outage is escalated with its reason', () => {
    const profile = { tier: 'enterprise' } as CustomerProfile;
    const a = analyzeTicketLocally(
      {
        subject: 'Production down',
        body: 'Our whole company of 300 users cannot work: production is down since 9am and nobody can log in.',
      },
      profile,
      { products, models: { ...kit.models, reviewThreshold: 0 } },
    );
    expect(a.priority).toBe('critical');
    expect(a.escalation_reasons).toContain('enterprise customer with a critical issue');
  });

  it('with only an intent model, its label map gives the category', () => {
    const models = { intent: kit.models.intent!, reviewThreshold: 0.4 };
    const a = analyzeTicketLocally(ticket, undefined, { products, models });
    expect(a.category).toBe('billing');
    expect(a.intent).toBe('duplicate_charge');
    expect(a.confidence).toBeGreaterThan(0.4);
  });

  it('without models the rules decide and nothing is flagged for review', () => {
    const a = analyzeTicketLocally(ticket, undefined, { products });
    expect(a.category).toBe('billing');
    expect(a.intent).toBeUndefined();
    expect(a.needs_review).toBe(false);
  });
});
