import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { readLabelledCsvFile } from '../../../../src/analysis/classifier/csv.reader.js';
import { TextClassifier } from '../../../../src/analysis/classifier/text-classifier.js';
import { tempDir } from '../../../helpers/build-test-app.js';

const rows = readLabelledCsvFile('data/training/train.csv');
const texts = rows.map((r) => r.text);
const labels = rows.map((r) => r.label);
const dir = tempDir('classifier-');
afterAll(() => dir.remove());

/** The model file without the fields that record when and how long. */
const stable = (c: TextClassifier) => ({
  ...c.file,
  training: { ...c.file.training, trained_at: '', train_ms: 0 },
});

describe('TextClassifier', () => {
  const model = TextClassifier.train(texts, labels, 'category', { seed: 7 });

  it('learns the training tickets and ranks calibrated probabilities', () => {
    const hits = texts.filter((t, i) => model.predict(t, 1)[0]!.label === labels[i]).length;
    expect(hits / texts.length).toBeGreaterThan(0.9);
    const top = model.predict(
      'I was charged twice for my subscription, please refund the duplicate payment',
      5,
    );
    expect(top[0]!.label).toBe('billing');
    expect(top.map((t) => t.probability)).toEqual([...top.map((t) => t.probability)].sort((a, b) => b - a));
    expect(top.reduce((s, t) => s + t.probability, 0)).toBeCloseTo(1, 5);
  });

  it('records calibration on held-back tickets: a temperature and ECE before and after', () => {
    const cal = model.file.training.calibration!;
    expect(model.file.temperature).toBeGreaterThan(0);
    expect(cal.examples).toBeGreaterThan(20);
    expect(cal.ece_after).toBeLessThan(cal.ece_before);
  });

  it('round-trips through a file with the same predictions', () => {
    const path = join(dir.path, 'category.json');
    model.save(path);
    const loaded = TextClassifier.load(path);
    for (const t of texts.slice(0, 40)) {
      const [a, b] = [model.predict(t, 3), loaded.predict(t, 3)];
      expect(b.map((x) => x.label)).toEqual(a.map((x) => x.label));
      b.forEach((x, i) => expect(x.probability).toBeCloseTo(a[i]!.probability, 12));
    }
  });

  it('is deterministic for a seed, and the seed matters', () => {
    const again = TextClassifier.train(texts, labels, 'category', { seed: 7 });
    expect(stable(again)).toEqual(stable(model));
    const other = TextClassifier.train(texts, labels, 'category', { seed: 8 });
    expect(stable(other)).not.toEqual(stable(model));
  });

  it('trains softmax regression too', () => {
    const logistic = TextClassifier.train(texts, labels, 'category', { algorithm: 'logistic', seed: 1 });
    expect(logistic.predict('Please add a dark mode to the web app, it would be great', 1)[0]!.label).toBe(
      'feature_request',
    );
  });

  it('an svm+logistic ensemble stores both members with their own temperatures and round-trips', () => {
    const ensemble = TextClassifier.train(texts, labels, 'category', { algorithm: 'svm+logistic', seed: 3 });
    expect(ensemble.file.members).toHaveLength(1);
    expect(ensemble.file.members![0]!.algorithm).toBe('logistic');
    expect(ensemble.file.members![0]!.temperature).not.toBe(ensemble.file.temperature);
    const path = join(dir.path, 'ensemble.json');
    ensemble.save(path);
    const loaded = TextClassifier.load(path);
    const text = 'The export to PDF fails with E2003 every time';
    expect(loaded.predict(text, 5)).toEqual(ensemble.predict(text, 5));
    expect(loaded.predict(text, 1)[0]!.label).toBe('technical');
    expect([...loaded.probabilities(text)].reduce((a, b) => a + b, 0)).toBeCloseTo(1, 9);
  });

  it('stores an intent-to-category map', () => {
    const intents = TextClassifier.train(
      texts,
      rows.map((r) => r.fields.intent!),
      'intent',
      { seed: 1 },
    ).withLabelMap({ duplicate_charge: 'billing' });
    expect(intents.mapLabel('duplicate_charge')).toBe('billing');
    expect(intents.mapLabel('unknown')).toBeUndefined();
  });

  it('refuses one label, and a file that is not a model', () => {
    expect(() => TextClassifier.train(['a b', 'c d'], ['x', 'x'], 'category')).toThrow(
      /at least two distinct labels/,
    );
    const bad = join(dir.path, 'bad.json');
    const file = JSON.parse(readFileSync(join(dir.path, 'category.json'), 'utf8'));
    file.format = 'something-else';
    writeFileSync(bad, JSON.stringify(file));
    expect(() => TextClassifier.load(bad)).toThrow(/is not a support-agent\/text-classifier@1 model/);
    expect(() => TextClassifier.load(join(dir.path, 'missing.json'))).toThrow(/cannot load model/);
  });
});
