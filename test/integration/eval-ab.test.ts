import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { compareVariants } from '../../src/evaluation/ab/ab-report.js';
import { runPaired, type VariantRunner } from '../../src/evaluation/ab/ab-runner.js';
import { loadDataset } from '../../src/evaluation/dataset.js';
import { loadVariants } from '../../src/evaluation/variants/variant.schema.js';
import type { PipelineOutput } from '../../src/schemas/result.schema.js';
import { buildTestApp, DATA, type TestApp } from '../helpers/build-test-app.js';

const tickets = loadDataset(DATA.scenarios);
let t: TestApp;
let run: VariantRunner;

beforeAll(async () => {
  t = await buildTestApp({ parts: { evaluation: { variants: loadVariants('data/eval/variants.json') } } });
  run = (v, id, ticket) => t.deps.evaluation.pipeline.processAs(v, id, ticket);
});
afterAll(() => t.close());

const variant = (name: string) => t.deps.evaluation.router.get(name);

describe('variants change real behaviour with only the local provider', () => {
  it('retrieval settings change what is retrieved; the prompt version changes the reply', async () => {
    const outputs = async (name: string) => Promise.all(tickets.map((s) => run(variant(name), s.id, s.ticket)));
    const [baseline, strict, plain, concise] = await Promise.all(['baseline', 'strict-retrieval', 'bm25-plain', 'concise'].map(outputs));
    const ids = (o: PipelineOutput) => o.knowledge.articles.map((a) => a.article_id).join(',');
    expect(strict!.every((o) => o.knowledge.articles.length <= 2)).toBe(true);
    expect(baseline!.some((o) => o.knowledge.articles.length === 3)).toBe(true);
    expect(strict![0]!.trace.find((s) => s.agent === 'knowledge')!.model).toBe('lexical-bm25(k=2,min=8)');
    expect(plain!.filter((o, i) => ids(o) !== ids(baseline![i]!)).length).toBeGreaterThan(0);
    const chars = (xs: PipelineOutput[] | undefined) => xs!.reduce((s, o) => s + o.response.response_text.length, 0);
    expect(chars(concise)).toBeLessThan(chars(baseline) * 0.75);
    expect(concise![0]!.trace.find((s) => s.agent === 'synthesis')!.model).toBe('local-templates-concise-v1');
    expect(concise!.every((o) => o.variant === 'concise')).toBe(true);
  });
});

describe('eval ab', () => {
  it('reports no significant difference between two identical variants', async () => {
    // Latency is wall-clock noise even between identical variants; it is fixed per ticket here so the test is
    // deterministic, while everything else (triage, retrieval, reply, quality, cost) comes from the real pipeline.
    const steadyClock: VariantRunner = async (v, id, ticket) => {
      const out = await run(v, id, ticket);
      return { ...out, metrics: { ...out.metrics, latency_ms: { ...out.metrics.latency_ms, total: ticket.body.length / 10 } } };
    };
    const paired = await runPaired({ tickets, a: variant('baseline'), b: variant('baseline-copy'), run: steadyClock });
    const report = compareVariants({ a: 'baseline', b: 'baseline-copy' }, paired);
    expect(report.metrics.map((m) => m.metric)).toEqual(['category_accuracy', 'escalation_accuracy', 'article_accuracy', 'quality_score', 'latency_ms', 'cost_usd']);
    for (const m of report.metrics) {
      expect(m.significant, m.metric).toBe(false);
      expect(m.p_value, m.metric).toBe(1);
      expect(m.difference.value, m.metric).toBe(0);
      expect(m.sample_size_needed, m.metric).toBeNull();
      expect(m.n, m.metric).toBe(15);
    }
    expect(report.verdict).toEqual([]);
  });

  it('finds the real quality difference between the full and the concise reply', async () => {
    const paired = await runPaired({ tickets, a: variant('baseline'), b: variant('concise'), run });
    const report = compareVariants({ a: 'baseline', b: 'concise' }, paired);
    const quality = report.metrics.find((m) => m.metric === 'quality_score')!;
    expect(quality.difference.value).toBeLessThan(0);
    expect(quality.significant).toBe(true);
    expect(quality.sample_size_needed).toBeGreaterThan(1);
    expect(report.verdict).toContainEqual({ metric: 'quality_score', winner: 'baseline' });
    // Same analyzer in both: triage cannot differ.
    expect(report.metrics.find((m) => m.metric === 'category_accuracy')!.p_value).toBe(1);
  });
});
