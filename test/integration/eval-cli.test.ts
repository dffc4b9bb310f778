import { spawnSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { tempDir } from '../helpers/build-test-app.js';

const tmp = tempDir('eval-cli-');
afterAll(() => tmp.remove());

const cli = (args: string[]) => {
  const r = spawnSync(process.execPath, ['bin/support-agent.js', ...args], {
    encoding: 'utf8',
    env: { ...process.env, LOG_LEVEL: 'warn', DATABASE_URL: '', CI: 'true' },
  });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
};
const SCENARIOS = 'data/sample_tickets/test_cases.json';

describe('support-agent eval', () => {
  it('eval run --json scores a labelled tickets file: accuracy with intervals, quality, latency, cost', () => {
    const out = join(tmp.path, 'run.json');
    const r = cli(['eval', 'run', '--dataset', SCENARIOS, '--variant', 'concise', '--json', '--out', out]);
    expect(r.code, r.stderr).toBe(0);
    const report = JSON.parse(r.stdout);
    expect(report.variant.name).toBe('concise');
    expect(report.summary.tickets).toBe(15);
    expect(report.summary.accuracy.category).toMatchObject({ n: 15 });
    expect(report.summary.accuracy.category.ci[0]).toBeLessThanOrEqual(report.summary.accuracy.category.value);
    expect(report.summary.quality.mean).toBeGreaterThan(0.5);
    expect(report.summary.latency_ms.p95).toBeGreaterThan(0);
    expect(report.summary.cost_usd).toEqual({ total: 0, per_ticket: 0 });
    expect(report.cases).toHaveLength(15);
    expect(JSON.parse(readFileSync(out, 'utf8'))).toEqual(report);
    // Not a terminal: plain progress lines, no carriage-return bar.
    expect(r.stderr).toMatch(/eval concise 15\/15/);
    expect(r.stderr).not.toContain('\r');
  });

  it('eval ab --json on two identical variants: same triage, quality and cost, p = 1', () => {
    const r = cli(['eval', 'ab', '--a', 'baseline', '--b', 'baseline-copy', '--dataset', SCENARIOS, '--json']);
    expect(r.code, r.stderr).toBe(0);
    const report = JSON.parse(r.stdout);
    const byName = Object.fromEntries(report.metrics.map((m: { metric: string }) => [m.metric, m]));
    for (const m of ['category_accuracy', 'escalation_accuracy', 'quality_score', 'cost_usd']) {
      expect(byName[m], m).toMatchObject({ p_value: 1, significant: false, sample_size_needed: null });
    }
    expect(byName.latency_ms).toMatchObject({ test: 'paired-t', n: 15 });
  });

  it('rejects an unknown variant and a file that is not a labelled tickets file, saying why', () => {
    const unknown = cli(['eval', 'run', '--dataset', SCENARIOS, '--variant', 'nope']);
    expect(unknown.code).toBe(2);
    expect(unknown.stderr).toMatch(/unknown variant "nope"; the variants file defines: baseline, concise/);
    const bad = join(tmp.path, 'bad.json');
    writeFileSync(bad, JSON.stringify([{ id: 'x', ticket: { subject: 'no body' }, expected: {} }]));
    const badRun = cli(['eval', 'ab', '--a', 'baseline', '--b', 'concise', '--dataset', bad]);
    expect(badRun.code).toBe(2);
    expect(badRun.stderr).toMatch(/is not a labelled tickets file:\n {2}- 0\.ticket\.body: body is required/);
  });

  it('scenarios --json also reports quality, latency and cost, and writes them per case', () => {
    const r = cli(['scenarios', '--json', '--out', tmp.path]);
    expect(r.code, r.stderr).toBe(0);
    const summary = JSON.parse(r.stdout);
    expect(summary.quality.mean).toBeGreaterThan(0.9);
    expect(summary.latency_ms.p50).toBeGreaterThan(0);
    expect(summary.cost_usd).toMatchObject({ total: 0, per_ticket: 0 });
    const written = JSON.parse(readFileSync(join(tmp.path, 'test_results.json'), 'utf8'));
    expect(written.cases[0]).toHaveProperty('quality');
    expect(written.cases[0]).toHaveProperty('cost_usd');
  });
});
