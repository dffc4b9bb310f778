import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadAnalyzerKit } from '../../src/analysis/analyzer-models.js';
import { ConfigError } from '../../src/config.js';
import { buildTestApp, sampleTicket, testConfig, type TestApp } from '../helpers/build-test-app.js';

let t: TestApp;
beforeAll(async () => {
  t = await buildTestApp();
});
afterAll(() => t.close());

describe('the learned analyzer in the service', () => {
  it('/health/ready lists the loaded models', async () => {
    const res = await t.app.inject({ method: 'GET', url: '/health/ready' });
    expect(res.statusCode).toBe(200);
    const check = res.json().checks.analyzer_models;
    expect(check).toMatchObject({ status: 'up', required: false });
    expect(check.detail).toMatch(
      /category: 5 labels, 324 examples; intent: 27 labels, 324 examples; sentiment: 4 labels/,
    );
  });

  it('a ticket gets top-3 category scores, an intent with scores and a calibrated confidence', async () => {
    const res = await t.app.inject({ method: 'POST', url: '/tickets', payload: sampleTicket });
    expect(res.statusCode).toBe(201);
    const a = res.json().analysis;
    expect(a.category).toBe('technical');
    expect(a.category_scores).toHaveLength(3);
    expect(a.intent).toBe('export_failure');
    expect(a.intent_scores[0]).toEqual({ label: 'export_failure', probability: expect.any(Number) });
    expect(a.confidence).toBeGreaterThan(0.4);
    expect(a.needs_review).toBe(false);
  });
});

describe('analyzer configuration', () => {
  it('defaults to the shipped models and the training tickets as examples', () => {
    const c = testConfig().analyzer;
    expect(c.models).toEqual({
      category: 'data/models/category.json',
      intent: 'data/models/intent.json',
      sentiment: 'data/models/sentiment.json',
    });
    expect(c.reviewThreshold).toBe(0.4);
    expect(c.examplesPath).toBe('data/training/train.csv');
  });

  it('"none" turns a model off, a bad threshold is refused, a missing file fails at start', () => {
    const c = testConfig({
      ANALYZER_CATEGORY_MODEL: 'none',
      ANALYZER_PRIORITY_MODEL: 'data/models/p.json',
      ANALYZER_EXAMPLES_PATH: 'off',
    }).analyzer;
    expect(c.models.category).toBeUndefined();
    expect(c.models.priority).toBe('data/models/p.json');
    expect(c.examplesPath).toBeUndefined();
    expect(() => testConfig({ ANALYZER_REVIEW_THRESHOLD: '1.5' })).toThrow(ConfigError);
    expect(() => loadAnalyzerKit(c)).toThrow('priority model not found at data/models/p.json');
  });
});
