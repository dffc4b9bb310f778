import { execFileSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { TicketResultSchema } from '../../src/schemas/result.schema.js';

const cli = (args: string[], input?: string) =>
  execFileSync(process.execPath, ['bin/support-agent.js', ...args], {
    input,
    encoding: 'utf8',
    env: { ...process.env, LOG_LEVEL: 'warn', DATABASE_URL: '' },
    stdio: ['pipe', 'pipe', 'pipe'],
  });

describe('support-agent CLI', () => {
  it('--help lists the commands', () => {
    const out = cli(['--help']);
    for (const c of ['serve', 'process', 'scenarios', 'mock-status']) expect(out).toContain(c);
  });

  it('process - reads a ticket from stdin and prints its result as JSON', () => {
    const out = cli(['process', '-'], JSON.stringify({ subject: 'Slack stopped', body: 'Slack notifications fail with E4002 since the update', customer_id: 'CUST-1015' }));
    const result = TicketResultSchema.parse(JSON.parse(out));
    expect(result.status).toBe('completed');
    expect(result.analysis?.error_codes).toEqual(['E4002']);
  });

  it('process rejects a file that is not a ticket, naming the field', () => {
    let stderr = '';
    try {
      cli(['process', '-'], JSON.stringify({ subject: 'no body' }));
    } catch (err) {
      stderr = String((err as { stderr: string }).stderr);
      expect((err as { status: number }).status).toBe(2);
    }
    expect(stderr).toMatch(/body/);
  });
});
