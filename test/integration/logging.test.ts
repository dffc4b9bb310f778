import { Writable } from 'node:stream';
import { pino } from 'pino';
import { describe, expect, it } from 'vitest';
import { buildApp } from '../../src/app.js';
import { loggerOptions } from '../../src/logger.js';
import { buildTestApp } from '../helpers/build-test-app.js';

describe('logging', () => {
  it('logs each request with its id at info, but never the ticket body or a key', async () => {
    const lines: string[] = [];
    const sink = new Writable({
      write(chunk, _enc, done) {
        lines.push(String(chunk));
        done();
      },
    });
    const logger = pino(loggerOptions('info', false), sink);
    const t = await buildTestApp();
    const app = await buildApp({ config: t.config, deps: t.deps, logger });
    try {
      const secretBody = 'My card 4111 1111 1111 1111 was charged twice, invoice INV-99881 SECRET-BODY-MARKER';
      const res = await app.inject({
        method: 'POST',
        url: '/tickets',
        headers: { authorization: 'Bearer sk-live-SECRET-KEY-MARKER', 'x-request-id': 'req-log-test-1' },
        payload: { subject: 'Charged twice', body: secretBody },
      });
      expect(res.statusCode).toBe(201);
      const output = lines.join('');
      expect(output).toContain('req-log-test-1');
      expect(output).toContain('"url":"/tickets"');
      expect(output).not.toContain('SECRET-BODY-MARKER');
      expect(output).not.toContain('4111');
      expect(output).not.toContain('SECRET-KEY-MARKER');
    } finally {
      await app.close();
      await t.close();
    }
  });
});
