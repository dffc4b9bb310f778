import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp } from '../../../src/app.js';
import { createDeps, type Deps } from '../../../src/container.js';
import { silentLogger } from '../../../src/logger.js';
import { testConfig } from '../../helpers/build-test-app.js';
import { FakeAnthropic } from '../../fakes/fake-anthropic.js';

const PII = {
  email: 'jonas.becker@example.com',
  phone: '+49 30 901820 44',
  card: '4111 1111 1111 1111',
  iban: 'DE89 3704 0044 0532 0130 00',
  ssn: '078-05-1120',
  ip: '203.0.113.77',
  secret: 'sk-live-9f8e7d6c5b4a39281706f5e4',
};

const fake = new FakeAnthropic();
let app: FastifyInstance;
let deps: Deps;

beforeAll(async () => {
  await fake.start();
  // The service as deployed: createDeps builds the chain, with redaction around the Claude provider.
  const config = testConfig({ ANTHROPIC_API_KEY: 'sk-ant-e2e', ANTHROPIC_BASE_URL: fake.url });
  deps = await createDeps(config, silentLogger);
  app = await buildApp({ config, deps });
  await app.ready();
});
afterAll(async () => {
  await app.close();
  await deps.close();
  await fake.stop();
});

describe('PII redaction on the wire (fake Claude over real HTTP, production wiring)', () => {
  it('no personal data of any kind reaches the model API, and the trace counts what was hidden', async () => {
    const res = await app.inject({
      method: 'POST',
      url: '/tickets',
      payload: {
        subject: 'Charged twice for my Business plan',
        body:
          `I was charged twice (TXN-88231) on card ${PII.card}. Please refund to ${PII.iban}. ` +
          `Reach me at ${PII.email} or ${PII.phone}. My SSN ${PII.ssn} is on file; I logged in from ${PII.ip}. ` +
          `Support asked for my API key, it is api_key: ${PII.secret}.`,
        customer_id: 'CUST-1001',
      },
    });
    const body = res.json();
    expect(res.statusCode, JSON.stringify(body)).toBe(201);
    expect(body.provider, JSON.stringify({ status: body.status, error: body.error })).toBe('anthropic');
    expect(fake.requests.length).toBeGreaterThanOrEqual(4);
    const wire = JSON.stringify(fake.requests.map((r) => r.body));
    for (const [kind, value] of Object.entries(PII)) {
      expect(wire, kind).not.toContain(value);
      expect(wire, kind).not.toContain(value.replace(/\s/g, ''));
    }
    // What the model saw instead: placeholders, and the facts support needs (ids) left intact.
    expect(wire).toMatch(/\[EMAIL_\d+\]/);
    expect(wire).toContain('TXN-88231');
    const analyzer = body.trace.find((t: { agent: string }) => t.agent === 'analyzer');
    expect(analyzer.redactions).toMatchObject({ email: 1, phone: 1, card: 1, iban: 1, ssn: 1, ip: 1, secret: 1 });
    expect(JSON.stringify(body.trace)).not.toContain(PII.email);
  });
});
