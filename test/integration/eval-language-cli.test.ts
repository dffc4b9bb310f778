import { execFile } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, describe, expect, it } from 'vitest';
import { tempDir } from '../helpers/build-test-app.js';

const run = promisify(execFile);
const dir = tempDir('eval-language-');
afterAll(() => dir.remove());

async function cli(...args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  try {
    const { stdout, stderr } = await run('node', ['bin/support-agent.js', ...args], { env: { ...process.env, LOG_LEVEL: 'silent' } });
    return { code: 0, stdout, stderr };
  } catch (err) {
    const e = err as { code: number; stdout: string; stderr: string };
    return { code: e.code, stdout: e.stdout, stderr: e.stderr };
  }
}

// Five rows: four the detector gets right, one labelled wrongly on purpose (a German text marked "fr").
const FIXTURE = [
  'text,language,length',
  '"Passwort vergessen",de,short',
  '"Olvidé mi contraseña",es,short',
  '"Hello, since yesterday\'s update the desktop app crashes whenever I open a shared folder. I reinstalled it twice, please help.",en,long',
  '"Bonjour, depuis la dernière mise à jour, l\'application plante chaque fois que j\'ouvre un dossier partagé. Merci de votre aide.",fr,long',
  '"Unsere Slack-Integration sendet keine Benachrichtigungen mehr über neue Kommentare.",fr,long',
].join('\n');

describe('support-agent eval language', () => {
  it('scores a check set: overall, short vs long, per language, confusions, latency, detector and load time', async () => {
    const csv = join(dir.path, 'check.csv');
    writeFileSync(csv, FIXTURE);
    const r = await cli('eval', 'language', '--dataset', csv, '--json');
    expect(r.code).toBe(0);
    const report = JSON.parse(r.stdout);
    expect(report.detector).toBe('eld-extrasmall');
    expect(report.load_ms).toBeGreaterThan(0);
    expect(report.overall).toEqual({ n: 5, correct: 4, accuracy: 0.8 });
    expect(report.short).toEqual({ n: 2, correct: 2, accuracy: 1 });
    expect(report.long).toEqual({ n: 3, correct: 2, accuracy: 0.6667 });
    expect(report.per_language.find((l: { language: string }) => l.language === 'fr')).toMatchObject({ n: 2, correct: 1 });
    expect(report.confusions).toEqual([expect.objectContaining({ expected: 'fr', detected: 'de', count: 1 })]);
    expect(report.latency_ms.p95).toBeGreaterThanOrEqual(report.latency_ms.p50);

    const table = await cli('eval', 'language', '--dataset', csv);
    expect(table.code).toBe(0);
    expect(table.stdout).toContain('accuracy 80.0% (4/5)');
    expect(table.stdout).toMatch(/1 {2}fr -> de/);
    expect(table.stderr).toContain('detect: 5/5 done');
  });

  it('a file without a language column is a usage error naming the columns', async () => {
    const csv = join(dir.path, 'bad.csv');
    writeFileSync(csv, 'text,label\n"hello",en\n');
    const r = await cli('eval', 'language', '--dataset', csv);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/needs the columns text and language/);
  });
});
