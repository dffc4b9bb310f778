import type { ReplyMessages } from './messages.js';

export const en: ReplyMessages = {
  greeting: 'Hello,',
  greetingNamed: (name) => `Hi ${name},`,
  opening: {
    apologeticCritical:
      "I'm truly sorry. I understand how serious this is for you, and I want to make sure it gets the attention it deserves.",
    apologetic: "I'm sorry for the frustration this has caused, and thank you for your patience while we sort it out.",
    empathetic: "Thanks for reaching out, and I'm sorry you've run into this. Let's get it sorted.",
    appreciative: 'Thank you so much for taking the time to write to us. Messages like yours mean a lot to the team.',
    friendly: 'Thanks for getting in touch, it is great to hear from you!',
    professional: 'Thank you for contacting Nimbus Support.',
  },
  issueOne: (issue) => `I understand the problem is this: “${issue}”`,
  issuesIntro: 'Here is what I understand from your message:',
  incident: (name, status) =>
    `Our status page currently shows an incident that matches what you are seeing: “${name}” (status: ${status}). Our engineers are working on it.`,
  incidentLink: (url) => ` You can follow live updates at ${url}.`,
  deployment: (version, title) =>
    `Our release log shows version ${version} (${title}) went out shortly before you wrote; ` +
    'I have flagged your ticket so our engineers can check whether it is connected.',
  // English replies quote English articles: nothing to say.
  englishOnly: '',
  stepsIntro: (title, id) => `Here is how to resolve it, from our help article “${title}” [${id}]:`,
  stepsCodes: (codes) => ` It covers error ${codes}.`,
  alsoUseful: (title, id) => `You may also find this article useful: “${title}” [${id}].`,
  noviceOffer: 'If any step is unclear, just reply to this email and we will walk you through it.',
  readMore: (title, id) => `You can read more in our article “${title}” [${id}].`,
  noArticle:
    'I could not find a help article that covers this exactly, so rather than point you to the wrong one, ' +
    'I have passed your ticket to a specialist who will look into it.',
  featureShared: 'I have shared your suggestion with our product team, who read every request.',
  feedbackShared: 'I have shared your message with the team.',
  escalation:
    'Given how important this is, I have escalated your ticket to a senior member of our support team, ' +
    'who will review it personally and follow up with you directly.',
  followUpBy: (when) => `A member of our support team will review your ticket personally and follow up by ${when}.`,
  followUpAsap: 'A member of our support team will review your ticket personally and follow up as soon as possible.',
  locale: 'en-GB',
  signOff: 'Best regards,\nNimbus Support',
  concise: {
    youWrote: (issue) => `You wrote: “${issue}”`,
    incident: (name, status) => `This matches an open incident on our status page: “${name}” (${status}).`,
    steps: (title, id) => `From “${title}” [${id}]:`,
    see: (title, id) => `See “${title}” [${id}].`,
    specialist: 'I have passed your ticket to a specialist who will look into it.',
    escalation: 'I have escalated this to a senior colleague, who will follow up with you.',
  },
};
