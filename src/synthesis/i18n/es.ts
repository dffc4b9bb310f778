import type { ReplyMessages } from './messages.js';

export const es: ReplyMessages = {
  greeting: 'Hola:',
  greetingNamed: (name) => `Hola, ${name}:`,
  opening: {
    apologeticCritical:
      'Lo siento de verdad. Entiendo lo grave que es esto para usted y me aseguraré de que reciba la atención que merece.',
    apologetic: 'Lamento las molestias que esto le ha causado y le agradezco su paciencia mientras lo resolvemos.',
    empathetic: 'Gracias por escribirnos, y siento que se haya encontrado con este problema. Vamos a resolverlo.',
    appreciative: 'Muchas gracias por tomarse el tiempo de escribirnos. Mensajes como el suyo significan mucho para el equipo.',
    friendly: 'Gracias por ponerse en contacto, ¡es un placer saber de usted!',
    professional: 'Gracias por contactar con el soporte de Nimbus.',
  },
  issueOne: (issue) => `Entiendo que el problema es este: «${issue}»`,
  issuesIntro: 'Esto es lo que entiendo de su mensaje:',
  incident: (name, status) =>
    `Nuestra página de estado muestra ahora un incidente que coincide con lo que usted ve: «${name}» (estado: ${status}). Nuestros ingenieros están trabajando en ello.`,
  incidentLink: (url) => ` Puede seguir las novedades en ${url}.`,
  deployment: (version, title) =>
    `Nuestro registro de versiones muestra que la versión ${version} (${title}) se publicó poco antes de su mensaje; ` +
    'he marcado su ticket para que nuestros ingenieros comprueben si hay relación.',
  englishOnly: 'Nuestros artículos de ayuda solo están disponibles en inglés, por eso cito los pasos en inglés.',
  stepsIntro: (title, id) => `Así puede resolverlo, según nuestro artículo de ayuda «${title}» [${id}]:`,
  stepsCodes: (codes) => ` Trata el error ${codes}.`,
  alsoUseful: (title, id) => `También puede resultarle útil este artículo: «${title}» [${id}].`,
  noviceOffer: 'Si algún paso no está claro, responda a este correo y le guiaremos.',
  readMore: (title, id) => `Puede leer más en nuestro artículo «${title}» [${id}].`,
  noArticle:
    'No he encontrado un artículo de ayuda que trate exactamente este caso; en lugar de indicarle uno equivocado, ' +
    'he pasado su ticket a un especialista que lo revisará.',
  featureShared: 'He compartido su sugerencia con nuestro equipo de producto, que lee todas las peticiones.',
  feedbackShared: 'He compartido su mensaje con el equipo.',
  escalation:
    'Dada la importancia del asunto, he escalado su ticket a un miembro sénior de nuestro equipo de soporte, ' +
    'que lo revisará personalmente y se pondrá en contacto con usted directamente.',
  followUpBy: (when) => `Un miembro de nuestro equipo de soporte revisará personalmente su caso y le responderá antes del ${when}.`,
  followUpAsap: 'Un miembro de nuestro equipo de soporte revisará personalmente su caso y le responderá lo antes posible.',
  locale: 'es-ES',
  signOff: 'Un saludo,\nSoporte de Nimbus',
  concise: {
    youWrote: (issue) => `Usted escribió: «${issue}»`,
    incident: (name, status) => `Coincide con un incidente abierto en nuestra página de estado: «${name}» (${status}).`,
    steps: (title, id) => `Según «${title}» [${id}]:`,
    see: (title, id) => `Consulte «${title}» [${id}].`,
    specialist: 'He pasado su ticket a un especialista que lo revisará.',
    escalation: 'He escalado esto a un compañero sénior, que se pondrá en contacto con usted.',
  },
};
