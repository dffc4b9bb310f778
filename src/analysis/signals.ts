/**
 * Impact and urgency signals found in ticket text. Each is a named regular expression so analyses can
 * say which words triggered a priority or an escalation.
 */
export const SIGNALS = {
  legalThreat: /\b(lawyers?|attorneys?|legal (?:action|team|department|counsel)|su(?:e|ing)\b|lawsuit|litigation|court|solicitor|small claims|(?:rechts)?anw[aä]lt(?:e|in)?|klage|verklagen|rechtliche(?:n)? schritte|gericht|avocats?|poursuites?|tribunal|action en justice|abogad[oa]s?|demandar|demanda judicial|acciones legales)/i,
  securityBreach: /\b(hack(?:ed|er)?|(?:data|security) breach|breached|compromised|unauthori[sz]ed (?:access|login)|someone (?:else )?(?:logged|accessed|got into)|account takeover|(?:data|credentials?|passwords?|tokens?|keys?) (?:were |was |got )?leaked|leaked (?:data|credentials?|passwords?|tokens?|keys?)|phishing|stolen (?:credentials?|passwords?)|gehackt|unbefugte[rnm]? zugriff|datenleck|pirat(?=é)|piratage|acc[eè]s non autoris(?=é)|hackead[oa]s?|acceso no autorizado|fuga de datos|filtraci[oó]n de datos)\b/i,
  dataLoss: /\b((?:lost|losing|lose|deleted|wiped|erased|destroyed|vanished|disappeared|gone|overwr(?:itten|ote)|missing|corrupted|emptied)\b[^.!?\n]{0,60}\b(?:data|notes?|work|documents?|files?|pages?|content|procedures|weeks?|months?|everything|folders?|notebooks?|workspace|tables?|edits)|(?:data|notes?|work|documents?|files?|pages?|content|procedures|everything|folders?|notebooks?|workspace|edits)\b[^.!?\n]{0,60}\b(?:lost|deleted|wiped|erased|destroyed|vanished|disappeared|gone|overwritten|corrupted|blank|reverted|replaced|empty)|data loss|datenverlust|(?:daten|notizen|dokumente|dateien|arbeit) (?:sind |ist |wurden |wurde )?(?:alle |komplett |einfach )?(?:weg|verloren|gelöscht)|perte de données|(?:données|notes|documents|fichiers) (?:ont été |sont )?(?:perdu(?:e|es|s)?|supprimé(?:e|es|s)?|effacé(?:e|es|s)?)|pérdida de datos|(?:datos|notas|documentos|archivos) (?:se han |han sido )?(?:perdid|borrad|eliminad)[oa]s)\b/i,
  productionDown: /\b(production|prod\b|outage|(?:is|are|went) down|completely down|business[- ]critical|can(?:no|')?t (?:do (?:our|my) )?work|unusable|(?:nobody|no one) (?:can|is able to) (?:use|work|log))/i,
  manyUsers: /\b(\d{2,}[- ](?:person|people|users|employees|seats|members|staff)|(?:whole|entire) (?:team|company|org(?:ani[sz]ation)?|department)|everyone|all (?:our |of our )?(?:users|staff|employees|team))\b/i,
  businessImpact: /\b(rel(?:y|ies|ying) on|depend(?:s|ing)? on|blocking (?:us|our|my)|blocked|affecting (?:our|my) (?:customers|clients|team|business|work)|real problem|costing us|can(?:no|')?t (?:ship|deliver|invoice|bill))\b/i,
  performance: /\b(slow(?:ness|er)?|sluggish|lag(?:s|gy|ging)?|freez(?:es|ing)|times? out|timing out|takes \d+(?:-\d+)? (?:seconds|minutes)|memory (?:leak|usage)|hogging)\b/i,
  revenue: /\b(revenue|losing (?:money|customers|business|sales)|customers? (?:are )?(?:affected|complaining)|sla|contract)\b/i,
  deadline: /\b(deadline|(?:by |before )?tomorrow(?: morning)?|(?:by|before) (?:this|the) (?:afternoon|evening|weekend)|tonight|in an hour|in \d+ (?:hours?|days?)|urgent(?:ly)?|asap|as soon as possible|immediately|right away|by (?:today|tomorrow|monday|tuesday|wednesday|thursday|friday|end of (?:day|week))|tomorrow morning|in \d+ hours?)\b/i,
  blockedAccess: /\b(locked out|read-only|can(?:no|')?t (?:open|use) (?:it|the app|nimbus|my)|can(?:no|')?t (?:log ?in|sign ?in|access|get (?:in|into))|unable to (?:log ?in|sign ?in|access)|lost access|no access)\b/i,
  moneyWrong: /\b(charged (?:(?:me|us) )?(?:twice|double|two times|2x|again|after|on a card)|(?:payment|renewal|charge)s? (?:twice|two times)|billed for both|charged 2x|renewal charge|double[- ]charged?|duplicate (?:charge|invoice|payment)|overcharged|still (?:being )?(?:charged|billed)|(?:charge|billed|billing) (?:[\w$ ]{0,20})?again|wrong amount|unauthori[sz]ed (?:charges?|payments?))\b/i,
  broken: /\b(stopped (?:working|posting|syncing|arriving)|declined|not showing|isn'?t (?:working|resetting|responding|syncing)|never worked|doesn'?t find|flaky|freez(?:es|ing)|frozen|stuck|disconnected|not arriving|never arrives?|rejected|read-only|blank (?:screen|page|white)|keeps? (?:failing|crashing|logging)|not working|doesn'?t work|does not work|broken|fails?|failing|failed|error|crash(?:es|ing)?|stopped working|won'?t (?:load|open|sync|work)|can(?:no|')?t|unable to|bug)\b/i,
  churnThreat: /\b(cancel(?:ling|ing)? (?:our|my|the) (?:contract|subscription|account)|switch(?:ing)? to|move (?:to|over to)|moving to|competitor|alternatives?|leave (?:nimbus|you)|looking elsewhere)\b/i,
  featureRequest: /\b(feature request|would (?:love|like) (?:to see|it if|a|an)|it would be (?:great|nice|awesome|helpful) (?:if|to)|please (?:add|consider|support)|(?:could|can) you (?:please )?(?:add|consider|build|support|make)|any chance (?:you |we )?(?:could|can|will) (?:add|get|build|make|have)|any plans? (?:to|for)|on (?:the|your) roadmap|suggest(?:ion)?|wish(?:list)?|request(?:ing)? (?:a|an) (?:feature|option))\b/i,
  question: /\b(how (?:do|can|much|does)|what (?:is|are|does)|is (?:it|there) (?:possible|a way)|do you (?:offer|support|have)|can i|could you (?:tell|explain)|wondering|question)\b/i,
  praise: /\b(thank(?:s| you)|love (?:nimbus|the|your|it)|great (?:job|work|product|team)|kudos|keep up|impressed|shout[- ]?out|just wanted to say)\b/i,
  privacyRequest: /\b(gdpr|article 1[57]|right to (?:erasure|be forgotten|access)|data (?:deletion|erasure|portability|subject)|delete (?:all )?(?:my|our) (?:personal )?(?:data|information)|erase (?:all )?(?:my|our)|dpa\b|data processing agreement|ccpa|personal data)\b/i,
  pricing: /\b(pricing|price|prices|quote|how much|cost(?:s)? (?:per|for)|per (?:user|seat)|plan comparison|compare (?:the )?(?:plans?|business|enterprise)|discount|trial|annual (?:billing|plan))\b/i,
  billing: /\b(bill(?:ed|ing)?|invoices?|charge[sd]?|refund(?:ed)?|payments?|subscription|card|vat|receipt|renewal|plan|upgrade|downgrade|seats?|credit)\b/i,
  cancellation: /\b(cancel(?:l?ed|l?ing|lation)?|unsubscribe|end (?:my|our) subscription|close (?:my|our) account)\b/i,
  complaintTone: /\b(unacceptable|disappointed|disappointing|terrible (?:service|support|experience)|worst|complain(?:t)?|fed up|paying (?:so much|a lot|for)|for what we pay|not what we pay for|pay (?:\$|for)|expect(?:ed)? better|unusabl[ey]|waste of)\b/i,
} as const;

export type SignalName = keyof typeof SIGNALS;

/** "not urgent", "no data loss", "isn't slow": a negator just before a match cancels that match. */
const NEGATED_BEFORE = /\b(?:not|no|never|isn'?t|wasn'?t|aren'?t|without)\s+(?:\w+\s+)?$/i;

export function detectSignals(text: string): Set<SignalName> {
  const found = new Set<SignalName>();
  for (const [name, re] of Object.entries(SIGNALS) as [SignalName, RegExp][]) {
    const global = new RegExp(re.source, 'gi');
    for (const m of text.matchAll(global)) {
      if (!NEGATED_BEFORE.test(text.slice(Math.max(0, m.index - 24), m.index))) {
        found.add(name);
        break;
      }
    }
  }
  return found;
}
