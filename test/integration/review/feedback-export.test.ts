import { execFile } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, describe, expect, it } from 'vitest';
import { readLabelledCsvFile } from '../../../src/analysis/classifier/csv.reader.js';
import { TextClassifier } from '../../../src/analysis/classifier/text-classifier.js';
import { buildTestApp, sampleTicket, tempDir } from '../../helpers/build-test-app.js';

const run = promisify(execFile);
const dir = tempDir('feedback-export-');
afterAll(() => dir.remove());

const cli = (args: string[], env: Record<string, string> = {}) =>
  run('node', ['bin/support-agent.js', ...args], { env: { ...process.env, LOG_LEVEL: 'silent', ...env } });

describe('feedback export round-trips into train', () => {
  it('exports corrected tickets in the train CSV format, and train builds a model from it', async () => {
    const db = join(dir.path, 'tickets.db');
    const t = await buildTestApp({ sqlitePath: db });
    const tickets = [
      ['Invoice shows the wrong VAT', 'My invoice, for March, has the wrong "VAT" number on it.', 'billing'],
      ['Charged for a seat I removed', 'We removed a member but are still billed for the seat.', 'billing'],
      ['App crashes on start', 'The desktop app crashes every time I open it since the update.', 'technical'],
      ['Sync never finishes', 'My notes never sync to my phone, the spinner keeps going.', 'technical'],
    ] as const;
    for (const [i, [subject, body, category]] of tickets.entries()) {
      await t.app.inject({ method: 'POST', url: '/tickets', payload: { ...sampleTicket, ticket_id: `EX-${i}`, subject, body } });
      const res = await t.app.inject({ method: 'POST', url: `/tickets/EX-${i}/feedback`, payload: { rating: 'down', corrected: { category, ...(i === 0 ? { priority: 'low' } : {}) } } });
      expect(res.statusCode).toBe(201);
    }
    // Feedback without a correction is not exported.
    await t.app.inject({ method: 'POST', url: '/tickets', payload: { ...sampleTicket, ticket_id: 'EX-up' } });
    await t.app.inject({ method: 'POST', url: '/tickets/EX-up/feedback', payload: { rating: 'up' } });
    const ex0 = (await t.deps.store.get('EX-0'))!;
    await t.close();

    const out = join(dir.path, 'corrections.csv');
    const exported = await cli(['feedback', 'export', '--out', out], { DATABASE_URL: `sqlite:${db}` });
    expect(JSON.parse(exported.stdout)).toMatchObject({ out, rows: 4, skipped: 0 });
    expect(exported.stderr).toContain('feedback export: 4 corrected tickets written');
    expect(readFileSync(out, 'utf8').split('\n')[0]).toBe('text,category,priority,sentiment');
    const rows = readLabelledCsvFile(out, { textCol: 'text', labelCol: 'category' });
    expect(rows.map((r) => r.label)).toEqual(['billing', 'billing', 'technical', 'technical']);
    // Text as the analyzer sees it; corrected labels win, the analyzer's fill the rest.
    expect(rows[0]!.text).toBe(`${tickets[0][0]}\n${tickets[0][1]}`);
    expect(rows[0]!.fields).toMatchObject({ priority: 'low', sentiment: ex0.analysis!.sentiment });

    const model = join(dir.path, 'category.json');
    const trained = await cli(['train', '--data', out, '--field', 'category', '--out', model]);
    expect(JSON.parse(trained.stdout)).toMatchObject({ field: 'category', examples: 4, labels: 2 });
    const classifier = TextClassifier.load(model);
    expect(classifier.labels.sort()).toEqual(['billing', 'technical']);
    expect(classifier.predict('billed for a seat on my invoice', 1)[0]!.label).toBe('billing');
  }, 60_000);
});
