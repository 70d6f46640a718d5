import type { Sentence, Token } from '../../understanding/nlp.js';
import { clausesOf } from './clauses.js';
import { readTime } from './time.js';
import {
  agedPerson,
  any,
  CLOCK,
  FUTURE,
  hasPhrase,
  INFO_QUESTION,
  REPORTING,
  isBePresent,
  isNeg,
  nounIngStem,
  TAKE_PARTICLES,
  takesPerson,
  within,
  withPerson,
  word,
} from './tokens.js';
import * as W from './words.js';
import { dueWithTheChild } from './due.js';

export { clausesOf };

/** Verbs that pass on what a child said. */
const REPORT_SPEECH = new Set(['tell', 'say', 'disclose', 'allege', 'claim', 'reveal', 'report', 'mention']);
/** What follows "get it" when it is a punishment ("he'll get it worse tonight"), not a task done. */
const PUNISHMENT_AFTER_IT = new Set([
  'worse',
  'again',
  'bad',
  'badly',
  'tonight',
  'later',
  'when',
  'if',
  '.',
  ',',
]);
const PUNISHMENTS = new Set([
  'hiding',
  'beating',
  'belting',
  'leathering',
  'thrashing',
  'battering',
  'kicking',
  'smack',
  'slap',
  'slapping',
]);
const NOBODY = new Set(['nobody', 'noone', 'no-one']);
/** "nobody hurt", "no one was injured", "nobody got hurt": the harm word's subject is nobody. */
function saidOfNobody(ts: readonly Token[], i: number): boolean {
  let k = i - 1;
  if (['was', 'were', 'got', 'been', 'is', 'has', 'had'].includes(ts[k]?.norm ?? '')) k -= 1;
  if (ts[k]?.norm === 'been') k -= 1;
  return NOBODY.has(ts[k]?.norm ?? '') || (ts[k]?.norm === 'one' && ts[k - 1]?.norm === 'no');
}
const REPORT_NOUNS = new Set(['allegation', 'allegations', 'complaint', 'complaints']);

/** What one clause of a message says, in the terms the danger model weighs. */
export interface ClauseReading {
  seriousHarm: boolean;
  weakHarm: boolean;
  /** Harm going on as described: "is being abused", "are hurting her", weak harm with a now-word. */
  ongoingHarm: boolean;
  /** A child taken into a room, tent, toilet or car by someone: "took his 11 yr old into the changing room". */
  takenAside: boolean;
  /** A past time that is only hours ago ("last night", "this morning"): a child still missing since. */
  recentPast: boolean;
  /** The clause says it in the present: "is", "are", "has", "have" (an injury that "is" there). */
  statedNow: boolean;
  /** No verb, and acutely unwell: a note of what is in front of the writer ("toddler at desk floppy"). */
  verbless: boolean;
  /** A habit rather than an event ("keeps trying to", "always", "every playtime"). */
  habit: boolean;
  /** A routine said in so many words ("every week", "most evenings", "whenever he drinks"), not "keeps". */
  routine: boolean;
  /** How things are, said with have or got: "has older men picking her up", "she's got lads messaging her". */
  hadPattern: boolean;
  /** A weak-harm verb in the -ing form ("filming", "touching"): now only with a now-word in the message. */
  weakProgressive: boolean;
  /** A serious-harm verb in the present ("he hurts her"): undated, so possibly now. */
  presentHarmVerb: boolean;
  /** An information question ("what is…", "is it rape if…"), not a report. */
  infoQuestion: boolean;
  confine: boolean;
  take: boolean;
  abduct: boolean;
  weapon: boolean;
  injury: boolean;
  unsafe: boolean;
  /** Meeting someone (with a grooming context elsewhere): "she's meeting a man from Snapchat tonight". */
  meet: boolean;
  presence: boolean;
  liveOnline: boolean;
  undress: boolean;
  selfHarm: boolean;
  /** Self-harm told as a habit ("she's cutting her thighs", "he self-harms"), with no intent to die named. */
  selfHarmHabit: boolean;
  /** A weapon seen in a picture or a post ("a snapchat of his mate holding a gun"), not in the room. */
  weaponPictured: boolean;
  missing: boolean;
  threat: boolean;
  distress: boolean;
  /** No adult with the child: "on his own", "no adult anywhere", "nobody else in the flat" (a young child is at risk). */
  alone: boolean;
  /** Too drunk, drugged or unwell to look after themselves: "semi conscious", "can hardly stand". */
  incapacitated: boolean;
  /** "he" or "they" at a place now ("he's stood in the kitchen"): a threat when the person named before harms. */
  pronounPresent: boolean;
  /** Medicine, drugs or a poison swallowed by a child ("swallowed my sleeping tabs"). */
  poisoned: boolean;
  /** A child asking for help, or a call cut off mid-plea ("mouthed 'help'", "come get me", "the line went dead"). */
  plea: boolean;
  /** An adult in a child's room, tent or bed at night or behind a shut door. */
  privateSpace: boolean;
  /** Someone will have the child in their care later today (see due.ts). */
  due: boolean;
  /** A person named as an offender or abuser ("a registered sex offender", "her abuser"). */
  offender: boolean;
  /** A past time said in so many words ("last week", "in 2022"), not only past verbs. */
  datedPast: boolean;
  /** A threat to share images ("or I'll post your nudes"): sextortion, not a threat of violence now. */
  imageThreat: boolean;
  /** Into a vehicle, or away or off ("pulled her into a car", "dragged him off"): where a taking goes. */
  awayInVehicle: boolean;
  /** Said to be back, still there or there again ("he's back", "still in there"). */
  stillThere: boolean;
  /** A child hiding, begging, terrified, or signalling for help (a note, a text, a mouthed word). */
  fear: boolean;
  /** The serious harm is sexual: rape, sexual assault, a child's own words for sexual abuse. */
  sexualHarm: boolean;
  /** Told by someone ("she told me her dad hits her"): a disclosure places the child with the teller. */
  reported: boolean;
  /** Said to have stopped or ended ("stopped ages ago", "it ended"): not "stopped him" or "stopped talking". */
  ended: boolean;
  /** A note in the -ing form, with no "was" or "were" ("kid fitting 6 mins and not stopping"). */
  ingNote: boolean;
  /** Where someone is, found now on a phone or a map or said to be at a place ("location shows him at"). */
  locatedNow: boolean;
  /** A cue that puts the clause now or within hours. */
  now: boolean;
  /** A cue that puts it in the past (a past time, or only past verbs). */
  past: boolean;
  /** A time days or more ahead ("next week", "tomorrow", "after half term"): serious, but not 999. */
  later: boolean;
  /** Harm inside "if/when a child…": a general question, not an event. */
  generalQuestion: boolean;
}

