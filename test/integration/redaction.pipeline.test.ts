import { describe, expect, it } from 'vitest';
import { withRedaction } from '../../src/container.js';
import type { DraftResponse } from '../../src/schemas/response.schema.js';
import { TicketResultSchema } from '../../src/schemas/result.schema.js';
import { buildTestApp, testConfig } from '../helpers/build-test-app.js';
import { RecordingProvider } from '../helpers/recording-provider.js';

const PII = {
  email: 'jonas.becker@example.com',
  phone: '+49 30 901820 44',
  card: '4111 1111 1111 1111',
  iban: 'DE89 3704 0044 0532 0130 00',
  ssn: '078-05-1120',
  ip: '203.0.113.77',
  secret: 'sk-live-9f8e7d6c5b4a39281706f5e4',
};

const ticket = {
  subject: 'Charged twice for my Business plan',
  body:
    `I was charged twice (TXN-88231) on card ${PII.card}. Please refund to ${PII.iban}. ` +
    `Reach me at ${PII.email} or ${PII.phone}. My SSN ${PII.ssn} is on file; I logged in from ${PII.ip}. ` +
    `Support asked for my API key, it is api_key: ${PII.secret}. Error E4020 on checkout.`,
  customer_id: 'CUST-1001',
};

/** A "model" that writes the customer's email placeholder into its reply, as a real one would. */
const provider = new RecordingProvider((agent, data, prompt) => {
  if (agent !== 'synthesis') return data;
  const email = /\[EMAIL_\d+\]/.exec(prompt.user)?.[0] ?? '(no placeholder)';
  const reply = data as DraftResponse;
  return { ...reply, response_text: `${reply.response_text}\n\nWe will confirm the refund at ${email}.` };
});

describe('PII redaction through the pipeline (default wrapper from container.withRedaction)', () => {
  it('sends no personal data to the provider, restores it in the reply and counts it in the trace', async () => {
    const t = await buildTestApp({ parts: { provider: withRedaction(provider, testConfig()) } });
    try {
      const res = await t.app.inject({ method: 'POST', url: '/tickets', payload: ticket });
      expect(res.statusCode).toBe(201);

      // What left the process: every agent's prompt, and none carries a value.
      expect(provider.received.map((r) => r.agent).sort()).toEqual([
        'analyzer',
        'knowledge',
        'status',
        'synthesis',
      ]);
      const sent = JSON.stringify(provider.received);
      for (const value of Object.values(PII)) expect(sent).not.toContain(value);
      expect(sent).toContain('TXN-88231');
      expect(sent).toContain('E4020');

      const body = TicketResultSchema.parse(res.json());
      expect(body.response?.response_text).toContain(`We will confirm the refund at ${PII.email}.`);
      expect(JSON.stringify(body.response)).not.toMatch(/\[(EMAIL|PHONE|CARD|IBAN|SSN|IP|SECRET)_\d+\]/);
      const analyzer = body.trace?.find((s) => s.agent === 'analyzer');
      expect(analyzer?.redactions).toEqual({
        email: 1,
        phone: 1,
        card: 1,
        iban: 1,
        ssn: 1,
        ip: 1,
        secret: 1,
      });
      // Counts only: no trace field carries a value.
      const trace = JSON.stringify(body.trace);
      for (const value of Object.values(PII)) expect(trace).not.toContain(value);
      expect(analyzer?.provider).toBe('recording');
    } finally {
      await t.close();
    }
  });

  it('is configurable: PII_REDACTION=false sends the text as written', async () => {
    const raw = new RecordingProvider();
    const t = await buildTestApp({
      parts: { provider: withRedaction(raw, testConfig({ PII_REDACTION: 'false' })) },
    });
    try {
      const res = await t.app.inject({ method: 'POST', url: '/tickets', payload: ticket });
      expect(res.statusCode).toBe(201);
      expect(JSON.stringify(raw.received)).toContain(PII.email);
      expect(res.json().trace[0].redactions).toBeUndefined();
    } finally {
      await t.close();
    }
  });
});
