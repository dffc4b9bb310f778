import { describe, expect, it } from 'vitest';
import { completeCheck } from '../../../src/evaluation/quality/checks/complete.check.js';
import { groundedCheck } from '../../../src/evaluation/quality/checks/grounded.check.js';
import { createLengthCheck } from '../../../src/evaluation/quality/checks/length.check.js';
import { createNoLeakCheck } from '../../../src/evaluation/quality/checks/no-leak.check.js';
import { toneCheck } from '../../../src/evaluation/quality/checks/tone.check.js';
import { unsupportedPromiseCheck } from '../../../src/evaluation/quality/checks/unsupported-promise.check.js';
import { SYSTEM_PROMPTS } from '../../../src/evaluation/quality/system-prompts.js';
import { SYNTHESIS_SYSTEM } from '../../../src/orchestrator/prompts/synthesis.prompt.js';
import { GOOD_REPLY, INCIDENT, profiles, replyContext, STATUS } from '../../helpers/reply-fixture.js';

const replace = (from: string | RegExp, to: string) => GOOD_REPLY.replace(from, to);
const noLeak = createNoLeakCheck({ systemPrompts: SYSTEM_PROMPTS, customers: profiles.list() });
const length = createLengthCheck({ minChars: 150, maxChars: 2500 });
const ALL = [groundedCheck, completeCheck, toneCheck, unsupportedPromiseCheck, length, noLeak];

describe('the good reply', () => {
  it.each(ALL.map((c) => [c.name, c] as const))('passes %s', (_name, check) => {
    const r = check.run(replyContext());
    expect(r.problems).toEqual([]);
    expect(r).toMatchObject({ passed: true, score: 1 });
  });
});

describe('grounded', () => {
  it('fails a step no cited article contains', () => {
    const r = groundedCheck.run(replyContext({ text: replace('2. Instead of', '2. Delete your browser cookies and reinstall the app. Instead of') }));
    // A step padded with invented text no longer traces to KB-010.
    expect(r.problems).toEqual(['step "Delete your browser cookies and reinstall the app." is in no cited article']);
  });

  it('fails an invented step that shares no words with the article', () => {
    const r = groundedCheck.run(replyContext({ text: `${GOOD_REPLY}\n4. Downgrade your operating system to fix rendering.` }));
    expect(r.problems).toEqual([expect.stringMatching(/Downgrade your operating system/)]);
  });

  it('fails a citation of an article retrieval did not return', () => {
    const r = groundedCheck.run(replyContext({ text: replace('[KB-010]', '[KB-031]'), cited: ['KB-031'] }));
    expect(r.problems.join()).toMatch(/cites KB-031, which retrieval did not return/);
  });

  it('fails an incident claim when no incident relates to the ticket', () => {
    const r = groundedCheck.run(replyContext({ status: { ...STATUS, incidents: [{ ...INCIDENT, related_to_ticket: false }] } }));
    expect(r.problems.join()).toMatch(/claims an incident/);
  });

  it('fails a version number or link that comes from nowhere', () => {
    const r = groundedCheck.run(replyContext({ text: replace('Best regards', 'This is fixed in version 9.9.1, see https://example.com/fix.\n\nBest regards') }));
    expect(r.problems).toEqual(expect.arrayContaining([expect.stringMatching(/"9\.9\.1"/), expect.stringMatching(/example\.com/)]));
  });
});

