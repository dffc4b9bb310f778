import { describe, expect, it } from 'vitest';
import { confidenceFrom, EldLanguageDetector } from '../../../../src/analysis/language/eld.language-detector.js';

const detector = new EldLanguageDetector();

// Ticket texts written for this test, not taken from the check set (data/eval/language-check.csv).
const SAMPLES: { language: string; short: string; long: string }[] = [
  {
    language: 'en',
    short: 'Cannot upload attachments anymore',
    long: 'Hello, since this morning none of my colleagues can upload attachments to their tasks. The upload starts and then fails with a network error. We already tried another browser and cleared the cache.',
  },
  {
    language: 'de',
    short: 'Passwort vergessen',
    long: 'Guten Tag, seit heute Morgen können meine Kollegen keine Anhänge mehr an ihre Aufgaben hängen. Der Upload startet und bricht dann mit einem Netzwerkfehler ab. Wir haben schon einen anderen Browser probiert.',
  },
  {
    language: 'fr',
    short: 'Je ne reçois plus les e-mails de notification',
    long: "Bonjour, depuis ce matin aucun de mes collègues ne peut ajouter de pièces jointes à ses tâches. Le téléversement démarre puis échoue avec une erreur réseau. Nous avons déjà essayé un autre navigateur.",
  },
  {
    language: 'es',
    short: 'Olvidé mi contraseña',
    long: 'Hola, desde esta mañana ninguno de mis compañeros puede adjuntar archivos a sus tareas. La subida empieza y luego falla con un error de red. Ya probamos con otro navegador y borramos la caché.',
  },
  {
    language: 'it',
    short: 'Non ricevo più le email di notifica',
    long: 'Buongiorno, da questa mattina nessuno dei miei colleghi riesce ad allegare file alle proprie attività. Il caricamento parte e poi si interrompe con un errore di rete. Abbiamo già provato un altro browser.',
  },
  {
    language: 'pt',
    short: 'Não recebo mais os e-mails de notificação',
    long: 'Olá, desde hoje de manhã nenhum dos meus colegas consegue anexar arquivos às tarefas. O envio começa e depois falha com um erro de rede. Já tentamos outro navegador e limpamos o cache.',
  },
  {
    language: 'nl',
    short: 'Ik ontvang geen meldingen meer',
    long: 'Goedemorgen, sinds vanochtend kan geen van mijn collega’s nog bijlagen aan hun taken toevoegen. Het uploaden begint en mislukt dan met een netwerkfout. We hebben al een andere browser geprobeerd.',
  },
];

describe('EldLanguageDetector', () => {
  it.each(SAMPLES)('detects $language on a short and a long ticket, surer on the long one', ({ language, short, long }) => {
    const s = detector.detect(short);
    const l = detector.detect(long);
    expect(s.code).toBe(language);
    expect(l.code).toBe(language);
    expect(l.confidence).toBeGreaterThan(0.8);
    expect(s.confidence).toBeGreaterThan(0);
    expect(s.confidence).toBeLessThanOrEqual(l.confidence);
  });

  it('answers "und" with low confidence when there is no language to see', () => {
    expect(detector.detect('12345 ???')).toEqual({ code: 'und', confidence: 0 });
    expect(detector.detect('').code).toBe('und');
  });

  it('answers "und" rather than a guess when two languages score alike', () => {
    const strict = new EldLanguageDetector({ minConfidence: 0.99 });
    const r = strict.detect('Passwort vergessen');
    expect(r.code).toBe('und');
    expect(r.confidence).toBeLessThan(0.99);
  });

  it('names its library and database', () => {
    expect(detector.id).toBe('eld-extrasmall');
  });
});

describe('confidenceFrom', () => {
  it('is 1 when the winner stands 25% or more above the runner-up, and falls with the margin', () => {
    expect(confidenceFrom({ de: 0.8, nl: 0.6 })).toBe(1);
    expect(confidenceFrom({ de: 0.8, nl: 0.7 })).toBeCloseTo(0.5);
    expect(confidenceFrom({ it: 0.68, en: 0.68 })).toBe(0);
    expect(confidenceFrom({ fr: 0.6 })).toBe(1);
    expect(confidenceFrom({})).toBe(0);
  });
});
