// Phrase patterns for immediate danger. All run on lower-cased text with straight apostrophes.

/** One way a message can describe a child at immediate risk. */
export interface DangerRule {
  /** Logged; a fixed sentence that never quotes the user. */
  reason: string;
  /** Tested against each clause. */
  pattern: RegExp;
  /** The sentence must also say when: now, tonight, when she gets home… */
  needsNow?: boolean;
  /** The sentence must also match this (e.g. fear words next to "won't go home"). */
  sentenceAlso?: RegExp;
  /** The whole message must also match this (e.g. the harm that makes "with him now" dangerous). */
  messageAlso?: RegExp;
}

const BE = String.raw`(?:is|are|'s|'re|am|'m)`;
const CHILD = String.raw`(?:child|kid|girl|boy|pupil|student|toddler|baby|teenager|teen|young person|yp|daughter|son|sister|brother)`;
const PRONOUN_SELF = String.raw`(?:him|her|them|my|your|our)sel(?:f|ves)`;

/** Time cues that put an event now or in the next few hours. */
export const NOW =
  /\b(?:right now|just now|now|at the moment|at this moment|currently|as we speak|at present|still|tonight|this evening|this afternoon|today|immediately|later|after school|when (?:i|he|she|they|we) (?:get|gets|go|goes) (?:back|home)|in (?:an|a few|\d+) (?:minutes?|hours?))\b/;

