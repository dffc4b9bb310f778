import type { ReplyMessages } from './messages.js';

export const de: ReplyMessages = {
  greeting: 'Guten Tag,',
  greetingNamed: (name) => `Hallo ${name},`,
  opening: {
    apologeticCritical:
      'Das tut mir wirklich leid. Ich verstehe, wie ernst die Lage für Sie ist, und sorge dafür, dass sich jemand mit Vorrang darum kümmert.',
    apologetic: 'Es tut mir leid, dass Ihnen das Ärger bereitet hat, und danke für Ihre Geduld, während wir das klären.',
    empathetic: 'Danke, dass Sie sich melden, und es tut mir leid, dass Sie auf dieses Problem gestoßen sind. Wir kümmern uns darum.',
    appreciative: 'Vielen Dank, dass Sie sich die Zeit genommen haben, uns zu schreiben. Nachrichten wie Ihre bedeuten dem Team viel.',
    friendly: 'Danke für Ihre Nachricht, schön, von Ihnen zu hören!',
    professional: 'Vielen Dank, dass Sie sich an den Nimbus Support gewandt haben.',
  },
  issueOne: (issue) => `So verstehe ich das Problem: „${issue}“`,
  issuesIntro: 'Das habe ich Ihrer Nachricht entnommen:',
  incident: (name, status) =>
    `Unsere Statusseite zeigt derzeit eine Störung, die zu Ihrer Beobachtung passt: „${name}“ (Status: ${status}). Unsere Techniker arbeiten daran.`,
  incidentLink: (url) => ` Aktuelle Informationen finden Sie unter ${url}.`,
  deployment: (version, title) =>
    `Laut unserem Release-Protokoll wurde Version ${version} (${title}) kurz vor Ihrer Nachricht ausgerollt; ` +
    'ich habe Ihr Ticket markiert, damit unsere Techniker prüfen, ob ein Zusammenhang besteht.',
  englishOnly: 'Unsere Hilfeartikel gibt es nur auf Englisch, deshalb zitiere ich die Schritte unten auf Englisch.',
  stepsIntro: (title, id) => `So lösen Sie das Problem, laut unserem Hilfeartikel „${title}“ [${id}]:`,
  stepsCodes: (codes) => ` Er behandelt den Fehler ${codes}.`,
  alsoUseful: (title, id) => `Hilfreich ist vielleicht auch dieser Artikel: „${title}“ [${id}].`,
  noviceOffer: 'Wenn ein Schritt unklar ist, antworten Sie einfach auf diese E-Mail und wir gehen ihn gemeinsam durch.',
  readMore: (title, id) => `Mehr dazu lesen Sie in unserem Artikel „${title}“ [${id}].`,
  noArticle:
    'Ich habe keinen Hilfeartikel gefunden, der genau dieses Problem behandelt. Statt Sie auf den falschen zu verweisen, ' +
    'habe ich Ihr Ticket an einen Spezialisten weitergeleitet, der sich darum kümmert.',
  featureShared: 'Ich habe Ihren Vorschlag an unser Produktteam weitergegeben, das jede Anfrage liest.',
  feedbackShared: 'Ich habe Ihre Nachricht an das Team weitergegeben.',
  escalation:
    'Weil das so wichtig ist, habe ich Ihr Ticket an einen erfahrenen Kollegen aus unserem Support-Team eskaliert, ' +
    'der es persönlich prüft und sich direkt bei Ihnen meldet.',
  followUpBy: (when) => `Ein Mitarbeiter unseres Support-Teams prüft Ihr Ticket persönlich und meldet sich bis ${when} bei Ihnen.`,
  followUpAsap: 'Ein Mitarbeiter unseres Support-Teams prüft Ihr Ticket persönlich und meldet sich so bald wie möglich bei Ihnen.',
  locale: 'de-DE',
  signOff: 'Viele Grüße\nIhr Nimbus Support',
  concise: {
    youWrote: (issue) => `Sie schrieben: „${issue}“`,
    incident: (name, status) => `Das passt zu einer offenen Störung auf unserer Statusseite: „${name}“ (${status}).`,
    steps: (title, id) => `Aus „${title}“ [${id}]:`,
    see: (title, id) => `Siehe „${title}“ [${id}].`,
    specialist: 'Ich habe Ihr Ticket an einen Spezialisten weitergeleitet, der sich darum kümmert.',
    escalation: 'Ich habe das an einen erfahrenen Kollegen eskaliert, der sich bei Ihnen meldet.',
  },
};
