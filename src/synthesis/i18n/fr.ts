import type { ReplyMessages } from './messages.js';

export const fr: ReplyMessages = {
  greeting: 'Bonjour,',
  greetingNamed: (name) => `Bonjour ${name},`,
  opening: {
    apologeticCritical:
      'Je suis sincèrement désolé. Je comprends à quel point la situation est grave pour vous et je veille à ce qu’elle soit traitée en priorité.',
    apologetic: 'Je suis désolé pour la gêne occasionnée, et merci de votre patience pendant que nous réglons cela.',
    empathetic: 'Merci de nous avoir contactés, et je suis désolé que vous rencontriez ce problème. Nous allons le régler.',
    appreciative: 'Merci beaucoup d’avoir pris le temps de nous écrire. Des messages comme le vôtre comptent beaucoup pour l’équipe.',
    friendly: 'Merci pour votre message, c’est un plaisir d’avoir de vos nouvelles !',
    professional: 'Merci d’avoir contacté le support Nimbus.',
  },
  issueOne: (issue) => `Si je comprends bien, le problème est le suivant : « ${issue} »`,
  issuesIntro: 'Voici ce que je comprends de votre message :',
  incident: (name, status) =>
    `Notre page d’état signale actuellement un incident qui correspond à ce que vous constatez : « ${name} » (statut : ${status}). Nos ingénieurs y travaillent.`,
  incidentLink: (url) => ` Vous pouvez suivre son évolution sur ${url}.`,
  deployment: (version, title) =>
    `Notre journal des versions indique que la version ${version} (${title}) a été déployée peu avant votre message ; ` +
    'j’ai signalé votre ticket pour que nos ingénieurs vérifient s’il y a un lien.',
  englishOnly: 'Nos articles d’aide n’existent qu’en anglais ; je cite donc les étapes ci-dessous en anglais.',
  stepsIntro: (title, id) => `Voici comment résoudre le problème, d’après notre article d’aide « ${title} » [${id}] :`,
  stepsCodes: (codes) => ` Il traite l’erreur ${codes}.`,
  alsoUseful: (title, id) => `Cet article pourrait aussi vous être utile : « ${title} » [${id}].`,
  noviceOffer: 'Si une étape n’est pas claire, répondez simplement à cet e-mail et nous vous guiderons.',
  readMore: (title, id) => `Vous trouverez plus d’informations dans notre article « ${title} » [${id}].`,
  noArticle:
    'Je n’ai pas trouvé d’article d’aide qui traite exactement ce cas ; plutôt que de vous orienter vers le mauvais, ' +
    'j’ai transmis votre ticket à un spécialiste qui va l’examiner.',
  featureShared: 'J’ai transmis votre suggestion à notre équipe produit, qui lit chaque demande.',
  feedbackShared: 'J’ai transmis votre message à l’équipe.',
  escalation:
    'Compte tenu de l’importance de la situation, j’ai escaladé votre ticket à un membre senior de notre équipe de support, ' +
    'qui l’examinera personnellement et reviendra vers vous directement.',
  followUpBy: (when) => `Un membre de notre équipe d'assistance examinera personnellement votre demande et vous répondra d'ici le ${when}.`,
  followUpAsap: "Un membre de notre équipe d'assistance examinera personnellement votre demande et vous répondra dans les meilleurs délais.",
  locale: 'fr-FR',
  signOff: 'Cordialement,\nLe support Nimbus',
  concise: {
    youWrote: (issue) => `Vous avez écrit : « ${issue} »`,
    incident: (name, status) => `Cela correspond à un incident ouvert sur notre page d’état : « ${name} » (${status}).`,
    steps: (title, id) => `D’après « ${title} » [${id}] :`,
    see: (title, id) => `Voir « ${title} » [${id}].`,
    specialist: 'J’ai transmis votre ticket à un spécialiste qui va l’examiner.',
    escalation: 'J’ai escaladé votre demande à un collègue senior, qui reviendra vers vous.',
  },
};