/** Cues strong enough to override a hypothetical framing ("what do I do, it's happening right now"). */
export const STRONG_NOW =
  /\b(?:right now|as we speak|at this (?:very )?moment|(?:is|'s) happening (?:right )?now|this is happening|it's happening)\b/;

/** The clause is about the past (and has no now-cue of its own). */
export const PAST =
  /\b(?:last (?:night|week|month|year|term|summer|winter|spring|autumn|weekend|time|christmas|easter)|(?:days|weeks|months|years|a (?:day|week|month|year)) ago|yesterday|previously|in the past|historic(?:al|ally)?|used to|back in|in (?:19|20)\d{2}|when (?:he|she|they|i|we) (?:was|were) (?:younger|little|small|a baby|a child|\d+)|earlier this (?:year|term)|over the summer|on a (?:school )?trip)\b/;

/** A hypothetical or general question rather than a report of something happening. */
export const HYPOTHETICAL =
  /(?:^|[^\w'])(?:what (?:should|do|would|could|can|must) (?:i|we|you|staff|schools?|a \w+) do (?:if|when)|what (?:if|happens if|would happen if)|^\s*(?:and |but |so )?if\b|\b(?:if|when|whenever|unless) (?:a|an|any|someone|somebody|anyone)\b|in case|suppose|supposing|hypothetical(?:ly)?|imagine|for example|scenario|how (?:should|do|would|can) (?:i|we|you) (?:respond|react|deal|handle|manage)\b[^.?!]{0,40}\b(?:if|when)\b|^\s*(?:what (?:is|are|does)|what's the (?:definition|difference)|define|is it normal|how do (?:i|we|you) (?:refer|make a referral|report|complete|start)|where (?:can|do|should)|who (?:should|do|can)|when (?:should|do|is|are|can)))/;

/** The practitioner says there is no immediate danger. */
export const SAFE_NOW =
  /\b(?:(?:no|not any|isn't any|is not any) (?:immediate|imminent|current|ongoing|present) (?:risk|danger|threat)|not (?:in|at) (?:any )?(?:immediate |imminent )?(?:danger|risk)|(?:isn't|aren't|is not|are not|no longer) (?:in|at) (?:any )?(?:immediate |imminent )?(?:danger|risk)|(?:is|are|'s|'re) (?:now )?safe(?: now)?\b(?! to)|in a place of safety|(?:has|have) been found(?: safe)?|was found (?:safe|and))\b/;

const HARM =
  /\b(?:abus\w*|rap(?:e|ed|ing|ist)|assault\w*|attack\w*|hurt\w*|harm\w*|hit|hitting|beat\w*|touch\w*|sexual\w*|molest\w*|groom\w*|strangl\w*|chok\w*|stab\w*|threat\w*|violen\w*|scared|afraid|frightened|victim|suspect|perpetrator|abuser|offender)\b/;

export const DANGER_RULES: readonly DangerRule[] = [
  {
    reason: 'abuse or assault described as happening now',
    pattern: new RegExp(
      String.raw`\b(?:${BE} (?:still |currently )?(?:being )?(?:sexually |physically |badly )?(?:abused|raped|assaulted|attacked|beaten|molested|strangled|choked|stabbed)|${BE} (?:still |currently )?being (?:sexually |physically |badly )?(?:hurt|hit|touched)|(?:he|she|they|someone|somebody|a man|a woman|an adult|the \w+|an? \w+) ${BE} (?:still )?(?:sexually |physically |badly )?(?:hurting|abusing|raping|attacking|assaulting|beating|hitting|touching|strangling|choking|stabbing)|(?:it|this|the abuse|the assault|the attack|something)(?: is|'s) (?:still )?(?:happening|going on|taking place))\b`,
    ),
    needsNow: true,
  },
  {
    reason: 'child is with, or about to be with, the person who harmed them',
    pattern: new RegExp(
      String.raw`\b${BE} (?:still )?(?:at home|home|alone|left alone|staying|living|sleeping|in the house|in the same house|in the same room|at (?:the|his|her|their) (?:house|home|flat)|in (?:a|the|his|her) car|on (?:his|her) own) (?:alone )?with (?:him|her|them|the|his|her|their|that)\b|\b(?:going|goes|sent|returning|has to go|have to go|must go|will go) (?:back )?(?:home|to (?:his|her|their|the) (?:house|home|flat)) (?:to|with) (?:him|her|them|the|his|her|their)\b`,
    ),
    needsNow: true,
    messageAlso: HARM,
  },
  {
    reason: 'child is about to be collected by, or met by, the person who harmed them',
    pattern:
      /\b(?:is|are|'s|'re|will be) (?:picking (?:him|her|them) up|collecting (?:him|her|them)|taking (?:him|her|them) (?:home|away|out)|coming (?:in )?to (?:get|collect|pick up|take) (?:him|her|them)|waiting (?:for (?:him|her|them) )?(?:outside|at the gate|at the gates|in the car park))\b/,
    needsNow: true,
    messageAlso: HARM,
  },
  {
    reason: 'child is being held or trapped now',
    pattern:
      /\b(?:locked|trapped|shut|held|kept) (?:in|inside) (?:a|the|his|her|their|my|our)? ?(?:\w+ )?(?:room|house|flat|car|van|cupboard|bathroom|toilet|bedroom|shed|garage)\b/,
    needsNow: true,
  },
  {
    reason: 'child is alone with the person who harmed them',
    pattern: new RegExp(
      String.raw`\b${BE} (?:still )?(?:home )?(?:left )?alone with (?:him|her|them|the|his|her|their|that)\b`,
    ),
    messageAlso: HARM,
  },
  {
    reason: 'abduction in progress',
    pattern: new RegExp(
      String.raw`\b(?:dragging|bundling|forcing|pulling|grabbing|snatching) (?:a|an|the|my|our|his|her|this|that|one)? ?(?:\w+ )?${CHILD} (?:in)?to (?:the back of )?(?:a|an|the|his|her|their)? ?(?:\w+ )?(?:van|car|vehicle|taxi|lorry|truck)\b|\b(?:is being|are being|has (?:just )?been|have (?:just )?been) (?:abducted|kidnapped|snatched|taken away by)\b`,
    ),
  },
  {
    reason: 'abduction in progress',
    pattern: new RegExp(
      String.raw`\b(?:trying|attempting|about|going) to (?:grab|snatch|abduct|take|drag|lure|entice|pull|bundle|force) (?:a|an|the|my|our|his|her|this|that|one)? ?(?:\w+ )?${CHILD}\b`,
    ),
    needsNow: true,
  },
  {
    reason: 'abduction reported just now',
    pattern: new RegExp(
      String.raw`\b(?:dragged|bundled|forced|pulled|grabbed|snatched) (?:a|an|the|my|our|his|her|this|that|one)? ?(?:\w+ )?${CHILD} (?:in)?to (?:the back of )?(?:a|an|the|his|her|their)? ?(?:\w+ )?(?:van|car|vehicle|taxi|lorry|truck)\b|\b(?:was|were) (?:abducted|kidnapped|snatched)\b`,
    ),
    needsNow: true,
  },
  {
    reason: 'child missing now',
    pattern: new RegExp(
      String.raw`\b(?:has|have|'s|'ve) (?:just )?(?:run off|run away|gone missing|disappeared|absconded|not come home|not come back|not returned|not been seen)\b|\b${BE} (?:now |currently |still )?(?:missing|unaccounted for)\b(?! (?:from |out )?(?:education|school|lessons?|class(?:es)?|appointments?|sessions?|out|the point|something|a lot))|\b(?:hasn't|has not|haven't|have not) (?:come|gone|got|returned|been) (?:back )?home\b|\b(?:can't|cannot|can not|couldn't) (?:find|locate) (?:him|her|them|the child|my (?:son|daughter|child)|our)\b(?! (?:records?|files?|notes|details|number|address|paperwork|forms?|reports?|email))`,
    ),
  },
  {
    reason: 'child missing now',
    pattern: /\b(?:ran off|ran away|went missing|disappeared|absconded)\b/,
    needsNow: true,
  },
  {
    reason: 'child missing now',
    pattern:
      /\b(?:hasn't|has not|haven't|have not) (?:yet )?been (?:found|located|traced)\b|\bstill (?:missing|not (?:been )?(?:found|back|home))\b/,
    sentenceAlso:
      /\b(?:ran away|run away|ran off|run off|went missing|gone missing|is missing|are missing|absconded|disappeared|left (?:the )?(?:unit|home|school|house|placement|children's home))\b/,
  },
  {
    reason: 'child fears harm tonight or on going home',
    pattern:
      /\b(?:scared|afraid|frightened|terrified|petrified|too scared|too afraid) (?:to|of) go(?:ing)? (?:back )?home\b|\b(?:not safe|unsafe) (?:to go home|at home tonight|going home)\b/,
  },
  {
    reason: 'child fears harm tonight or on going home',
    pattern:
      /\b(?:doesn't|does not|don't|do not|won't|will not|refuses to|refusing to) (?:want to )?go (?:back )?home\b/,
    sentenceAlso: HARM,
  },
  {
    reason: 'child fears harm tonight or on going home',
    pattern:
      /\b(?:will|'ll|is going to|are going to|gonna|going to) (?:be )?(?:hurt|kill|beat|beaten|rape|raped|abuse|abused|hit|punish|punished|harm|harmed|attack|attacked|stab|stabbed|killed|batter|battered)\b/,
    needsNow: true,
  },
  {
    reason: 'child seriously injured or unwell now',
    pattern:
      /\b(?:is|are|'s|'re|has been|have been) (?:badly|seriously|severely|very badly) (?:injured|hurt|beaten|burned|burnt|cut)\b|\b(?:is|are|'s|'re) (?:bleeding|unconscious|unresponsive|not breathing|struggling to breathe|having a seizure|fitting)\b|\b(?:has|'s|have|'ve) (?:just )?(?:taken|swallowed) (?:an overdose|(?:a lot of |lots of |loads of |a load of |a bottle of |a packet of )?(?:pills|tablets|paracetamol))\b|\b(?:has|have|'s got|has got|with) (?:a |an )?(?:serious|severe|bad|head|life[- ]threatening|nasty|deep) (?:\w+ )?(?:injury|injuries|wound|wounds|cut|cuts|burns?|bleed)\b/,
  },
  {
    reason: 'risk of suicide or self-harm now',
    pattern: new RegExp(
      String.raw`\b${BE} (?:currently |now |actively )?(?:suicidal|threatening suicide)\b|\b${BE} (?:going|about|trying|planning|threatening) to (?:kill ${PRONOUN_SELF}|hang ${PRONOUN_SELF}|end (?:his|her|their|my) (?:own )?life|take (?:his|her|their|my) (?:own )?life|jump (?:off|from|in front)|overdose|cut ${PRONOUN_SELF}|hurt ${PRONOUN_SELF}|harm ${PRONOUN_SELF})|\b(?:wants|want) to (?:die|kill ${PRONOUN_SELF}|end (?:it all|(?:his|her|their|my) life))\b`,
    ),
  },
  {
    reason: 'risk of suicide or self-harm now',
    pattern: /\bself[- ]?harm(?:ing)?\b/,
    sentenceAlso: /\b(?:right now|as we speak|at the moment|at this moment)\b/,
  },
  {
    reason: 'child about to meet someone who may have groomed them online',
    pattern: /\bmeet(?:ing|s)?\b|\bmeet up\b/,
    needsNow: true,
    sentenceAlso:
      /\b(?:online|internet|on (?:snapchat|instagram|tiktok|discord|whatsapp|facebook|roblox|fortnite|xbox|playstation|an app|a game|social media)|groom\w*|stranger|met (?:him|her|them) on|(?:been )?talking to (?:him|her|them)? ?on|older (?:man|men|boy|boys|male)|an adult)\b/,
  },
  {
    reason: 'weapon involved now',
    pattern:
      /\b(?:has|have|'s got|has got|is carrying|are carrying|carrying|is holding|holding|waving|brandishing|pulling out|pulled out|with) (?:a |an )?(?:knife|knives|gun|firearm|blade|machete|weapon|axe|hammer|bat)\b|\b(?:is|are|'s|'re) threatening (?:to (?:stab|shoot|kill)|(?:\w+ )?with (?:a |an )?(?:knife|gun|blade|weapon|machete|axe))\b/,
  },
  {
    reason: 'weapon involved now',
    pattern:
      /\bthreatened (?:to (?:stab|shoot|kill)|(?:\w+ )?with (?:a |an )?(?:knife|gun|blade|weapon|machete|axe))\b/,
    needsNow: true,
  },
  {
    reason: 'child described as in immediate danger',
    pattern:
      /\b(?:is|are|'s|'re|am|'m) (?:in (?:immediate |imminent |real |serious |grave )?danger|at (?:immediate|imminent) risk)\b|\b(?:he|she|they|i|we|child|girl|boy|pupil|kid|baby|sister|brother|daughter|son) (?:is|are|'s|'re|am|'m) (?:not safe|unsafe)\b|\b(?:immediate|imminent) (?:danger|risk) (?:to|for) (?:a|the|this|my|our) /,
  },
];
