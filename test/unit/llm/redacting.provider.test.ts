import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import type { StructuredRequest } from '../../../src/llm/llm-provider.js';
import { LocalProvider } from '../../../src/llm/local.provider.js';
import { PLACEHOLDER_NOTICE, RedactingProvider } from '../../../src/llm/redacting.provider.js';
import { PiiRedactor } from '../../../src/privacy/pii-redactor.js';
import { RecordingProvider } from '../../helpers/recording-provider.js';

const Out = z.object({ reply: z.string(), notes: z.array(z.string()) });
type Out = z.infer<typeof Out>;

const PII = ['jane@example.com', '+44 20 7946 0958', '4111 1111 1111 1111', 'DE89 3704 0044 0532 0130 00'];

function request(
  user: string,
  local: Out = { reply: 'ok', notes: [] },
): StructuredRequest<Out> & { built: number } {
  const req = {
    built: 0,
    agent: 'synthesis' as const,
    schemaName: 'reply',
    schema: Out,
    prompt: () => {
      req.built++;
      return { system: 'You write replies.', user };
    },
    local: () => local,
    localModel: 'local-test',
  };
  return req;
}

describe('RedactingProvider', () => {
  it('sends the inner provider no personal data, restores placeholders in the output and counts per kind', async () => {
    const inner = new RecordingProvider((_agent, data, prompt) => ({
      ...(data as Out),
      reply: `We will call ${/\[PHONE_\d\]/.exec(prompt.user)?.[0]} and write to ${/\[EMAIL_\d\]/.exec(prompt.user)?.[0]}.`,
      notes: [
        `refund to ${/\[IBAN_\d\]/.exec(prompt.user)?.[0]}`,
        `card ${/\[CARD_\d\]/.exec(prompt.user)?.[0]}`,
      ],
    }));
    const provider = new RedactingProvider(inner, new PiiRedactor());
    const res = await provider.generate(
      request(`Mail ${PII[0]}, phone ${PII[1]}, card ${PII[2]}, IBAN ${PII[3]}.`),
    );

    expect(inner.received).toHaveLength(1);
    const sent = JSON.stringify(inner.received);
    for (const value of PII) expect(sent).not.toContain(value);
    expect(inner.received[0]?.user).toContain(PLACEHOLDER_NOTICE);
    expect(res.data).toEqual({
      reply: 'We will call +44 20 7946 0958 and write to jane@example.com.',
      notes: ['refund to DE89 3704 0044 0532 0130 00', 'card •••• 1111'],
    });
    expect(res.redactions).toEqual({ email: 1, phone: 1, card: 1, iban: 1 });
    expect(res.provider).toBe('recording');
    expect(provider.name).toBe('recording');
  });

  it('gives the same placeholders when a provider builds the prompt again (a retry)', async () => {
    const inner = new RecordingProvider();
    const retrying = {
      name: 'retrying',
      health: inner.health.bind(inner),
      generate: async <T>(req: StructuredRequest<T>) => {
        req.prompt();
        return inner.generate(req);
      },
    };
    await new RedactingProvider(retrying, new PiiRedactor()).generate(
      request(`Mail ${PII[0]} or bob@example.org`),
    );
    expect(inner.received[0]?.user).toMatch(/^Mail \[EMAIL_1\] or \[EMAIL_2\]/);
  });

  it('adds no notice and no counts when there is nothing to hide', async () => {
    const inner = new RecordingProvider();
    const res = await new RedactingProvider(inner, new PiiRedactor()).generate(
      request('Export fails with E2003 since v4.8.1.'),
    );
    expect(inner.received[0]?.user).toBe('Export fails with E2003 since v4.8.1.');
    expect(res.redactions).toBeUndefined();
  });

  it('leaves the offline provider alone: it builds no prompt, so nothing is redacted or counted', async () => {
    const req = request(`Mail ${PII[0]}`, { reply: `Written to ${PII[0]}`, notes: [] });
    const res = await new RedactingProvider(new LocalProvider(), new PiiRedactor()).generate(req);
    expect(req.built).toBe(0);
    expect(res.data.reply).toBe(`Written to ${PII[0]}`);
    expect(res.redactions).toBeUndefined();
    expect(res.provider).toBe('local');
  });
});
