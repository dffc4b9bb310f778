import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { buildProviderChain } from '../../src/llm/provider-factory.js';
import { de } from '../../src/synthesis/i18n/de.js';
import { en } from '../../src/synthesis/i18n/en.js';
import { buildTestApp, testConfig, type TestApp } from '../helpers/build-test-app.js';
import { fastRetry } from '../helpers/llm.js';
import { FakeAnthropic } from '../fakes/fake-anthropic.js';

const GERMAN = {
  subject: 'Export als PDF schlägt fehl',
  body: 'Hallo, jedes Mal wenn ich unseren Arbeitsbereich als PDF exportiere, bricht der Export nach ein paar Minuten ab. Können Sie mir bitte helfen?',
  customer_id: 'CUST-1001',
  channel: 'email',
};
const ITALIAN = {
  subject: "L'esportazione in PDF non funziona",
  body: "Buongiorno, ogni volta che esporto il nostro spazio di lavoro in PDF l'esportazione si interrompe dopo qualche minuto. Potete aiutarmi?",
  customer_id: 'CUST-1001',
  channel: 'email',
};

const apps: TestApp[] = [];
afterAll(async () => {
  for (const a of apps) await a.close();
});

async function submit(t: TestApp, ticket: typeof GERMAN) {
  const res = await t.app.inject({ method: 'POST', url: '/tickets', payload: { ...ticket, ticket_id: `L-${Math.random().toString(36).slice(2)}` } });
  expect(res.statusCode).toBe(201);
  return res.json();
}

describe('language, local provider', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await buildTestApp();
    apps.push(t);
  });

  it('records the detected language and replies in German from the templates', async () => {
    const out = await submit(t, GERMAN);
    expect(out.analysis.language.code).toBe('de');
    expect(out.analysis.language.confidence).toBeGreaterThan(0.5);
    expect(out.response.response_text).toContain(de.signOff);
    expect(out.response.response_text).not.toContain(en.signOff);
  });

  it('an Italian ticket is recorded as it and answered in English, flagged for the reviewer', async () => {
    const out = await submit(t, ITALIAN);
    expect(out.analysis.language.code).toBe('it');
    expect(out.response.response_text).toContain(en.signOff);
    expect(out.response.suggested_actions.join('\n')).toMatch(/"it".*English/);
  });
});

describe('language, risky tickets in German, French and Spanish', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await buildTestApp();
    apps.push(t);
  });

  it.each([
    ['de', 'Alle Notizen sind weg', 'Nach der Synchronisierung sind alle unsere Notizen weg. Wenn das nicht heute behoben wird, schalte ich meinen Anwalt ein.', 'meldet sich'],
    ['fr', 'Compte piraté', 'Mon compte a été piraté hier soir et toutes nos données ont été supprimées. Nous allons contacter notre avocat.', 'vous répondra'],
    ['es', 'Documentos borrados', 'Todos los documentos han sido borrados después de la sincronización. Vamos a demandar a su empresa.', 'le responderá'],
  ])('%s: legal threats and data loss escalate, hold the draft and promise a follow-up in the language', async (lang, subject, body, followUp) => {
    const out = await submit(t, { subject, body, customer_id: 'CUST-1003', channel: 'email' });
    expect(out.analysis.language.code).toBe(lang);
    expect(out.analysis.requires_human_escalation).toBe(true);
    expect(out.analysis.escalation_reasons.join('; ')).toMatch(/legal threat/);
    expect(out.review.state).toBe('pending_review');
    expect(out.review.reasons.join('; ')).toMatch(/mentions/);
    expect(out.response.response_text).toContain(followUp);
  });
});

describe('language, model provider (fake Anthropic)', () => {
  const fake = new FakeAnthropic();
  let t: TestApp;
  beforeAll(async () => {
    await fake.start();
    const config = testConfig({ ANTHROPIC_API_KEY: 'k', ANTHROPIC_BASE_URL: fake.url });
    t = await buildTestApp({ parts: { provider: buildProviderChain(config, { retry: fastRetry() }) } });
    apps.push(t);
  });
  afterAll(() => fake.stop());
  beforeEach(() => {
    fake.reset();
    fake.transform = {};
  });

  it('records the locally detected language over the model’s, and asks the model to reply in it', async () => {
    fake.transform.ticket_analysis = (a) => ({ ...a, language: { code: 'en', confidence: 1 } });
    const out = await submit(t, GERMAN);
    expect(out.analysis.language.code).toBe('de');
    const draft = fake.requests.find((r) => r.body.tools?.[0]?.name === 'draft_reply');
    expect(draft).toBeDefined();
    const sent = JSON.stringify(draft!.body);
    expect(sent).toContain('reply_language');
    expect(sent).toMatch(/\\"reply_language\\":\{\\"code\\":\\"de\\",\\"name\\":\\"German\\"\}/);
  });
});
