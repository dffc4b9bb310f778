import { execFile } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, describe, expect, it } from 'vitest';
import { readLabelledCsvFile } from '../../src/analysis/classifier/csv.reader.js';
import { TextClassifier } from '../../src/analysis/classifier/text-classifier.js';
import { tempDir } from '../helpers/build-test-app.js';

const run = promisify(execFile);
const dir = tempDir('train-cli-');
afterAll(() => dir.remove());

async function cli(...args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  try {
    const { stdout, stderr } = await run('node', ['bin/support-agent.js', ...args], {
      env: { ...process.env, LOG_LEVEL: 'silent' },
    });
    return { code: 0, stdout, stderr };
  } catch (err) {
    const e = err as { code: number; stdout: string; stderr: string };
    return { code: e.code, stdout: e.stdout, stderr: e.stderr };
  }
}

describe('support-agent train and eval classify', () => {
  it('train writes a model that loads and predicts, with the intent-to-category map', async () => {
    const out = join(dir.path, 'intent.json');
    const r = await cli(
      'train',
      '--data',
      'data/training/train.csv',
      '--field',
      'intent',
      '--map-col',
      'category',
      '--out',
      out,
    );
    expect(r.code).toBe(0);
    expect(JSON.parse(r.stdout)).toMatchObject({ field: 'intent', examples: 324, labels: 27 });
    const model = TextClassifier.load(out);
    expect(model.mapLabel('duplicate_charge')).toBe('billing');
    expect(model.predict('I was billed twice for the same month', 1)[0]!.label).toBe('duplicate_charge');
  });

  it('eval classify prints accuracy, macro-F1, per-class figures, confusions, timing and calibration', async () => {
    const r = await cli(
      'eval',
      'classify',
      '--train',
      'data/training/train.csv',
      '--test',
      'data/training/heldout.csv',
      '--json',
    );
    expect(r.code).toBe(0);
    const report = JSON.parse(r.stdout);
    expect(report).toMatchObject({ n: 111, train_examples: 324, labels: 5 });
    expect(report.accuracy).toBeGreaterThan(0.6);
    expect(report.per_class).toHaveLength(5);
    expect(report.confused_pairs.length).toBeGreaterThan(0);
    expect(report.predict_ms.p95).toBeGreaterThan(0);
    expect(report.calibration.ece_after).toBeLessThan(report.calibration.ece_before);
  });

  it('split writes stratified train and held-out files with every column', async () => {
    const src = join(dir.path, 'all.csv');
    // 10 billing and 30 technical: a quarter of each, rounded, is 3 and 8.
    const rows = Array.from(
      { length: 40 },
      (_, i) => `"ticket, number ${i}",${i % 4 === 0 ? 'billing' : 'technical'},${i}`,
    );
    writeFileSync(src, ['text,category,id', ...rows].join('\n'));
    const [trainOut, testOut] = [join(dir.path, 'train.csv'), join(dir.path, 'test.csv')];
    const r = await cli(
      'split',
      '--data',
      src,
      '--fraction',
      '0.25',
      '--train-out',
      trainOut,
      '--test-out',
      testOut,
    );
    expect(r.code).toBe(0);
    expect(JSON.parse(r.stdout)).toEqual({ train: 29, test: 11, by: 'category', seed: 42 });
    const test = readLabelledCsvFile(testOut);
    expect(test.filter((x) => x.label === 'billing')).toHaveLength(3);
    expect(test[0]!.text).toMatch(/^ticket, number \d+$/);
    expect(Object.keys(test[0]!.fields)).toEqual(['text', 'category', 'id']);
  });

  it('a CSV with a missing column or an empty label gets a clear error and exit code 2', async () => {
    const noLabel = join(dir.path, 'no-label.csv');
    writeFileSync(noLabel, 'text,category\nmy card never came,billing\nwhere is my refund,\n');
    const missing = await cli(
      'train',
      '--data',
      noLabel,
      '--label-col',
      'intent',
      '--out',
      join(dir.path, 'x.json'),
    );
    expect(missing.code).toBe(2);
    expect(missing.stderr).toContain(`train: ${noLabel} has no column "intent" (columns: text, category)`);
    const empty = await cli('eval', 'classify', '--train', noLabel, '--test', noLabel);
    expect(empty.code).toBe(2);
    expect(empty.stderr).toContain(`${noLabel} row 3: empty label in "category"`);
  });
});
