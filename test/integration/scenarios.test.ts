import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadScenarios, scoreScenario } from '../../src/evaluation/scenarios.js';
import { buildTestApp, DATA, type TestApp } from '../helpers/build-test-app.js';

const scenarios = loadScenarios(DATA.scenarios);
let t: TestApp;
beforeAll(async () => {
  t = await buildTestApp();
});
afterAll(() => t.close());

describe('the 15 scenarios through the offline pipeline', () => {
  it('has 15 scenarios', () => expect(scenarios).toHaveLength(15));

  it.each(scenarios.map((s) => [s.id, s.name, s] as const))('%s %s: expected category and escalation', async (_id, _name, s) => {
    const res = await t.app.inject({ method: 'POST', url: '/tickets', payload: s.ticket });
    expect(res.statusCode).toBe(201);
    const outcome = scoreScenario(s, res.json());
    expect(outcome.actual.category).toBe(outcome.expected.category);
    expect(outcome.actual.escalation).toBe(outcome.expected.escalation);
    // Every step in the reply is grounded: cited articles were retrieved for this ticket.
    const retrieved = res.json().knowledge.articles.map((a: { article_id: string }) => a.article_id);
    for (const id of res.json().response.cited_articles) expect(retrieved).toContain(id);
  });
});