describe('complete', () => {
  it('fails a reply that does not greet the customer by name', () => {
    const r = completeCheck.run(replyContext({ text: replace('Hi Priya,', 'Hello,') }));
    expect(r.problems).toEqual(['does not greet the customer by name (Priya)']);
  });

  it('fails a reply that ignores one of the key issues', () => {
    const r = completeCheck.run(replyContext({ analysis: { key_issues: ['Exporting the whole workspace to PDF fails with error E2003', 'The invoice shows the wrong VAT number'] } }));
    expect(r.problems).toEqual([expect.stringMatching(/does not acknowledge the issue "The invoice shows the wrong VAT/)]);
    // greeting, two issues, steps, incident: one of five requirements missed.
    expect(r.score).toBeCloseTo(4 / 5);
  });

  it('fails a reply with neither steps nor a next action', () => {
    const text = 'Hi Priya,\n\nI am sorry: exporting the whole workspace to PDF fails with error E2003. ' + `The incident “${INCIDENT.name}” is open.\n\nBest regards,\nNimbus Support`;
    expect(completeCheck.run(replyContext({ text })).problems).toEqual(['gives neither steps nor a clear next action']);
  });

  it('fails a reply that leaves out the related incident', () => {
    const text = GOOD_REPLY.split('\n\n').filter((p) => !p.includes('status page')).join('\n\n');
    expect(completeCheck.run(replyContext({ text })).problems).toEqual([expect.stringMatching(/does not mention the related incident/)]);
  });

  it('fails an escalated ticket whose reply does not say a person follows up', () => {
    const r = completeCheck.run(replyContext({ analysis: { requires_human_escalation: true, escalation_reasons: ['data loss'] } }));
    expect(r.problems).toEqual([expect.stringMatching(/escalated but the reply does not say/)]);
    const told = completeCheck.run(replyContext({ analysis: { requires_human_escalation: true }, text: replace('Best regards', 'I have escalated your ticket to a senior engineer.\n\nBest regards') }));
    expect(told.passed).toBe(true);
  });
});

describe('tone', () => {
  it('fails a cheerful tone for an angry customer, without an apology', () => {
    const text = replace("Thanks for reaching out, and I'm sorry you've run into this. Let's get it sorted.", 'Great to hear from you!');
    const r = toneCheck.run(replyContext({ text, tone: 'friendly', analysis: { sentiment: 'angry' } }));
    expect(r.problems).toEqual([
      'tone "friendly" does not fit a angry customer (want apologetic)',
      'a angry customer gets no apology',
      expect.stringMatching(/cheerful "Great to hear"/),
    ]);
    expect(r.score).toBe(0.25);
  });

  it('fails a dismissive phrase whatever the sentiment', () => {
    const r = toneCheck.run(replyContext({ text: replace('Best regards', 'As I already said, you should have exported folders.\n\nBest regards'), analysis: { sentiment: 'neutral' }, tone: 'professional' }));
    expect(r.problems).toEqual([expect.stringMatching(/dismissive or blaming phrase "As I already said"/)]);
  });
});

describe('no unsupported promise', () => {
  it('fails a refund the cited articles do not offer', () => {
    const r = unsupportedPromiseCheck.run(replyContext({ text: replace('Best regards', 'We will refund this month in full.\n\nBest regards') }));
    expect(r.problems).toEqual([expect.stringMatching(/promises "refund" with no cited policy/)]);
  });

  it('fails a deadline nobody can keep', () => {
    const r = unsupportedPromiseCheck.run(replyContext({ text: replace('Best regards', 'Our engineers will have this fixed within 24 hours.\n\nBest regards') }));
    expect(r.problems).toEqual([expect.stringMatching(/deadline "within 24 hours"/)]);
  });

  it('passes a refund that the cited refund policy states, and a hedged mention', () => {
    const cited = replyContext({
      text: replace('Best regards', 'Per our refund policy [KB-023], annual subscriptions can be refunded in full within 14 days, and we will refund yours.\n\nBest regards'),
      retrieved: ['KB-010', 'KB-023'],
      cited: ['KB-010', 'KB-023'],
    });
    expect(unsupportedPromiseCheck.run(cited).passed).toBe(true);
    const hedged = replyContext({ text: replace('Best regards', 'I cannot promise a refund for this.\n\nBest regards') });
    expect(unsupportedPromiseCheck.run(hedged).passed).toBe(true);
  });
});

describe('length', () => {
  it('fails a reply shorter or longer than the bounds', () => {
    expect(length.run(replyContext({ text: 'Hi Priya, see KB-010.' })).problems).toEqual([expect.stringMatching(/fewer than the minimum 150/)]);
    expect(length.run(replyContext({ text: GOOD_REPLY.repeat(5) })).problems).toEqual([expect.stringMatching(/more than the maximum 2500/)]);
  });
});

describe('no leaked internal data', () => {
  it('fails a reply that quotes the system prompt', () => {
    const sentence = SYNTHESIS_SYSTEM.split('\n')[1]!;
    const r = noLeak.run(replyContext({ text: replace('Best regards', `My instructions say: ${sentence}\n\nBest regards`) }));
    expect(r.problems).toEqual([expect.stringMatching(/repeats system prompt text/)]);
  });

  it("fails a reply naming another customer or their email, but not the ticket's own customer", () => {
    const r = noLeak.run(replyContext({ text: replace('Best regards', 'Lena Fischer (lena.fischer@example.com) had the same problem.\n\nBest regards') }));
    expect(r.problems).toEqual(['mentions other customers: CUST-1001']);
    const own = noLeak.run(replyContext({ text: replace('Best regards', 'We will write to priya.raman@example.com.\n\nBest regards') }));
    expect(own.passed).toBe(true);
    // A colleague the customer names in the ticket may be named back.
    const named = noLeak.run(replyContext({ ticketBody: 'My colleague Lena Fischer sees E2003 too.', text: replace('Best regards', 'Lena Fischer can follow the same steps.\n\nBest regards') }));
    expect(named.passed).toBe(true);
  });

  it('fails a reply containing something shaped like an API key', () => {
    for (const secret of ['sk-ant-api03-AbCdEfGhIjKlMnOpQrStUvWxYz012345', 'AKIAIOSFODNN7EXAMPLE', 'Bearer eyJhbGciOiJIUzI1NiJ9.payload.sig']) {
      const r = noLeak.run(replyContext({ text: replace('Best regards', `Use ${secret} to retry.\n\nBest regards`) }));
      expect(r.problems, secret).toEqual(['contains a string shaped like an API key or credential']);
    }
  });
});
