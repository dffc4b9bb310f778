import { describe, expect, it } from 'vitest';
import { completeCheck } from '../../../src/evaluation/quality/checks/complete.check.js';
import { groundedCheck } from '../../../src/evaluation/quality/checks/grounded.check.js';
import { toneCheck } from '../../../src/evaluation/quality/checks/tone.check.js';
import { synthesisConcisePrompt } from '../../../src/orchestrator/prompts/synthesis-concise.prompt.js';
import { synthesisPrompt } from '../../../src/orchestrator/prompts/synthesis.prompt.js';
import type { Analysis } from '../../../src/schemas/analysis.schema.js';
import { composeConciseReply } from '../../../src/synthesis/concise-composer.js';
import { de } from '../../../src/synthesis/i18n/de.js';
import { en } from '../../../src/synthesis/i18n/en.js';
import { es } from '../../../src/synthesis/i18n/es.js';
import { fr } from '../../../src/synthesis/i18n/fr.js';
import { composeReply } from '../../../src/synthesis/local-composer.js';
import { checkReply } from '../../../src/synthesis/reply-check.js';
import { kb, replyContext } from '../../helpers/reply-fixture.js';

const inLanguage = (code: string, over: Partial<Analysis> = {}) => {
  const ctx = replyContext({ analysis: { ...over, language: { code, confidence: 0.9 } } });
  return { ctx, input: { analysis: ctx.analysis, knowledge: ctx.knowledge, systemStatus: ctx.systemStatus, profile: ctx.profile } };
};
const kb010 = kb.get('KB-010')!;

describe('local replies in the customer language', () => {
  it.each([
    ['de', de],
    ['fr', fr],
    ['es', es],
  ] as const)('%s: localized template text, the English-only note, and the article steps in English', (code, m) => {
    const { ctx, input } = inLanguage(code);
    const reply = composeReply(input);
    const text = reply.response_text;
    const name = ctx.profile!.name.split(' ')[0]!;
    expect(text.startsWith(m.greetingNamed(name))).toBe(true);
    expect(text).toContain(m.opening.empathetic);
    expect(text).toContain(m.englishOnly);
    expect(text).toContain(m.stepsIntro(kb010.title, 'KB-010'));
    for (const [i, step] of kb010.solution_steps.entries()) expect(text).toContain(`${i + 1}. ${step}`);
    expect(text).toContain(m.signOff);
    expect(text).not.toContain(en.opening.empathetic);
    expect(reply.cited_articles).toContain('KB-010');

    // The checks built for English replies pass a correct reply in another language.
    const checked = { ...ctx, response: reply };
    for (const check of [completeCheck, toneCheck, groundedCheck]) expect(check.run(checked).problems, check.name).toEqual([]);
    expect(checkReply(reply, ctx.knowledge.articles, (id) => kb.get(id)?.content).review_flags).toBeUndefined();
  });

  it('the concise template speaks the language too, with the note and the English steps', () => {
    const { input } = inLanguage('de', { requires_human_escalation: true, escalation_reasons: ['angry enterprise customer'] });
    const text = composeConciseReply(input).response_text;
    expect(text).toContain(de.englishOnly);
    expect(text).toContain(de.concise.steps(kb010.title, 'KB-010'));
    expect(text).toContain(`1. ${kb010.solution_steps[0]}`);
    expect(text).toContain(de.concise.escalation);
  });

  it('a German escalation and a missing article are said in German and still count as next actions', () => {
    const ctx = replyContext({ analysis: { language: { code: 'de', confidence: 1 }, requires_human_escalation: true, escalation_reasons: ['x'] }, retrieved: [] });
    const reply = composeReply({ analysis: ctx.analysis, knowledge: ctx.knowledge, systemStatus: ctx.systemStatus, profile: ctx.profile });
    expect(reply.response_text).toContain(de.noArticle);
    expect(reply.response_text).toContain(de.escalation);
    expect(completeCheck.run({ ...ctx, response: reply, knowledge: ctx.knowledge }).problems).toEqual([]);
  });

  it.each(['it', 'und'])('language %s gets the English reply, without the English-only note', (code) => {
    const { input } = inLanguage(code);
    const reply = composeReply(input);
    expect(reply.response_text).toContain(en.opening.empathetic);
    expect(reply.response_text).toContain(en.stepsIntro(kb010.title, 'KB-010'));
    for (const m of [de, fr, es]) expect(reply.response_text).not.toContain(m.englishOnly);
    const flagged = reply.suggested_actions.some((a) => a.includes('"it"') && a.includes('English'));
    expect(flagged).toBe(code === 'it');
  });

  it('no language recorded (results from before detection) is English, as before', () => {
    const ctx = replyContext();
    const reply = composeReply({ analysis: ctx.analysis, knowledge: ctx.knowledge, systemStatus: ctx.systemStatus, profile: ctx.profile });
    expect(reply.response_text).toContain(en.opening.empathetic);
  });
});

describe('LLM synthesis prompts', () => {
  const promptInput = (language?: Analysis['language']) => {
    const ctx = replyContext({ analysis: language ? { language } : {} });
    return {
      ticket: ctx.ticket,
      analysis: ctx.analysis,
      knowledge: ctx.knowledge,
      system_status: ctx.systemStatus,
      profile: ctx.profile,
    };
  };

  it.each([synthesisPrompt, synthesisConcisePrompt])('tell the model the reply language and that articles are English', (prompt) => {
    const p = prompt(promptInput({ code: 'fr', confidence: 0.95 }));
    expect(p.system).toMatch(/reply_language/);
    expect(p.system).toMatch(/only in English/);
    expect(p.user).toContain('"reply_language":{"code":"fr","name":"French"}');
  });

  it('asks for English when the detector could not tell or nothing was recorded', () => {
    expect(synthesisPrompt(promptInput({ code: 'und', confidence: 0.05 })).user).toContain('"reply_language":{"code":"en","name":"English"}');
    expect(synthesisPrompt(promptInput()).user).toContain('"reply_language":{"code":"en","name":"English"}');
  });
});