/** Where someone is, seen now on a phone or a map, or said to be at a place. */
const LOCATED_NOW =
  /\b(?:location|locations|find my|life360|snap ?map|tracker|tracking|pinging|pinged|shows (?:him|her|them) at|(?:he|she|they)(?:'s| is| are) (?:at|in) (?:a|the|his|her|their|some) )/;

export function readClause(
  ts: Token[],
  sentenceText: string,
  sentence: readonly Token[] = ts,
): ClauseReading {
  const text = ts.map((t) => t.norm).join(' ');
  // The clause as written (its tokens' span of the sentence).
  const from = sentence[0]?.start ?? 0;
  const clauseText = sentenceText
    .slice((ts[0]?.start ?? from) - from, (ts[ts.length - 1]?.end ?? from) - from)
    .toLowerCase();
  // "the after school club" names a club, not a time.
  // "thinking about it now she seemed frightened": the writer's now, not the child's.
  const reflecting = REFLECTION.test(text);
  const timeWords = reflecting ? ts.filter((t) => t.norm !== 'now') : ts;
  const nowWord =
    any(timeWords, W.NOW_WORDS) ||
    W.SOON_PHRASES.some((p) => hasPhrase(ts, p) && !(p.join(' ') === 'after school' && afterSchoolNoun(ts)));
  // Words that say it is going on as the message is written (not "told me today at 3.15").
  const ongoingWord =
    timeWords.some((t) => ['still', 'currently', 'now'].includes(t.norm)) ||
    hasPhrase(ts, ['right', 'now']) ||
    hasPhrase(ts, ['at', 'the', 'moment']) ||
    hasPhrase(ts, ['as', 'we', 'speak']);
  const r: ClauseReading = {
    seriousHarm: false,
    weakHarm: false,
    ongoingHarm: false,
    weakProgressive: false,
    statedNow: ts.some((t) => ['be', 'have', 'look', 'seem'].includes(t.lemma) && t.form === 'present'),
    takenAside: false,
    recentPast:
      /\b(?:last night|yesterday|this morning|earlier today|since (?:last night|yesterday|this morning))\b/.test(
        sentenceText.toLowerCase(),
      ),
    verbless: !ts.some((t) => t.pos === 'VERB' || t.pos === 'AUX') && any(ts, W.ACUTELY_UNWELL),
    // A routine of harm ("he hurts her when they're alone") is read in its own clause: "her boyfriend is
    // at home with his little sister" beside it is still about now.
    // "keeps touching her", "kept on at him"; not "keep quiet for mummy" (an instruction).
    habit:
      ts.some(
        (t, k) =>
          (t.lemma === 'keep' &&
            (t.norm === 'keeps' || ts[k + 1]?.form === 'ing' || ts[k + 1]?.norm === 'on')) ||
          W.HABIT.has(t.norm),
      ) || RECURRING.test(clauseText),
    routine: ts.some((t) => W.HABIT.has(t.norm)) || RECURRING.test(clauseText),
    hadPattern: false,
    presentHarmVerb: false,
    infoQuestion: INFO_QUESTION.test(sentenceText.toLowerCase().trim()),
    confine: false,
    take: false,
    // "grabbed her bum", "grabbed him by the neck", "dragged him by the arm": handling, not a taking,
    // unless into a car or away.
    abduct: ts.some(
      (t) =>
        word(t, W.ABDUCT) &&
        (!['grab', 'drag'].includes(t.lemma) ||
          ts.some((n) => VEHICLES.has(n.norm) || ['away', 'off', 'into'].includes(n.norm))),
    ),
    // A weapon is a thing: "knives", "a hammer"; not "absolutely hammered" (drunk).
    weapon: ts.some((t) => W.WEAPON.has(t.norm) || (W.WEAPON.has(t.lemma) && t.pos === 'NOUN')),
    injury:
      (any(ts, W.INJURY) && !HEALED_OR_NONE.test(ts.map((t) => t.norm).join(' '))) ||
      /\b(?:not breathing|(?:can'?t|cannot|can not) breathe|struggling to breathe|choking|anaphyla\w*|allergic reaction|(?:purple|non[- ]?blanching) rash|rash (?:that )?(?:doesn'?t|does not|won'?t) fade|in labour|convuls\w*|having a fit|barely conscious|won't wake|will not wake|can't wake|cannot wake|(?:odd|funny|strange|noisy|struggling|weird) breathing|breathing (?:oddly|funny|strangely|(?:sounds|is|looks) (?:weird|odd|funny|strange|noisy))|(?:gone|going|turned|turning) (?:a bit |a little |slightly )?(?:blue|grey)|blue (?:round|around) the (?:lips|mouth)|lips (?:are |look |have gone |gone )?blue|lump on (?:his|her|their|the) head|head injury|(?:one |his |her |an )?eyes? (?:won't|wont|will not|can't|cannot|doesn't) open|(?:has|have|'s|'ve) been (?:stabbed|shot|glassed|slashed|scalded|burned|burnt))\b/.test(
        sentenceText.toLowerCase(),
      ),
    unsafe: false,
    locatedNow: LOCATED_NOW.test(clauseText),
    // ("choking on a sweet, can't cough, going blue"; "stabbed in the leg, bleeding loads": an -ing
    // of what is happening to the child, with no "was" or "were" putting it in the past.)
    ingNote:
      ts.some((t) => t.form === 'ing' && (t.pos === 'VERB' || W.INJURY.has(t.norm))) &&
      !ts.some((t) => t.lemma === 'be' && t.form === 'past'),
    meet: ts.some((t) => t.lemma === 'meet' && t.form !== 'past'),
    presence: false,
    alone: false,
    // (Of the child: "parents out of it" is a carer unfit to look after them, read as such elsewhere.)
    incapacitated:
      INCAPACITATED.test(ts.map((t) => t.norm).join(' ')) &&
      !CARERS_AS_SUBJECT.test(ts.map((t) => t.norm).join(' ')),
    pronounPresent: false,
    poisoned: POISONED.test(ts.map((t) => t.norm).join(' ')),
    plea: PLEA.test(sentenceText.toLowerCase()),
    privateSpace: false,
    due: false,
    offender: ts.some((t) => t.pos === 'NOUN' && word(t, W.HARMER)),
    datedPast: false,
    imageThreat: false,
    awayInVehicle: ts.some((t) => VEHICLES.has(t.norm) || t.norm === 'away' || t.norm === 'off'),
    liveOnline: false,
    undress: false,
    selfHarm: false,
    selfHarmHabit: false,
    weaponPictured: false,
    missing: false,
    threat: false,
    // "shouting at the children" is the one doing the shouting, not a child in distress.
    distress:
      ts.some((t, i) => word(t, W.DISTRESS) && !(t.lemma === 'shout' && ts[i + 1]?.norm === 'at')) ||
      (/\b(?:wrote|mouthed|mouthing|whispered|said|screaming|shouting|crying) help\b|\bhelp me\b(?! (?:with|write|to|find|understand|draft|work|think|make|get|plan|sort|put|decide|know|check))/.test(
        sentenceText.toLowerCase(),
      ) &&
        !/\b(?:can|could|would|will) you help me\b/.test(sentenceText.toLowerCase())),
    ended: ts.some(
      (t, i) =>
        ['stop', 'end', 'finish', 'cease'].includes(t.lemma) &&
        t.form === 'past' &&
        t.pos === 'VERB' &&
        // "stopped him", "stopped talking to her": someone stopped, or something else stopped.
        !W.HELD.has(ts[i + 1]?.norm ?? '') &&
        ts[i + 1]?.form !== 'ing',
    ),
    now: false,
    past: false,
    later: false,
    generalQuestion: false,
    stillThere: ts.some((t) => ['still', 'back', 'again'].includes(t.norm)),
    fear:
      ts.some(
        (t) =>
          ['hide', 'beg', 'plead'].includes(t.lemma) || ['terrified', 'petrified', 'hiding'].includes(t.norm),
      ) ||
      /\b(?:wrote|written|writes|writing|texted|texts|typed|messaged|mouthed|mouthing|whispered|note saying|notes? (?:that )?says?) ['"]?(?:[\w']+ ){0,4}help\b/.test(
        sentenceText.toLowerCase(),
      ),
    sexualHarm: ts.some((t) => word(t, W.SEXUAL_HARM) || word(t, W.SEXUAL_BODY)),
    // ("has made an allegation that…", "a complaint that…": an account passed on, as "said" is.)
    reported: ts.some(
      (t) =>
        (REPORT_SPEECH.has(t.lemma) && (t.pos === 'VERB' || t.form !== 'none')) || REPORT_NOUNS.has(t.norm),
    ),
  };

  let activeNow = false;
  const nowWordOrClock = nowWord || CLOCK.test(ts.map((t) => t.norm).join(' '));
  let lastNonAdverb: Token | undefined;
  // Facts about the whole clause, worked out once (a clause can be long: reading stays linear).
  const has = {
    swallow: ts.some((n) => ['take', 'swallow', 'overdose'].includes(n.lemma)),
    child: ts.some((n) => word(n, W.CHILD_NOUNS)),
    // "there's a baby on the floor and nobody about": the child is named in the sentence.
    childInSentence: sentence.some((n) => word(n, W.CHILD_NOUNS)),
    youngChildInSentence: sentence.some(
      (n, k) =>
        W.YOUNG.has(n.norm) ||
        (n.norm === 'year' && Number(sentence[k - 1]?.norm) < 6 && sentence[k + 1]?.norm === 'old'),
    ),
    negation: ts.some(isNeg),
    thirdPerson: ts.some((n) => ['she', 'he', 'they'].includes(n.norm)),
    future: ts.some((n) => FUTURE.has(n.norm) || (n.lemma === 'go' && n.form === 'ing')),
    person: ts.some((n) => word(n, W.PERSON)),
    // A person other than the parent, carer or officer who came in to tell you.
    threatPerson: ts.some((n) => word(n, W.PERSON) && !PROTECTIVE.has(n.norm)),
    images: ts.some((n) => W.IMAGE_WORDS.has(n.norm)),
  };
  // "2yo on his own in the flat, no adult anywhere": the child named in the same sentence.
  r.alone =
    (has.childInSentence || has.youngChildInSentence || AGED_CHILD.test(sentenceText.toLowerCase())) &&
    ALONE.test(text.replace(NOT_ALONE, ' '));
  const firstTheres = ts.findIndex((v) => v.norm === 'theres' || v.norm === "there's");
  // Holding, or not finding, is about a person only when a person is in the clause.
  const personHere = ts.some(
    (t, k) =>
      word(t, W.PERSON) ||
      word(t, W.CHILD_NOUNS) ||
      ['him', 'her', 'them', 'himself', 'herself', 'me'].includes(t.norm) ||
      // "14 year old missing since yesterday"
      agedPerson(ts, k),
  );
  const selfHere = personHere || ts.some((t) => t.norm === 'i' || t.norm === 'we');
  // "she is not safe", "the child is in danger": the subject just before is a person, not "that".
  r.unsafe = ts.some((t, i) => {
    if (!(word(t, W.UNSAFE) || (t.norm === 'safe' && isNeg(ts[i - 1])))) return false;
    const subject = ts.slice(Math.max(0, i - 5), i);
    return (
      selfHere &&
      !subject.some((b) => ['that', 'it', 'this', 'which'].includes(b.norm)) &&
      subject.some((b) => word(b, W.PERSON) || word(b, W.CHILD_NOUNS) || ['i', 'we', 'you'].includes(b.norm))
    );
  });
  // "he's come in with bruises on his arms": the one who came in is the one hurt.
  const arrivesHurt = ts.some(
    (v, k) =>
      v.norm === 'with' &&
      [1, 2].some((d) => W.INJURY.has(ts[k + d]?.norm ?? '') || W.WOUNDS.has(ts[k + d]?.norm ?? '')),
  );
  ts.forEach((t, i) => {
    const prev = ts[i - 1];
    const prev2 = ts[i - 2];
    // The nearest word before that is not an adverb ("is currently being sexually assaulted"), kept
    // as the loop goes so a clause is read in one pass.
    const lastNonAdv = lastNonAdverb;
    if (t.pos !== 'ADV') lastNonAdverb = t;
    // "-ing" after a preposition is a gerund ("charged with assaulting"); after "keeps" it is a habit.
    const gerund =
      lastNonAdv !== undefined &&
      (lastNonAdv.pos === 'ADP' ||
        lastNonAdv.pos === 'SCONJ' ||
        lastNonAdv.lemma === 'keep' ||
        // "held his arms to stop him hitting another kid": what was prevented, not what goes on.
        ts.slice(Math.max(0, i - 3), i).some((b) => b.lemma === 'stop' || b.lemma === 'prevent'));
    // "was harming" is the past; "is being abused" is now, "a history of being abused" is not.
    const pastAux = ts.slice(Math.max(0, i - 3), i).some((b) => b.lemma === 'be' && b.form === 'past');
    const beingAt = lastNonAdv?.norm === 'being' ? ts.lastIndexOf(lastNonAdv, i) : -1;
    let beforeBeing = beingAt - 1;
    while (beforeBeing >= 0 && ts[beforeBeing]?.pos === 'ADV') beforeBeing -= 1;
    const beingNow = beingAt >= 0 && isBePresent(ts[beforeBeing]);
    // "the TA saw the escort yanking him", "I heard him hitting her": seen or heard then, not now.
    const perceivedInPast = ts
      .slice(Math.max(0, i - 5), i)
      .some((b) => PERCEPTION.has(b.lemma) && b.form === 'past');
    // "has older men picking her up": how things are, a routine, not something going on now.
    const had = t.form === 'ing' && t.pos === 'VERB' && describedAsHad(ts, i);
    if (had) r.hadPattern = true;
    const progressive =
      !pastAux &&
      !perceivedInPast &&
      !had &&
      ((t.form === 'ing' && !gerund) || (t.pos === 'VERB' && (isBePresent(lastNonAdv) || beingNow)));
    // "not hitting her she says", "to stop him hitting another kid": harm denied or prevented.
    const deniedOrPrevented =
      (t.form === 'ing' && (isNeg(prev) || ['stop', 'prevent'].includes(prev2?.lemma ?? ''))) ||
      // "nobody hurt", "no one was injured": harm said not to have happened.
      saidOfNobody(ts, i) ||
      (prev?.norm === 'from' && ['stop', 'prevent'].includes(ts[i - 3]?.lemma ?? ''));
    // "logs on our beat", "my beat covers the estate": a patrol, a noun after its possessive.
    const patrolBeat =
      t.norm === 'beat' && ['our', 'my', 'your', 'the', 'a', 'this'].includes(prev?.norm ?? '');
    const harmVerb =
      (word(t, W.SERIOUS_HARM) || harmSaidOtherwise(ts, i)) && !deniedOrPrevented && !patrolBeat;
    const dangerVerb = harmVerb || dangerWord(t);
    // "she's self harming", "self-harm": harm to herself, read by the self-harm rules below, not
    // harm done to her; without a word for now it is a pattern to act on today, not 999.
    const selfHarmWord = prev?.norm === 'self' && ['harm', 'harming', 'harms', 'harmed'].includes(t.norm);
    if (progressive && dangerVerb && t.pos === 'VERB' && !selfHarmWord) activeNow = true;
    if (selfHarmWord && nowWord) r.selfHarm = true;
    // "dad's kicking off": getting angry, not kicking someone; "her mum kicked her out": made to leave.
    const kickNotABlow =
      t.lemma === 'kick' &&
      (ts[i + 1]?.norm === 'off' || ts[i + 1]?.norm === 'out' || ts[i + 2]?.norm === 'out');
    if (harmVerb && !selfHarmWord && !kickNotABlow) {
      r.seriousHarm = true;
      if (progressive && t.pos === 'VERB') r.ongoingHarm = true;
      // The lite model can tag "rapes" in "her uncle rapes her" as a noun: a noun between a subject
      // and an object pronoun is the verb.
      const asVerb =
        t.pos === 'VERB' ||
        (['NOUN', 'PROPN', 'PRON'].includes(prev?.pos ?? '') &&
          ['her', 'him', 'them', 'me'].includes(ts[i + 1]?.norm ?? ''));
      // "has been abusing his sibling" is a pattern up to now, told as such, not an event going on.
      const perfectProgressive = t.form === 'ing' && lastNonAdv?.norm === 'been';
      // ("a manager there was abusing kids": the past progressive is told in the past.)
      if (
        asVerb &&
        !perfectProgressive &&
        !perceivedInPast &&
        !pastAux &&
        (t.form === 'present' || t.form === 'ing' || t.form === 'none')
      )
        r.presentHarmVerb = true;
    }
    // "threatening to send her pics round": sextortion (read below as an image threat), not harm now.
    const sextortion =
      ['threaten', 'blackmail', 'sextort'].includes(t.lemma) && (has.images || sharesAhead(ts, i));
    if (word(t, W.WEAK_HARM) && !sextortion) {
      r.weakHarm = true;
      // "is touching younger kids" is often a pattern of behaviour: only a now-word makes it now.
      if (progressive && ongoingWord) r.ongoingHarm = true;
      if (progressive && t.form === 'ing') r.weakProgressive = true;
    }
    // A child's own words for sexual abuse, in a present-tense clause: possibly going on.
    if (word(t, W.SEXUAL_BODY)) {
      r.seriousHarm = true;
      // …done to them: a verb of contact ("puts his willy in her mouth"), not a child showing himself.
      if (ts.some((n) => n.form === 'present' && W.CONTACT.has(n.lemma))) r.presentHarmVerb = true;
    }
    // "his hand up her skirt", "hand on her leg": sexual touching described.
    if (
      (t.norm === 'hand' || t.norm === 'hands') &&
      ['on', 'up', 'down', 'in', 'inside', 'under'].includes(ts[i + 1]?.norm ?? '')
    ) {
      r.weakHarm = true;
      // "has his hand on her leg": a state that holds as the message is written.
      if (
        ts
          .slice(Math.max(0, i - 3), i)
          .some((b) => (b.lemma === 'have' || b.lemma === 'get') && b.form === 'present')
      )
        r.ongoingHarm = true;
    }
    if (t.lemma === 'take' && ts[i + 1]?.norm === 'turns') r.seriousHarm = true;
    // Shaking a baby (not "the girls are still shaken").
    if (
      t.lemma === 'shake' &&
      t.pos === 'VERB' &&
      within(ts, i, 3, (n) => ['baby', 'infant', 'newborn', 'toddler'].includes(n.norm))
    )
      r.seriousHarm = true;
    if (
      t.lemma === 'take' &&
      within(ts, i, 5, (n) => n.norm === 'into') &&
      within(ts, i, 9, (n) => W.ASIDE_PLACES.has(n.norm) || word(n, W.PLACES))
    )
      r.takenAside = true;
    if (t.lemma === 'stay' && ts[i + 1]?.norm === 'behind') r.takenAside = true;
    // "he's gone into her room", "followed him into the toilets": someone else, into a place out of sight.
    if (
      ['go', 'get', 'follow', 'sneak', 'creep', 'walk', 'barge'].includes(t.lemma) &&
      !ts.slice(Math.max(0, i - 3), i).some((b) => b.norm === 'i' || b.norm === 'we') &&
      within(ts, i, 4, (n) => n.norm === 'into') &&
      within(ts, i, 9, (n) => W.ASIDE_PLACES.has(n.norm))
    )
      r.takenAside = true;
    // "wedged the door shut", "has locked the bathroom door": a door held shut by someone else.
    if (
      word(t, W.CONFINE) &&
      has.childInSentence &&
      within(ts, i, 3, (n) => n.norm === 'door') &&
      !ts.slice(Math.max(0, i - 3), i).some((b) => b.norm === 'i' || b.norm === 'we')
    )
      r.confine = true;
    if (
      ['trousers', 'pants', 'knickers', 'underwear', 'shorts', 'skirt'].includes(t.norm) &&
      ['down', 'off', 'up'].includes(ts[i + 1]?.norm ?? '')
    )
      r.weakHarm = true;
    if (
      t.lemma === 'get' &&
      (prev?.lemma === 'have' || prev?.norm === "'ve") &&
      within(ts, i, 5, (n) => word(n, W.CHILD_NOUNS)) &&
      within(ts, i, 8, (n) => n.norm === 'in' || n.norm === 'behind')
    )
      r.confine = true;
    // "did things to her", "doing stuff to him": the euphemism for sexual abuse.
    if (
      t.lemma === 'do' &&
      within(ts, i, 2, (n) => n.lemma === 'thing' || n.norm === 'stuff') &&
      within(ts, i, 4, (n) => n.norm === 'to')
    )
      r.seriousHarm = true;
    // Coercion: "make him do it", "getting her to show him…", "forcing her to".
    if (
      (t.lemma === 'make' || t.lemma === 'get' || t.lemma === 'force') &&
      ['him', 'her', 'them'].includes(ts[i + 1]?.norm ?? '') &&
      ['VERB', 'AUX', 'PART'].includes(ts[i + 2]?.pos ?? '')
    )
      r.weakHarm = true;
    // "locked me out of the system" is neither a child nor held.
    // A verb of holding with a person as its object ("locked him in", "pinned her") or as its subject
    // ("a girl pinned in the toilets"); "the medication is locked in", "his block" hold no one.
    const heldObject = within(ts, i, 2, (n) => W.HELD.has(n.norm) || word(n, W.CHILD_NOUNS));
    const heldSubject =
      (t.form === 'past' || (t.pos === 'ADJ' && t.norm.endsWith('ed'))) &&
      prev !== undefined &&
      (word(prev, W.CHILD_NOUNS) ||
        ['she', 'he', 'they'].includes(prev.norm) ||
        (has.child && word(prev, W.PLACES)) ||
        // "a kid about 7 padlocked in a bedroom": the child's age just before.
        (prev.pos === 'NUM' && has.childInSentence));
    if (t.lemma === 'give' && (isNeg(prev) || isNeg(prev2)) && within(ts, i, 2, (n) => n.norm === 'back'))
      r.confine = true;
    // "she's blocked him" on an app blocks a contact, not a way out.
    const blockedContact = t.lemma === 'block' && !within(ts, i, 4, (n) => WAYS_OUT.has(n.norm));
    if (
      word(t, W.CONFINE) &&
      t.pos === 'VERB' &&
      !blockedContact &&
      (heldObject || heldSubject || (isBePresent(lastNonAdv) && personHere)) &&
      !within(ts, i, 3, (n) => n.norm === 'out') &&
      ts[i + 1]?.norm !== 'me'
    )
      r.confine = true;
    // "won't let her out / leave", "not allowed to leave", "holding him down", a door barricaded.
    if (
      t.lemma === 'let' &&
      (isNeg(prev) || isNeg(prev2)) &&
      // "won't let me see the children": access refused to a professional, not a child held.
      !['me', 'us', 'anyone', 'professionals', 'staff'].includes(ts[i + 1]?.norm ?? '') &&
      within(ts, i, 3, (n) => ['out', 'leave', 'go', 'home', 'take', 'in', 'see', 'near'].includes(n.norm)) &&
      !controlling(ts, i)
    )
      r.confine = true;
    // Standing in the doorway, in front of the door: not letting anyone out.
    if (
      // "stood", "standing" (which the lite model can tag as a noun)
      (t.lemma === 'stand' || t.norm.startsWith('stand')) &&
      within(ts, i, 6, (n) => n.norm === 'doorway' || n.norm === 'door') &&
      within(ts, i, 4, (n) => n.norm === 'front' || n.norm === 'doorway')
    )
      r.confine = true;
    if (
      t.lemma === 'allow' &&
      (isNeg(prev) || isNeg(prev2)) &&
      within(ts, i, 3, (n) => ['out', 'leave', 'go'].includes(n.norm)) &&
      !controlling(ts, i)
    )
      r.confine = true;
    if (t.lemma === 'hold' && within(ts, i, 4, (n) => n.norm === 'down')) r.confine = true;
    // "she ain't leaving till she does what I want": kept there until.
    if (
      t.lemma === 'leave' &&
      (isNeg(prev) || ['aint', "ain't"].includes(prev?.norm ?? '')) &&
      within(ts, i, 2, (n) => n.norm === 'till' || n.norm === 'until')
    )
      r.confine = true;
    // "he's out driving round looking for her": someone hunting the child now.
    if (
      t.lemma === 'look' &&
      t.form === 'ing' &&
      ts[i + 1]?.norm === 'for' &&
      W.HELD.has(ts[i + 2]?.norm ?? '') &&
      has.threatPerson
    )
      r.presence = true;
    if (t.lemma === 'push' && within(ts, i, 6, (n) => n.norm === 'against')) r.confine = true;
    // The lite model reads some verbs in -ing as nouns ("the one picking her up"): their base counts.
    const nounTake = nounIngStem(t, W.TAKE);
    const takeWord = word(t, W.TAKE) || nounTake !== undefined;
    const takeLemma = nounTake ?? t.lemma;
    // "he picks her up from college", "drives her to school": a habit, unless a time today is given.
    const habitualTake =
      t.form === 'present' &&
      t.norm.endsWith('s') &&
      !nowWordOrClock &&
      !CLOCK.test(sentenceText.toLowerCase());
    if (takeWord && !habitualTake && (t.pos === 'VERB' || t.norm.endsWith('ing'))) {
      const particle = within(ts, i, 7, (n) => TAKE_PARTICLES.has(n.norm));
      // "take the phone off him" takes a thing: the one taken must be a person.
      const person = takesPerson(ts, i);
      // "driving the baby", "collecting her": a person carried off, with or without "off".
      // "police came and took him away", "mum has since collected her": done, by the safe side.
      const doneBySafeSide =
        safeCollector(ts, i) &&
        (t.form === 'past' || ts.slice(Math.max(0, i - 3), i).some((b) => b.lemma === 'have'));
      if (
        person &&
        (takeLemma === 'collect' || takeLemma === 'drive' || particle) &&
        !doneBySafeSide &&
        !takenByWriter(ts, i)
      )
        r.take = true;
      // "the friend is collecting at 12": a collection at a time today.
      if (
        takeLemma === 'collect' &&
        // …with no thing collected ("collecting the prescription at 3").
        !['DET', 'NOUN', 'PROPN'].includes(ts[i + 1]?.pos ?? '') &&
        nowWordOrClock &&
        !has.negation &&
        !safeCollector(ts, i) &&
        !collectedBySafeCarer(ts, i)
      )
        r.take = true;
    }
    // "he's getting me today", "coming to get her after school".
    if (
      t.lemma === 'get' &&
      ['me', 'her', 'him', 'them'].includes(ts[i + 1]?.norm ?? '') &&
      nowWordOrClock &&
      !safeCollector(ts, i)
    )
      r.take = true;
    // Being sent or going home, or getting into a car, to the person who harmed them.
    if (
      ['go', 'return', 'send'].includes(t.lemma) &&
      t.pos === 'VERB' &&
      // "she's ok and has gone home", "went home with his mum": done, not about to be ("is being
      // sent back to her dad tonight" is to come).
      !(
        (t.form === 'past' || ['gone', 'sent', 'returned'].includes(t.norm)) &&
        !['being', 'be', 'is', 'getting', 'get'].includes(prev?.norm ?? '')
      ) &&
      within(
        ts,
        i,
        2,
        (n, j) =>
          n.norm === 'home' ||
          (n.norm === 'back' &&
            ['to', 'with', 'there', 'home', 'tonight', 'today'].includes(ts[j + 1]?.norm ?? '')),
      ) &&
      !backToSchool(ts, i)
    )
      r.take = true;
    // "demanding to take her", "wants to take his 3 year old", "trying to take the baby": someone
    // taking a child (not the writer: "I want to take him").
    if (t.lemma === 'take' && t.pos === 'VERB' && takesPerson(ts, i) && !takenByWriter(ts, i)) {
      const before = ts.slice(Math.max(0, i - 4), i);
      const intent = before.some((b) => TAKE_INTENT.has(b.lemma) || (b.lemma === 'go' && b.norm === 'going'));
      if (intent || ['her', 'him', 'them'].includes(ts[i + 1]?.norm ?? '')) r.take = true;
    }
    if (
      t.lemma === 'go' &&
      ts[i + 1]?.norm === 'with' &&
      ['him', 'her', 'them'].includes(ts[i + 2]?.norm ?? '')
    )
      r.take = true;
    if (word(t, W.MOVE_CHILD) && t.pos === 'VERB') {
      // "pulled her by the arm into a silver car": the vehicle a few words on.
      const intoCar =
        within(ts, i, 6, (n) => n.norm === 'into' || n.norm === 'in') &&
        within(ts, i, 9, (n) => VEHICLES.has(n.norm));
      if (intoCar) r.abduct = true;
      // "pulling her towards the platform", "being walked out the gate": led off by someone.
      else if (within(ts, i, 6, (n) => ['off', 'away', 'towards', 'toward', 'out'].includes(n.norm)))
        r.take = true;
    }
    // "trying to grab a pupil at the gate", "snatched the baby": a child seized by someone.
    // ("grabbed her son by the arm" told after the event is a blow, read as one.)
    if (
      ['grab', 'snatch', 'drag', 'bundle'].includes(t.lemma) &&
      t.pos === 'VERB' &&
      t.form !== 'past' &&
      !ts.slice(Math.max(0, i - 5), i).some((b) => ['was', 'were', 'been'].includes(b.norm))
    ) {
      const object = ts[i + 1]?.pos === 'DET' ? ts[i + 2] : ts[i + 1];
      if (object && (W.HELD.has(object.norm) || word(object, W.CHILD_NOUNS))) r.abduct = true;
    }
    // "he'll come back for her"; not "applied to come back for 6th form".
    if (
      t.lemma === 'come' &&
      ts[i + 1]?.norm === 'back' &&
      ts[i + 2]?.norm === 'for' &&
      (W.HELD.has(ts[i + 3]?.norm ?? '') || word(ts[i + 3], W.CHILD_NOUNS) || ts[i + 3]?.pos === 'DET')
    )
      r.threat = true;
    // "you won't see her again", "you'll never see them again": a child about to be taken for good.
    if (
      t.lemma === 'see' &&
      W.HELD.has(ts[i + 1]?.norm ?? '') &&
      ts[i + 2]?.norm === 'again' &&
      ts.slice(Math.max(0, i - 4), i).some((b) => isNeg(b) || b.norm === 'never')
    )
      r.threat = true;
    // "plan to have their 11-year-old 'cut' this evening": FGM named, or "cut" said as its euphemism,
    // within hours.
    if (FGM.test(clauseText) && nowWordOrClock) r.threat = true;
    // "he's coming for her": coming to get the child.
    if (t.lemma === 'come' && ts[i + 1]?.norm === 'for' && W.HELD.has(ts[i + 2]?.norm ?? '')) r.threat = true;
    // "she's being taken to a man's flat", "she'll be picked up at 11": the child is the one taken.
    if (
      (word(t, W.TAKE) || t.lemma === 'pick') &&
      ['being', 'be', 'get', 'getting'].includes(prev?.norm ?? '') &&
      !collectedBySafeCarer(ts, i)
    )
      r.take = true;
    if (
      t.lemma === 'go' &&
      ts.slice(i + 1, i + 6).some((n, k, a) => n.norm === 'with' && W.HELD.has(a[k + 1]?.norm ?? ''))
    )
      r.take = true;
    if (t.lemma === 'get' && within(ts, i, 4, (n) => VEHICLES.has(n.norm))) r.take = true;
    // "trying to get her into their car": a person put into a vehicle.
    if (
      t.lemma === 'get' &&
      W.HELD.has(ts[i + 1]?.norm ?? '') &&
      within(ts, i, 3, (n) => n.norm === 'into') &&
      within(ts, i, 6, (n, k) => VEHICLES.has(n.norm) || (n.norm === 'private' && ts[k + 1]?.norm === 'hire'))
    )
      r.take = true;
    // "he's coming to get the kids back", "on his way to take her": someone coming for the child.
    if (
      t.lemma === 'come' &&
      ts[i + 1]?.norm === 'to' &&
      ['get', 'take', 'grab', 'snatch', 'collect'].includes(ts[i + 2]?.lemma ?? '') &&
      has.threatPerson &&
      !safeCollector(ts, i)
    )
      r.take = true;
    if (t.lemma === 'leave' && ts[i + 1]?.norm === 'with') r.take = true;
    if (
      word(t, W.LIVE_ONLINE) ||
      (t.norm === 'chat' && ['video', 'live', 'cam', 'webcam'].includes(prev?.norm ?? '')) ||
      (t.norm === 'video' && ts[i + 1]?.norm === 'call') ||
      (t.norm === 'live' && t.pos !== 'VERB')
    )
      r.liveOnline = true;
    if ((t.lemma === 'take' || t.lemma === 'remove') && within(ts, i, 4, (n) => word(n, W.UNDRESS_OBJECTS)))
      r.undress = true;
    if (
      t.lemma === 'show' &&
      within(ts, i, 4, (n) => ['body', 'breasts', 'privates', 'chest'].includes(n.norm))
    )
      r.undress = true;
    if (t.lemma === 'turn' && within(ts, i, 3, (n) => n.norm === 'camera')) r.undress = true;
    if (t.lemma === 'strip' || t.norm === 'naked' || t.norm === 'nude') r.undress = true;
    // "lad's trousers undone", "her knickers pulled down": clothes disarranged.
    if (
      CLOTHES.has(t.norm) &&
      within(ts, i, 3, (n) => ['undone', 'down', 'off', 'open', 'unzipped', 'unbuttoned'].includes(n.norm))
    )
      r.undress = true;
    // "the chat is telling him to do things": acts done to order on a live stream.
    if (t.lemma === 'tell' && W.HELD.has(ts[i + 1]?.norm ?? '') && ts[i + 2]?.norm === 'to') r.undress = true;
    const adultsOwn = [prev, prev2].some((b) => ADULT_BEFORE.has(b?.norm ?? ''));
    if (((word(t, W.SELF_HARM_OBJECTS) && has.swallow) || word(t, W.SELF_HARM_ALWAYS)) && !adultsOwn)
      r.selfHarm = true;
    // "exposing himself to the kids": indecent exposure is sexual harm (read as a harm verb above).
    if (t.lemma === 'expose' && /sel(f|ves)$/.test(ts[i + 1]?.norm ?? '')) r.sexualHarm = true;
    // "makes him do sexual things", "made her do sexual stuff": sexual abuse told in other words.
    if (
      t.lemma === 'make' &&
      W.HELD.has(ts[i + 1]?.norm ?? '') &&
      ts[i + 2]?.lemma === 'do' &&
      within(ts, i + 2, 3, (n) => n.norm === 'sexual')
    ) {
      r.seriousHarm = true;
      r.sexualHarm = true;
    }
    // "going to jump", "she'd rather die", "cut his arm".
    if (t.lemma === 'jump' && (has.future || ts.slice(Math.max(0, i - 3), i).some((b) => b.norm === 'about')))
      r.selfHarm = true;
    if (t.lemma === 'die' && ts.slice(Math.max(0, i - 2), i).some((b) => b.norm === 'rather'))
      r.selfHarm = true;
    if (
      t.lemma === 'cut' &&
      ['his', 'her', 'their'].includes(ts[i + 1]?.norm ?? '') &&
      ['arm', 'arms', 'wrist', 'wrists', 'leg', 'legs', 'thigh', 'thighs'].includes(ts[i + 2]?.norm ?? '')
    )
      r.selfHarm = true;
    // ("not suicidal", "never suicidal": said not to be.)
    // (Nor an adult's: "adult male overdose", "mum's overdose".)
    if (['overdose', 'overdosed', 'suicidal'].includes(t.norm) && !isNeg(prev) && !adultsOwn)
      r.selfHarm = true;
    // "she's tied something round her neck", "a ligature": a ligature, now unless said to be over.
    if (t.norm === 'ligature' || t.norm === 'ligatures') r.selfHarm = true;
    if (
      ['tie', 'wrap', 'tighten'].includes(t.lemma) &&
      within(ts, i, 5, (n) => n.norm === 'round' || n.norm === 'around') &&
      within(ts, i, 7, (n) => n.norm === 'neck')
    )
      r.selfHarm = true;
    // "on a bridge saying goodbye to everyone", "goodbye messages from the roof": farewells from a height.
    if ((t.norm === 'goodbye' || t.norm === 'goodbyes') && ts.some((n) => W.HEIGHTS.has(n.norm)))
      r.selfHarm = true;
    if (
      // The ways of ending one's life said of oneself: "going to shoot himself", "drown herself".
      [
        'kill',
        'cut',
        'hang',
        'harm',
        'hurt',
        'shoot',
        'stab',
        'drown',
        'strangle',
        'poison',
        'burn',
        'suffocate',
        'starve',
      ].includes(t.lemma) &&
      /sel(f|ves)$/.test(ts[i + 1]?.norm ?? '') &&
      // "searching 'how to hurt yourself'", "go kill yourself": said to anyone, not of the child.
      !/^your/.test(ts[i + 1]?.norm ?? '')
    )
      r.selfHarm = true;
    if (t.lemma === 'die' && ts.slice(Math.max(0, i - 3), i).some((b) => b.lemma === 'want'))
      r.selfHarm = true;
    if (t.lemma === 'jump' && within(ts, i, 2, (n) => ['off', 'from', 'in'].includes(n.norm)))
      r.selfHarm = true;
    if (
      (['suicide', 'suicidal'].includes(t.norm) && !isNeg(prev)) ||
      (t.lemma === 'end' && ['it', 'everything'].includes(ts[i + 1]?.norm ?? ''))
    )
      r.selfHarm = true;
    if (
      t.lemma === 'take' &&
      within(ts, i, 3, (n) => n.norm === 'own') &&
      within(ts, i, 4, (n) => n.norm === 'life')
    )
      r.selfHarm = true;
    // A young child on their own: "toddler on his own in the flat", "baby in the car, parent nowhere".
    if (
      has.youngChildInSentence &&
      ((t.norm === 'own' && ['his', 'her', 'their'].includes(prev?.norm ?? '') && prev2?.norm === 'on') ||
        t.norm === 'nowhere' ||
        (t.norm === 'adult' && ['no', 'any'].includes(prev?.norm ?? '')))
    )
      r.missing = true;
    // "hasn't been seen since supper", "not been seen since lunch": missing until now.
    if (
      t.norm === 'seen' &&
      prev?.norm === 'been' &&
      (isNeg(prev2) || ['hasnt', 'havent'].includes(prev2?.norm ?? '')) &&
      ts[i + 1]?.norm === 'since'
    )
      r.missing = true;
    // A young child left alone: "home alone", "nobody about".
    const child = has.childInSentence;
    if (
      child &&
      t.norm === 'alone' &&
      ['home', 'left', 'herself', 'himself', 'themselves'].includes(prev?.norm ?? '') &&
      !ts.slice(Math.max(0, i - 4), i).some(isNeg) &&
      // "gives him lifts home alone": alone with the one driving, not left alone.
      !ts.slice(Math.max(0, i - 4), i).some((b) => ['lift', 'drive', 'walk'].includes(b.lemma))
    )
      r.missing = true;
    if (
      child &&
      ['nobody', 'no-one'].includes(t.norm) &&
      ['about', 'around', 'home', 'there', 'in'].includes(ts[i + 1]?.norm ?? '')
    )
      r.missing = true;
    if (
      t.lemma === 'come' &&
      (isNeg(prev) || isNeg(prev2)) &&
      within(ts, i, 2, (n) => n.norm === 'home' || n.norm === 'back')
    )
      r.missing = true;
    const missingFrom = within(ts, i, 2, (n) =>
      ['education', 'school', 'lessons', 'class', 'appointments', 'sessions'].includes(n.norm),
    );
    // "ran out the front door", "ran out of the home": gone from where they were safe.
    const ranOut =
      ts[i + 1]?.norm === 'out' &&
      within(ts, i + 1, 3, (n) => ['door', 'house', 'home', 'building', 'unit', 'school'].includes(n.norm));
    if (
      (t.norm === 'missing' && !missingFrom && selfHere) ||
      t.lemma === 'abscond' ||
      (t.lemma === 'run' && (ts[i + 1]?.norm === 'away' || ts[i + 1]?.norm === 'off' || ranOut))
    )
      r.missing = true;
    // "one of my mindees (3) has vanished", "she's disappeared from the ward".
    if (
      (t.lemma === 'vanish' || t.lemma === 'disappear') &&
      (has.childInSentence || personHere || AGED_CHILD.test(sentenceText.toLowerCase()))
    )
      r.missing = true;
    // "snuck out after lights out", "climbed out of her window": gone without anyone knowing.
    if (
      has.childInSentence &&
      ((['sneak', 'snuck', 'sneaked'].includes(t.lemma) && ts[i + 1]?.norm === 'out') ||
        (t.lemma === 'climb' &&
          ts[i + 1]?.norm === 'out' &&
          within(ts, i + 1, 4, (n) => n.norm === 'window')))
    )
      r.missing = true;
    // "last seen 20 minutes ago", "staff are searching", "her parents are asking where she is".
    if (LOST_NOW.test(text) && (personHere || has.childInSentence)) r.missing = true;
    const findsPerson = ['her', 'him', 'them'].includes(ts[i + 1]?.norm ?? '') && ts[i + 2]?.pos !== 'NOUN';
    if (t.lemma === 'find' && findsPerson && (isNeg(prev) || isNeg(prev2))) r.missing = true;
    if (t.lemma === 'find' && prev?.norm === 'been' && has.negation && (has.child || has.thirdPerson))
      r.missing = true;
    // A threat: "will / is going to" + harm, "he'll send her pics", "or I'll do it again", "he's next".
    // "he said he'd…", "told her she would…": a future reported by someone.
    const reportedFuture =
      (t.norm === "'d" || t.norm === 'would') &&
      ts
        .slice(Math.max(0, i - 3), i)
        .some((b) => ['say', 'tell', 'threaten', 'warn', 'text', 'message'].includes(b.lemma));
    if (
      FUTURE.has(t.norm) ||
      t.lemma === 'will' ||
      reportedFuture ||
      (t.lemma === 'go' && t.form === 'ing' && ts[i + 1]?.norm === 'to')
    ) {
      const imageAt = (j: number) => W.IMAGE_WORDS.has(ts[j]?.norm ?? '');
      const harmAhead = ts
        .slice(i + 1, i + 6)
        .some(
          (n, k) =>
            word(n, W.SERIOUS_HARM) ||
            harmSaidOtherwise(ts, i + 1 + k) ||
            (word(n, W.WEAK_HARM) && n.pos === 'VERB') ||
            (['send', 'share', 'post'].includes(n.lemma) &&
              nowWord &&
              [1, 2, 3, 4].some((d) => imageAt(i + 1 + k + d))),
        );
      const again = ts.slice(i + 1, i + 5).some((n, j, a) => n.lemma === 'do' && a[j + 2]?.norm === 'again');
      // What threats are said in: "finish what he started", "get her", "sort him out", "teach her a lesson".
      // (Looked up in the whole clause: "going to 'teach her a lesson'" runs past the window.)
      const euphemism = ts.slice(i + 1, i + 5).some((n, j) => {
        const at = i + 1 + j;
        return (
          n.lemma === 'finish' ||
          (['get', 'sort', 'teach', 'make', 'deal'].includes(n.lemma) &&
            [ts[at + 1], ts[at + 2]].some((m) => W.HELD.has(m?.norm ?? '')) &&
            (n.lemma === 'get' ||
              ts.slice(at + 1, at + 5).some((m) => ['out', 'lesson', 'pay', 'with'].includes(m.norm))))
        );
      });
      // "he'll get it worse tonight", "she'll get a hiding when he's home": a punishment to come.
      const punishment = ts.slice(i + 1, i + 4).some((n, j) => {
        const next = ts[i + 2 + j];
        const after = ts[i + 3 + j];
        return (
          n.lemma === 'get' &&
          ((next?.norm === 'it' && (after === undefined || PUNISHMENT_AFTER_IT.has(after.norm))) ||
            PUNISHMENTS.has(next?.norm ?? '') ||
            (['a', 'another'].includes(next?.norm ?? '') && PUNISHMENTS.has(after?.norm ?? '')))
        );
      });
      if (harmAhead || again || euphemism || punishment) r.threat = true;
    }
    // "you're next", "he said she's next"; not "the visit is next tuesday" (a date).
    if (
      t.norm === 'next' &&
      (prev?.lemma === 'be' || prev?.norm === "'") &&
      !['NOUN', 'PROPN', 'NUM', 'ADJ'].includes(ts[i + 1]?.pos ?? '') &&
      // "what's next from me?", "what is next": a question about the next step.
      !['what', 'whats'].includes(ts[i - 2]?.norm ?? '')
    )
      r.threat = true;
    const images = [
      'pics',
      'pictures',
      'photos',
      'picture',
      'photo',
      'video',
      'videos',
      'nudes',
      'images',
      'ones',
    ];
    if (
      ['send', 'share', 'post', 'leak'].includes(t.lemma) &&
      within(ts, i, 5, (n) => images.includes(n.norm)) &&
      ts.slice(Math.max(0, i - 3), i).some((b) => ['or', 'unless', 'otherwise', 'else'].includes(b.norm))
    )
      r.imageThreat = true;
    // "lads planning to 'shank' a boy at the park after school today": violence planned for today.
    if (['planning', 'going', 'meaning'].includes(t.norm) && ts[i + 1]?.norm === 'to') {
      const act = ts[i + 2]?.pos === 'PUNCT' ? ts[i + 3] : ts[i + 2];
      if (
        (word(act, W.SERIOUS_HARM) || word(act, W.VIOLENT_SLANG) || PLANNED_VIOLENCE.has(act?.norm ?? '')) &&
        nowWordOrClock
      )
        r.threat = true;
    }
    // "he'll do it again tonight"; not "she mentioned it again today" (telling again, not harm again).
    if (t.norm === 'again' && (has.future || nowWord) && harmAgain(ts, i)) r.threat = true;
    // "threatening to send her pics round", "blackmailing her for more nudes": sextortion, a same-day
    // matter for the police and the DSL, not 999 unless something else puts her in danger now.
    if (t.lemma === 'threaten' || t.lemma === 'blackmail') {
      if (sextortion) r.imageThreat = true;
      else r.threat = true;
    }
    if (t.lemma === 'finish' && W.HELD.has(ts[i + 1]?.norm ?? '') && has.future) r.threat = true;
    // "he's getting done in", "she'll get done in": slang for a beating to come.
    if (
      t.norm === 'done' &&
      ts[i + 1]?.norm === 'in' &&
      ['getting', 'get', 'gets', 'be'].includes(prev?.norm ?? '')
    )
      r.threat = true;
    // "he said when he gets in I'm dead", "you're dead after school": said as a threat, not a death.
    if (deadAsThreat(ts, i)) r.threat = true;
    // Presence: a person here, outside, on the way, or with the child, said in the present.
    const isPlace =
      word(t, W.PLACES) &&
      // "shared a nude of his ex around the year group chat": passed round, not a place someone is.
      !(t.norm === 'around' && ts.slice(Math.max(0, i - 6), i).some((b) => PASSED_ROUND.has(b.lemma))) &&
      !(t.norm === 'there' && (prev === undefined || prev.pos === 'AUX' || ts[i + 1]?.lemma === 'be'));
    // "with her", and "next to her", "beside him": in the child's company.
    const besideChild = (t.norm === 'next' && ts[i + 1]?.norm === 'to' ? ts[i + 2] : ts[i + 1])?.norm ?? '';
    // "she's with her social worker now": "her" before a noun names whose, and a protective companion
    // is no threat.
    const pronounAt = t.norm === 'next' && ts[i + 1]?.norm === 'to' ? i + 2 : i + 1;
    const companion = [1, 2].map((d) => ts[pronounAt + d]).find((n) => n?.pos === 'NOUN');
    const inCompany =
      ['with', 'beside', 'next'].includes(t.norm) &&
      ['her', 'him', 'them'].includes(besideChild) &&
      (t.norm !== 'next' || ts[i + 1]?.norm === 'to') &&
      !(besideChild === 'her' && companion !== undefined && PROTECTIVE.has(companion.norm));
    if (isPlace || inCompany) {
      const near = ts.slice(Math.max(0, i - 7), i);
      // "a man in his 40s dropped her off and is sat in a car outside": a second verb after "and"
      // shares the clause's subject, so the person is looked for at the clause's start too.
      const coordinated = near.some(
        (v, k) => v.norm === 'and' && ['AUX', 'VERB'].includes(near[k + 1]?.pos ?? ''),
      );
      const window = coordinated ? [...ts.slice(0, Math.min(3, Math.max(0, i - 7))), ...near] : near;
      // A person by noun ("the man", "her uncle") anywhere; a pronoun ("she's in school") only at a
      // place where being there is a threat, or with the child.
      // "the uncle who's got a no-contact condition has just walked in": a relative clause between
      // the person and the place, so the person is looked for from the clause's start.
      const relative = ts.slice(0, i).some((v) => v.norm === 'who');
      // The parent or officer who has come in to tell you is not the threat.
      // "the lads he owes are sat in a black car by the main gate": the subject of the present "be"
      // before the place, however long, is the one there.
      const beAt = ts
        .slice(0, i)
        .findLastIndex((v, k) => isBePresent(v) && POSTURE_NOW.has(ts[k + 1]?.norm ?? ''));
      const subject = beAt > 0 ? ts.slice(0, beAt) : [];
      // ("mum and 10 day old in the lounge with him": a child named by age is named.)
      // Not the family's own children with no one beside them: "her two kids are in reception" says
      // where the children are, not who is there with them.
      const ownChildren = (all: readonly Token[], k: number) =>
        !inCompany &&
        word(all[k], W.CHILD_NOUNS) &&
        all.slice(Math.max(0, k - 2), k).some((b) => POSSESSIVES.has(b.norm));
      const named = [...(relative ? ts.slice(0, i) : window), ...subject].some(
        (v, k, all) =>
          (v.pos !== 'PRON' &&
            !PROTECTIVE.has(v.norm) &&
            !ownChildren(all, k) &&
            (word(v, W.PERSON) || word(v, W.HARMER) || word(v, W.CHILD_NOUNS))) ||
          agedPerson(all, k),
      );
      const pronoun = window.some((v) => v.pos === 'PRON' && word(v, W.PERSON));
      const threatPlace =
        word(t, W.THREAT_PLACES) ||
        inCompany ||
        [0, 1, 2, 3].some((d) => word(ts[i + d], W.THREAT_PLACES) || withPerson(ts, i + d));
      const still = window.some((v) => v.norm === 'still');
      const person = named || (pronoun && (threatPlace || still)) || (firstTheres >= 0 && firstTheres < i);
      const leaving = window.some((v) => ['leave', 'move', 'go'].includes(v.lemma) && v.form !== 'ing');
      // "he's still living there", "having sex with her boyfriend", "chatting with him online": where
      // someone lives, or a relationship, not someone there with the child now.
      const lastThree = window.slice(-3);
      // "he's a teacher here", "he's still a swimmer here", "still coaching at a club": a role held
      // at a place is access to children there, a same-day matter, not someone with the child now.
      const roleThere =
        lastThree.some((v) => ROLE_WORK.has(v.norm)) ||
        window.some(
          (v, k, a) =>
            ['a', 'an'].includes(v.norm) &&
            a[k + 1]?.pos === 'NOUN' &&
            a[k + 1] !== t &&
            (a[k - 1]?.lemma === 'be' || (a[k - 1]?.norm === 'still' && a[k - 2]?.lemma === 'be')) &&
            // ("there's a man at the table": someone there.)
            !a.slice(Math.max(0, k - 3), k).some((b) => ['there', 'theres', "there's"].includes(b.norm)),
        );
      const notCompany =
        roleThere ||
        lastThree.some((v) => RESIDENCE.has(v.lemma)) ||
        (t.norm === 'with' && lastThree.some((v) => NOT_COMPANY.has(v.lemma) || NOT_COMPANY.has(v.norm)));
      // "the man at our garden fence talking to the children": what someone at a place is doing.
      const doingThere =
        window.some(
          (v) =>
            v.pos !== 'PRON' &&
            (word(v, W.PERSON) || word(v, W.HARMER)) &&
            !word(v, W.CHILD_NOUNS) &&
            !PROTECTIVE.has(v.norm),
        ) &&
        [1, 2].some(
          (d) => ts[i + d]?.form === 'ing' && ts[i + d]?.pos === 'VERB' && ts[i + d - 1]?.lemma !== 'keep',
        );
      // "the bloke outside in the white van is her boyfriend": a person placed by the word after them,
      // the subject of a verb in the present that follows.
      const placedNow =
        prev !== undefined &&
        prev.pos !== 'PRON' &&
        (word(prev, W.PERSON) || word(prev, W.HARMER)) &&
        !word(prev, W.CHILD_NOUNS) &&
        !PROTECTIVE.has(prev.norm) &&
        ts.slice(i + 1, i + 9).some((v) => isBePresent(v) || (v.pos === 'VERB' && v.form === 'present'));
      const present =
        doingThere ||
        placedNow ||
        window.some(
          (v) =>
            isBePresent(v) ||
            v.norm === 'theres' ||
            v.norm === "there's" ||
            (word(v, W.PRESENCE_VERBS) && (v.form === 'ing' || v.form === 'present')),
        );
      const justArrived =
        window.some((v) => word(v, W.PRESENCE_VERBS)) && window.some((v) => v.norm === 'just');
      // "mum's boyfriend at the gate", "mum and baby in the lounge with him": a note with no verb.
      const verbless = !ts.some((v) => (v.pos === 'VERB' || v.pos === 'AUX') && !REPORTING.has(v.lemma));
      // "mums boyfriend still in the flat": "still" in a note with no verb says there now.
      const stillNote = still && verbless;
      // "I'm taking my daughter to the car": the writer, with their own child, is not the threat.
      const writerSubject =
        ['i', 'we'].includes(ts.find((v) => v.pos === 'PRON')?.norm ?? '') && ts[0]?.pos === 'PRON';
      if (
        person &&
        !leaving &&
        !notCompany &&
        !writerSubject &&
        !arrivesHurt &&
        (present || justArrived || stillNote)
      )
        r.presence = true;
      else if (pronoun && !leaving && !notCompany && !arrivesHurt && (present || justArrived))
        r.pronounPresent = true;
      if (
        named &&
        !leaving &&
        verbless &&
        // "at the gate", "in the lounge", "with him": a preposition before the place, or the company
        // word itself. What the writer sees may put an article between ("mum and 10 day old in the
        // lounge with him"); a child's account may not ("says he does stuff in the bathroom with
        // him"), though a place said bare is where someone is, whoever says so ("kid says mums
        // boyfriend at gate").
        (PLACE_PREPOSITIONS.has(prev?.norm ?? t.norm) ||
          (!ts.some((v) => REPORTING.has(v.lemma)) &&
            (t.norm === 'with' || (prev?.pos === 'DET' && PLACE_PREPOSITIONS.has(ts[i - 2]?.norm ?? ''))))) &&
        threatPlace
      ) {
        // "mum and the baby in the lounge with him": the child with "him", who was named before.
        if (
          t.norm === 'with' &&
          !window.some(
            (v) =>
              v.pos !== 'PRON' && word(v, W.PERSON) && !PROTECTIVE.has(v.norm) && !word(v, W.CHILD_NOUNS),
          )
        )
          r.pronounPresent = true;
        else r.presence = true;
      }
    }
    // "the man with her", "an older lad with him": a person in the child's company (not her mum).
    if (
      t.norm === 'with' &&
      W.HELD.has(ts[i + 1]?.norm ?? '') &&
      prev?.pos === 'NOUN' &&
      word(prev, W.PERSON) &&
      !W.SAFE_COLLECTORS.has(prev.norm)
    )
      r.presence = true;
    // "he's back", "her uncle is back": the person has returned (not "she's back home", found).
    if (
      t.norm === 'back' &&
      !['home', 'at', 'in', 'to', 'with', 'from', 'on', 'safe'].includes(ts[i + 1]?.norm ?? '') &&
      (['hes', "he's", 'theyre', "they're"].includes(prev?.norm ?? '') ||
        (isBePresent(prev) &&
          ts
            .slice(Math.max(0, i - 3), i - 1)
            .some(
              (b) =>
                ['he', 'they'].includes(b.norm) ||
                (word(b, W.PERSON) && b.pos !== 'PRON' && !word(b, W.CHILD_NOUNS)),
            )))
    )
      r.presence = true;
    // "he keeps knocking on the door": someone there, again and again.
    if (word(t, W.PRESENCE_VERBS) && t.form === 'ing' && prev?.lemma === 'keep' && t.lemma !== 'come')
      r.presence = true;
    // "he's at the school gates", "her uncle is in reception": a person, "is", a place phrase.
    if (isBePresent(t) && ['in', 'at', 'outside', 'by', 'near'].includes(ts[i + 1]?.norm ?? '')) {
      // ("a man he met on fortnite is at the campsite entrance": a relative clause before the "is".)
      const subject = ts.slice(Math.max(0, i - 6), i);
      const placeAhead = within(ts, i + 1, 4, (n) => word(n, W.PLACES));
      if (placeAhead && subject.some((v) => v.pos !== 'PRON' && (word(v, W.PERSON) || word(v, W.HARMER))))
        r.presence = true;
    }
    // "he'll be home when she gets back at 4": a person there soon.
    if (
      t.lemma === 'be' &&
      FUTURE.has(prev?.norm ?? '') &&
      within(ts, i, 3, (n) => word(n, W.PLACES)) &&
      nowWordOrClock
    )
      r.presence = true;
    // "he's on his way", "he's coming to get her", "he's turned up": arriving.
    if (
      (t.lemma === 'come' || t.lemma === 'turn' || t.lemma === 'head') &&
      (t.form === 'ing' ||
        isBePresent(prev) ||
        (prev?.lemma === 'have' && prev.form === 'present') ||
        prev?.norm === 'just') &&
      has.threatPerson &&
      !arrivesHurt &&
      // "a strategy meeting request just came in", "a call came in": a thing arriving, not a person.
      !ts.slice(Math.max(0, i - 3), i).some((b) => ARRIVING_THINGS.has(b.lemma))
    )
      r.presence = true;
    // "texted staff that he's on his way to take the baby": coming now.
    if (
      t.norm === 'on' &&
      ['his', 'her', 'their'].includes(ts[i + 1]?.norm ?? '') &&
      ts[i + 2]?.norm === 'way' &&
      has.threatPerson &&
      !ts.slice(i + 3, i + 5).some((n) => ['home', 'back'].includes(n.norm))
    )
      r.presence = true;
    // "he's asking to discharge her": taking a patient out of hospital.
    if (t.lemma === 'discharge' && W.HELD.has(ts[i + 1]?.norm ?? '')) r.take = true;
  });

  // "we can hear dad telling the 5 yo to come and sit on his lap": someone heard or seen doing
  // something now is there now.
  const perceivedAt = ts.findIndex(
    (t, i) => t.norm === 'can' && ['hear', 'see'].includes(ts[i + 1]?.lemma ?? ''),
  );
  if (perceivedAt >= 0) {
    const after = ts.slice(perceivedAt + 2, perceivedAt + 12);
    const who = after.findIndex((t) => t.pos === 'NOUN' && word(t, W.PERSON) && !PROTECTIVE.has(t.norm));
    // …or somewhere: "I can see the man at the gate with her".
    if (
      who >= 0 &&
      after
        .slice(who + 1, who + 3)
        .some((t) => (t.form === 'ing' && t.pos === 'VERB') || PLACE_PREPOSITIONS.has(t.norm))
    )
      r.presence = true;
  }
  // "the man at the fence is the one who was in the paper last month": the relative clause's past
  // dates that person's history, not the clause it describes.
  const timed = withoutPastRelative(timeWords);
  Object.assign(
    r,
    readTime(timed, timed === timeWords ? text : timed.map((t) => t.norm).join(' '), {
      nowWord,
      activeNow,
      ongoingHarm: r.ongoingHarm,
    }),
  );
  r.weaponPictured = r.weapon && ts.some((t, k) => PICTURES.has(t.lemma) && ts[k + 1]?.norm === 'of');
  r.selfHarmHabit =
    r.selfHarm &&
    !has.future &&
    ts.some((t, i) => t.lemma === 'cut' || (ts[i - 1]?.norm === 'self' && t.lemma === 'harm')) &&
    !ts.some((t) => SELF_HARM_INTENT.has(t.lemma) || SELF_HARM_INTENT.has(t.norm));
  // "leader in 12yo's tent at camp, midnight", "staff member in a resident's room with the door shut".
  r.privateSpace =
    ADULT_IN_CHILDS_SPACE.test(sentenceText.toLowerCase()) && PRIVATE_HOUR.test(sentenceText.toLowerCase());
  r.due = dueWithTheChild(ts, text);

  // "if a pupil told me she was being taken abroad tonight…": the framing covers its whole sentence.
  r.generalQuestion =
    sentence.some(
      (t, i) =>
        ['if', 'whenever', 'when'].includes(t.norm) &&
        ['a', 'an', 'any', 'someone', 'somebody', 'anyone'].includes(sentence[i + 1]?.norm ?? ''),
    ) ||
    // "what do I do if my foster daughter doesn't come home", "what should a driver do if…": asking
    // ahead about a contingency.
    /\b(?:what to do|what (?:do|should|would|can|must) (?:i|we|you|staff|(?:a|an|the) [a-z]+) (?:actually |then |even |really )?(?:have to |need to |be expected to |be required to )?do|how long (?:do|should|must|are|am|have) (?:i|we|you|staff)(?: (?:supposed|meant|expected|required) to| (?:have|need) to)? wait) (?:if|when|before)\b/.test(
      sentenceText.toLowerCase(),
    ) ||
    // "if she told me…, what would I have to do", "if she went missing overnight who would I ring": a
    // second conditional asks about what has not happened.
    (/\bif\b/.test(sentenceText.toLowerCase()) &&
      /\bwhat would (?:i|we|you) (?:have to |need to |be expected to )?do\b/.test(
        sentenceText.toLowerCase(),
      )) ||
    secondConditional(sentence) ||
    // "are we allowed to search her room if we think…", "am I allowed to tell mum if…": what is permitted.
    /\b(?:are|am) (?:we|i|staff) (?:allowed|permitted) to\b[^.!?]*\bif\b/.test(sentenceText.toLowerCase()) ||
    // "are we allowed to photograph a child's injuries for the notes": what a record may hold.
    /\b(?:are|am) (?:we|i|staff) (?:allowed|permitted) to (?:photograph|take (?:a )?(?:photos?|pictures?)|record|write|note|keep|share|copy|pass)\b/.test(
      sentenceText.toLowerCase(),
    ) ||
    // "when does a LAC young person count as missing?", "is that classed as neglect?": what a word means.
    /\b(?:count|counts|counted|classed|class|defined|define) as\b[^.!]*\?/.test(sentenceText.toLowerCase());
  return r;
}

/** A word for harm, confinement or taking ("hit", "touch", "lock", "take", "drag"). */
function dangerWord(t: Token | undefined): boolean {
  return [W.SERIOUS_HARM, W.WEAK_HARM, W.CONFINE, W.TAKE, W.ABDUCT].some((set) => word(t, set));
}

/**
 * The verb nearest before "again" says what happens again: "he will put me in the bath again" is
 * harm again; "she mentioned it again today" is telling again, and "should that old injury be looked
 * at again now" something done to a record.
 */
function harmAgain(ts: readonly Token[], i: number): boolean {
  const at = ts.slice(0, i).findLastIndex((v) => v.pos === 'VERB');
  const verb = ts[at];
  if (!verb) return true;
  if (['mention', 'say', 'tell', 'bring', 'raise', 'repeat'].includes(verb.lemma)) return false;
  return !(ts[at - 1]?.lemma === 'be' && !dangerWord(verb));
}

/** "if she went missing … who would I ring?": "if" with a past verb, and a question with "would". */
function secondConditional(sentence: readonly Token[]): boolean {
  const at = sentence.findIndex((t) => t.norm === 'if');
  if (at < 0) return false;
  const pastAfterIf = sentence.slice(at + 1, at + 5).some((t) => t.pos === 'VERB' && t.form === 'past');
  const asksWould = sentence.some(
    (t, i) =>
      t.norm === 'would' &&
      ['what', 'who', 'how', 'where', 'when', 'which'].includes(sentence[i - 1]?.norm ?? ''),
  );
  return pastAfterIf && asksWould;
}

function afterSchoolNoun(ts: Token[]): boolean {
  return ts.some(
    (t, i) =>
      t.norm === 'after' &&
      ts[i + 1]?.norm === 'school' &&
      [
        'club',
        'clubs',
        'care',
        'provision',
        'activity',
        'activities',
        'session',
        'sessions',
        'detention',
      ].includes(ts[i + 2]?.norm ?? ''),
  );
}

/** "keeps hitting him whenever he's drunk", "hits her when he gets in": harm that recurs, not an event now. */
const RECURRING =
  /\bwhenever\b|\bat family (?:stuff|events?|gatherings?|parties|party|dos|do's|occasions|get togethers?)\b|\b(?:has|have|'s|'ve) been (?:turning up|showing up|coming (?:round|over|to the|by))\b(?! (?:for|since) )|\b(?:hits?|beats?|slaps?|punch(?:es)?|kicks?|hurts?|shouts? at|locks?) (?:him|her|them|me)(?: [a-z]+){0,2} when (?:he|she|they|dad|mum|his dad|her dad|his mum|her mum)(?:'s| is| are|'re| gets| get| has| comes| drinks| loses)\b/;

/** "being picked up by her mum", "taken home by the police": collected by someone protective. */
function collectedBySafeCarer(ts: Token[], i: number): boolean {
  const by = ts.findIndex((n, j) => j > i && j <= i + 3 && n.norm === 'by');
  if (by < 0) return false;
  const who = ts.slice(by + 1, by + 4).find((n) => n.pos === 'NOUN' || n.pos === 'PROPN');
  return who !== undefined && W.SAFE_COLLECTORS.has(who.norm);
}

/** "won't let her out without him", "not allowed to go out at all": coercive control, a pattern, not a locked door now. */
function controlling(ts: Token[], i: number): boolean {
  return (
    within(ts, i, 7, (n) => ['without', 'anywhere', 'ever', 'friends', 'alone', 'unless'].includes(n.norm)) ||
    ts.slice(i + 1, i + 9).some((n, k, a) => n.norm === 'at' && a[k + 1]?.norm === 'all')
  );
}

/** "won't go back to class", "sent back to lessons": back to a place in the day, not to a person. */
function backToSchool(ts: Token[], i: number): boolean {
  const k = ts.findIndex((n, j) => j > i && j <= i + 2 && (n.norm === 'back' || n.norm === 'home'));
  return (
    k >= 0 &&
    ts[k]?.norm === 'back' &&
    ts[k + 1]?.norm === 'to' &&
    ['class', 'lessons', 'lesson', 'school', 'college', 'work', 'bed', 'sleep', 'the', 'his', 'her'].includes(
      ts[k + 2]?.norm ?? '',
    ) &&
    !['dad', 'mum', 'him'].includes(ts[k + 3]?.norm ?? '') &&
    ![ts[k + 2]?.norm, ts[k + 3]?.norm].some((w) => ['house', 'flat', 'place', 'home'].includes(w ?? ''))
  );
}

/**
 * "when he gets in I'm dead", "you're dead after school": the threat idiom (the one speaking or spoken
 * to is alive), tied to when it will happen; "ur dead lol" alone is not.
 */
export function deadAsThreat(ts: readonly Token[], i: number): boolean {
  if (ts[i]?.norm !== 'dead') return false;
  if (!ts.some((t) => ['when', 'once', 'after', 'tonight', 'later', 'if'].includes(t.norm))) return false;
  const [a, b] = [ts[i - 2]?.norm ?? '', ts[i - 1]?.norm ?? ''];
  return (
    ['ur', 'youre', 'im', "i'm", "you're", 'u'].includes(b) ||
    (['i', 'you'].includes(a) && ["'m", "'re", 'am', 'are'].includes(b))
  );
}

/** Verbs of seeing or hearing: "saw him hitting her" tells what was witnessed then. */
const PERCEPTION = new Set(['see', 'watch', 'hear', 'catch', 'find', 'spot', 'notice', 'witness', 'observe']);

/** People who come to help or report, never the person the child needs protecting from. */
const PROTECTIVE = new Set([
  ...W.SAFE_COLLECTORS,
  'parent',
  'parents',
  'teacher',
  'nurse',
  'doctor',
  'staff',
]);
function safeCollector(ts: Token[], i: number): boolean {
  return ts.slice(Math.max(0, i - 4), i).some((b) => W.SAFE_COLLECTORS.has(b.norm));
}

/** Looking back on it as the message is written: "thinking about it now", "now I look back", "in hindsight". */
const REFLECTION =
  /\b(?:thinking (?:about it|back|on it) now|looking back(?: on it)?(?: now)?|now (?:that )?i (?:think|look) (?:about it|back)|now i come to think|in hindsight|with hindsight)\b/;

// A vehicle, also by the make or model people name it by ("getting into a black Audi").
const VEHICLES = new Set(
  `car van taxi vehicle cab minicab uber motor lorry motorbike moped audi bmw merc mercedes ford vauxhall
  corsa golf rover transit toyota prius honda kia nissan peugeot tesla jeep`.split(/\s+/),
);

/** Verbs of living somewhere: "he's still living there" is a household, not someone there now. */
const RESIDENCE = new Set(['live', 'living', 'lodge', 'reside']);
/** Work or membership at a place: "still coaching at a club", "volunteering at the church". */
const ROLE_WORK = new Set([
  'coaching',
  'teaching',
  'working',
  'volunteering',
  'refereeing',
  'employed',
  'attending',
]);

/** Verbs of a relationship or of talking: "with him" after them is not company now. */
const ADULT_BEFORE = new Set(
  'adult male female man woman mum mums dad dads parent partner father mother'.split(' '),
);
const PLANNED_VIOLENCE = new Set([
  'shank',
  'stab',
  'jump',
  'batter',
  'rush',
  'merk',
  'ching',
  'shoot',
  "'shank'",
]);
const PASSED_ROUND = new Set(['share', 'send', 'spread', 'pass', 'post', 'forward', 'circulate', 'go']);
const ARRIVING_THINGS = new Set(
  'request referral call email message text report letter notification alert form result results update'.split(
    ' ',
  ),
);
const NOT_COMPANY = new Set([
  ...RESIDENCE,
  // "has no contact with him": a relationship, here one there is none of.
  'contact',
  'sex',
  'sleep',
  'sleeping',
  'date',
  'dating',
  'relationship',
  'chat',
  'talk',
  'speak',
  'message',
  'text',
  'snap',
  'play',
  'split',
  'break',
  'consensual',
]);

/** Swallowed medicine, drugs or a poison. */
const POISONED =
  /\b(?:swallowed|swallow|swallowing|drunk|drank|eaten|ate|taken|took|had) (?:(?:some|all|a|an|the|his|her|their|my|mum's|dad's|nan's|a few|loads of|a load of|a handful of|a packet of|a bottle of|half a bottle of|some of|all of)\s+){0,3}(?:[\w']+ )?(?:tablets|tabs|pills|meds|medication|medicine|methadone|paracetamol|sleeping tablets|bleach|batteries|battery|cleaning|detergent|capsules|liquitabs|antifreeze|weed gummies|gummies)\b/;

/** A child asking for help, or a call or message cut off mid-plea. */
/** FGM by name, or "cut" in quotes or as something done to a girl ("have her cut", "to be cut"). */
export const FGM =
  /\b(?:fgm|female genital|mutilat\w*|circumcis\w*|(?:ceremony|party) to become a woman|the (?:lady|woman) who does it)\b|['"]cut['"]|\b(?:have|get|getting|having) (?:her|them|their [\w-]+) cut\b|\b(?:be|being|been|get|getting) cut (?:at|by|abroad|in|this|tonight|over)\b|\bcutting (?:ceremony|season)\b/;

const CLOTHES = new Set(
  'trousers pants knickers shorts jeans joggers leggings skirt flies zip bra underwear boxers'.split(' '),
);
const WAYS_OUT = new Set(['door', 'doorway', 'exit', 'way', 'path', 'in', 'gate', 'stairs', 'corridor']);
const POSSESSIVES = new Set(['her', 'his', 'their', 'my', 'our', 'your']);

const PLEA =
  /\b(?:mouthed|mouthing|whispered|texted|messaged|whatsapped|snapchatted|dm'?d|dmed|wrote|signalled|signaled) (?:me |us )?(?:['"]?(?:[\w']+ ){0,6})?['"]?(?:please |pls )?help\b|\bcome (?:and )?get me\b|\b(?:let me go|get off me|let go of me|leave me alone)\b|\b(?:line|call|phone) (?:went|goes|has gone) (?:dead|off)\b|\b(?:the )?(?:line|call) (?:dropped|cut off|went quiet)\b|\b(?:phone|call|line) (?:cut|cuts) out\b|\bcut off (?:mid|half way|halfway)|['"]? ?(?:then|and then|before it|and it|and the (?:line|call)) (?:cut|got cut|was cut|went) (?:off|out|dead)\b/;

/** An adult in, or taking a child into, a room, tent, bed or bathroom ("in a 13 year old resident's room", "into his tent"). */
const ADULT_IN_CHILDS_SPACE =
  /\b(?:gone|went|go|going|taken|took (?:her|him|them)) (?:up )?(?:in)?to (?:his|a man's|the man's|their) (?:room|hotel room|flat|bedroom|tent|car|van)\b|\b(?:leader|staff|staff member|worker|carer|coach|volunteer|teacher|man|he|dad|stepdad|uncle|adult|officer|driver|instructor|priest|helper)(?:e?s)?\b.{0,60}\bin(?:to)? (?:a |the )?(?:[\w]+ ){0,4}(?:\w+'s|her|his|their) (?:tent|room|bedroom|bed|dorm|cabin|bunk|cubicle|bathroom)\b|\b(?:leader|staff|staff member|worker|carer|coach|volunteer|teacher|man|he|dad|stepdad|uncle|adult|officer|driver|instructor|priest|helper)(?:e?s)?\b.{0,60}\bin (?:a |the |his |her |their )?(?:tent|room|bedroom|dorm|cabin|bunk|cubicle|bathroom|toilet|toilets|office|cupboard) with (?:a |the |one of (?:our|the) )?(?:[\w-]+ ){0,4}(?:girl|boy|child|kid|pupil|camper|resident|lad|young person|\d{1,2} year old)s?\b/;
// ("one of our leaders has been in a tent with a 13 year old girl … with the zip done up")

/** Night, or a door (or a tent) shut on them. */
const PRIVATE_HOUR =
  /\b(?:midnight|at night|in the night|tonight|on nights|night staff|\d{1,2}(?::\d\d)? ?am|door (?:shut|closed|locked)|(?:shut|closed|locked) the door|zipped (?:it |the tent |the door )?(?:up|shut|closed)|zip (?:done|pulled|zipped) (?:up|shut)|pulled the curtains? (?:round|shut|closed|across)|been drinking|drunk|not to be disturbed|do not disturb)\b/;

/** A child not found, searched for, or whose whereabouts nobody knows, now. */
const LOST_NOW =
  /\blast seen\b|\b(?:is|are|'s|'re) (?:still )?(?:out )?searching\b|\bsearching (?:for|the|round|around)\b|\b(?:can't|cannot|can not|couldn't) find (?:her|him|them)\b(?!\s+(?:records?|files?|notes?|details|number|address|phone|name|bag|coat|keys|forms?|paperwork|info|information|plan)\b)|\bnot (?:been )?found\b|\b(?:asking|no idea|don't know|doesn't know|do not know|not sure|nobody knows|no one knows) where (?:she|he|they) (?:is|are)\b|\bisn't with (?:the|his|her) (?:group|class|others)\b/;

/** "6 months old", "3 year old", "the little ones", "kids under 5": a child named by age. */
const AGED_CHILD =
  /\b\d{1,2} ?(?:months?|weeks?|days?|years?|yrs?) ?-?old\b|\blittle ones?\b|\bunder (?:5|five)s?\b/;

/** "he's never left alone with the kids", "not on her own": said not to be alone. */
const NOT_ALONE =
  /\b(?:never|not|n't|isn't|aren't|wasn't|hasn't|won't|wouldn't|stopped|stop|prevent|prevented) (?:\w+ ){0,3}(?:alone|on (?:his|her|their) own|unattended|unsupervised)\b|\b(?:lifts?|drives?|driving|drove|walks?|walking|takes?|taking|took) (?:\w+ ){0,3}home alone\b/g;

/** No adult with the child. */
const ALONE =
  /\b(?:on (?:his|her|their) own|alone|unattended|unsupervised|by (?:himself|herself|themselves)|no (?:adults?|parents?|carers?|grown ?ups?|one else|one with (?:him|her|them))\b|nobody (?:else|about|around|home|there|in|with)|no-one (?:else|about|around|home|there|in|with)|no one (?:about|around|home|there|in)|(?:nobody|no-one|no one) (?:'s |has )?(?:come|came) back|(?:parents?|mum|dad|adults?) nowhere|(?:can't|cannot|can not) find (?:the|her|his|their|a|any) (?:parents?|mum|dad|adults?|carers?))/;

/**
 * The writer's own taking: "I want to take him", "we're taking the U16s on tour", "taking our u11s
 * away" (a group of theirs, with no one else named as the taker), "drove 2 girls to a hotel".
 */
function takenByWriter(ts: readonly Token[], i: number): boolean {
  // "drove 2 girls to a hotel at the weekend": a note that opens with a past verb is the writer's own.
  if (i === 0 && ts[0]?.form === 'past') return true;
  const before = ts.slice(Math.max(0, i - 4), i);
  if (before.some((b) => b.norm === 'i' || b.norm === 'we')) return true;
  const someoneElse = ts
    .slice(0, i)
    .some((b) => b.pos === 'NOUN' || b.pos === 'PROPN' || (b.pos === 'PRON' && b.norm !== 'it'));
  return !someoneElse && ts[i + 1]?.norm === 'our';
}

const PLACE_PREPOSITIONS = new Set(['at', 'outside', 'in', 'by', 'with']);
const PICTURES = new Set(['picture', 'photo', 'pic', 'video', 'snapchat', 'post', 'story', 'image', 'clip']);

/** Where someone is, said with "be": "are sat in a car", "is stood at the gate", "is waiting outside". */
const POSTURE_NOW = new Set(['sat', 'stood', 'sitting', 'standing', 'waiting', 'parked', 'stationed']);

/** Verbs of someone set on taking a child: "wants to", "demanding to", "trying to", "threatening to". */
const TAKE_INTENT = new Set(['want', 'demand', 'try', 'insist', 'threaten', 'attempt', 'plan', 'mean']);

/** Words of an act or intent beyond a habit of cutting: "wants to die", "jump", "overdose", "ligature". */
const SELF_HARM_INTENT = new Set([
  'die',
  'jump',
  'kill',
  'suicide',
  'suicidal',
  'overdose',
  'overdosed',
  'ligature',
  'hang',
  'goodbye',
  'end',
  'swallow',
  'pill',
  'pills',
  'tablet',
  'tablets',
  'bleed',
  'bleeding',
  'blood',
  'deep',
]);

/** Too drunk, drugged or unwell to look after themselves. */
const CARERS_AS_SUBJECT =
  /^(?:and |but )?(?:the |her |his |their |both )?(?:parents?|mum|mam|dad|mother|father|carers?|stepdad|stepmum|adults?|grown ?ups)(?: 's| is| are| were| was)?(?: both)? (?:completely |totally |absolutely |clearly )?(?:out of it|passed out|drugged)/;
const INCAPACITATED =
  /\b(?:(?:can't|ca n't|cannot|can not|couldn't|could n't) (?:feel|move) (?:her|his|their) (?:legs|arms|body)|semi ?-? ?conscious|nodding off|gouching|barely (?:responsive|conscious|awake|breathing|standing)|(?:can|could) (?:hardly|barely) (?:stand|walk|stay awake|speak|talk)|(?:can't|cannot|couldn't) (?:stand up|walk|stay awake|keep (?:her|his) eyes open)|passed out|drugged|spiked|not responding|(?:isn't|isnt|is not|not) moving(?: much)?|won't wake|in and out of consciousness|out of it|doesn'?t (?:seem to )?know (?:what's happening|what is happening|where (?:she|he) is))/;

/** "wounds all healed", "no injuries", "old marks": an injury that is not there now. */
const HEALED_OR_NONE =
  /\b(?:healed|healing|faded|old (?:cuts?|marks?|scars?|bruises?|injury|injuries|fractures?)|scars?|no (?:\w+ )?(?:injuries|injury|marks|bruises|bleeding|blood)|not (?:injured|bleeding|hurt))\b/;

/** A verb of sharing within a few words: "threatening to send her pics round", "to post them". */
function sharesAhead(ts: Token[], i: number): boolean {
  return ts
    .slice(i + 1, i + 9)
    .some((n) => ['send', 'share', 'post', 'leak', 'show', 'put', 'spread'].includes(n.lemma));
}

/**
 * Harm said in other words: a slang word for a beating with a person as its object ("smash him",
 * "lamp the kid"), a beating by its instrument, a baby handled roughly, a child shown pornography.
 */
function harmSaidOtherwise(ts: readonly Token[], i: number): boolean {
  const next = ts[i + 1];
  if (
    word(ts[i], W.VIOLENT_SLANG) &&
    next !== undefined &&
    (W.HELD.has(next.norm) || word(next, W.CHILD_NOUNS))
  )
    return true;
  // "swinging the baby round by one arm", "shaking the baby": a baby or toddler handled roughly.
  if (W.ROUGH_HANDLING.has(ts[i]?.lemma ?? '')) {
    const object = next?.pos === 'DET' || next?.pos === 'PRON' ? ts[i + 2] : next;
    if (object !== undefined && word(object, W.YOUNG)) return true;
  }
  // "exposing himself to the kids": indecent exposure is sexual harm, not a weak one.
  if (ts[i]?.lemma === 'expose' && /sel(f|ves)$/.test(next?.norm ?? '')) return true;
  // "is showing her porn", "makes him watch porn": a child shown sexual material is sexually abused.
  if (
    ['show', 'make', 'force'].includes(ts[i]?.lemma ?? '') &&
    next !== undefined &&
    (W.HELD.has(next.norm) || word(next, W.CHILD_NOUNS)) &&
    within(ts, i, 4, (n) => W.PORN.has(n.norm))
  )
    return true;
  // A beating named by what it is done with: "he'll do the belt", "get the slipper", "give her the belt".
  if (!['do', 'get', 'give', 'use'].includes(ts[i]?.lemma ?? '')) return false;
  const at = W.HELD.has(next?.norm ?? '') ? i + 2 : i + 1;
  return ts[at]?.norm === 'the' && W.BEATING_INSTRUMENTS.has(ts[at + 1]?.norm ?? '');
}

/**
 * The clause without a relative clause in the past ("who was in the paper last month") when the clause
 * itself is in the present ("the man at the fence is the one …"): the tokens as they are otherwise.
 */
function withoutPastRelative(ts: Token[]): Token[] {
  const at = ts.findIndex(
    (t, k) =>
      (t.norm === 'who' || t.norm === 'which') &&
      [1, 2].some((d) => ts[k + d]?.form === 'past') &&
      ts.slice(0, k).some(isBePresent),
  );
  if (at < 0) return ts;
  const resumes = ts.findIndex((t, k) => k > at + 1 && isBePresent(t));
  return [...ts.slice(0, at), ...(resumes < 0 ? [] : ts.slice(resumes))];
}

/** Every clause of the message, read. */
export function readMessage(sentences: readonly Sentence[]): ClauseReading[] {
  return sentences.flatMap((s, k) => {
    const clauses = clausesOf(s);
    const readings = clauses.map((c) => readClause(c, s.text, s.tokens));
    // "a 2022 report of a 12 year old being asked for nudes": a clause that opens on an -ing form
    // continues the noun before it, and so the time that noun was given.
    readings.forEach((r, j) => {
      const prev = readings[j - 1];
      if (prev?.datedPast && !r.now && clauses[j]?.[0]?.form === 'ing') r.past = r.datedPast = true;
    });
    // "2 kids under 5 locked in a car. no parent around": the child was named in the sentence before.
    const before = sentences[k - 1]?.text.toLowerCase() ?? '';
    const lower = s.text.toLowerCase();
    // …and this sentence names nobody else the "alone" could be about ("her elderly dad is left alone").
    const others = (lower.replace(ALONE, ' ').match(/[a-z]+/g) ?? []).some(
      (w) => (W.PERSON.has(w) && !['he', 'she', 'they'].includes(w)) || W.ADULT_NOUNS.has(w),
    );
    const childBefore =
      AGED_CHILD.test(before) || (sentences[k - 1]?.tokens.some((t) => word(t, W.CHILD_NOUNS)) ?? false);
    if (ALONE.test(lower) && childBefore && !others) for (const r of readings) r.alone = true;
    return readings;
  });
}

/**
 * "has older friends picking her up", "she's got men messaging her": an -ing word after the object of
 * have or got describes how things are, a pattern, not something going on at this moment.
 */
function describedAsHad(ts: readonly Token[], i: number): boolean {
  let sawNoun = false;
  for (let k = i - 1; k >= Math.max(0, i - 5); k--) {
    const b = ts[k] as Token;
    if (b.pos === 'NOUN' || b.pos === 'PROPN') sawNoun = true;
    else if ((b.lemma === 'have' || b.lemma === 'get' || b.norm === 'got') && b.form !== 'past')
      return sawNoun;
    else if (!['ADJ', 'DET', 'NUM', 'PUNCT'].includes(b.pos)) return false;
  }
  return false;
}
