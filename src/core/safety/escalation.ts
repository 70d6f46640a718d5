import { parse, type Sentence } from '../understanding/nlp.js';
import { deadAsThreat, FGM, readMessage, type ClauseReading } from './danger/reading.js';
import { subjectsOf, type Subjects } from './danger/subject.js';
import { DAYS_AHEAD } from './danger/time.js';
import * as W from './danger/words.js';
import { scoreOf, situationFeatures, type LearnedModel, type SituationCues } from './danger/features.js';
import learned from './danger/learned-model.json' with { type: 'json' };

const MODEL = learned as LearnedModel;

export interface DangerAssessment {
  escalate: boolean;
  /** Fixed, human-readable reasons (never the user's words): safe to log. */
  reasons: string[];
}

/**
 * Whether a message describes a child at immediate or imminent risk now, so the reply leads with 999.
 * The message is read as a situation rather than matched against phrasings: who (a child), what
 * (harm, holding, taking, a person present, live online abuse, self-harm, a threat) and when (now,
 * within hours, past, resolved, hypothetical). Fail-safe: serious harm to a child that is not placed
 * in the past, resolved or hypothetical escalates. Over the rules, a learned layer (features.ts,
 * trained by scripts/train-danger-model.ts on the development question sets) may add an escalation
 * the rules did not name; it never overrides a veto.
 */
export function detectImmediateDanger(
  text: string,
  sentences: readonly Sentence[] = parse(text),
  subjects: Subjects = subjectsOf(text),
  /** The learned layer (another only when training it: scripts/train-danger-model.ts). */
  model: LearnedModel = MODEL,
): DangerAssessment {
  const situation = readSituation(text, sentences, subjects);
  if (situation.vetoed) return none();
  const {
    readings,
    resolved,
    goingOn,
    harmContext,
    violenceHeard,
    closedDoor,
    lockedDoor,
    found,
    messageLater,
    messagePast,
  } = situation;
  const reasons = new Set<string>();
  // A children's service: someone in the situation who is not said to be an adult is taken to be a
  // child ("she's been out since 6 and just messaged 'come get me'").
  const aChild = subjects.child || !subjects.adult;
  // "in resus and stable now", "on the ward": a child already in medical hands.
  const inMedicalCare = IN_MEDICAL_CARE.test(situation.lower);
  const liveStream = LIVE_STREAM.test(situation.lower);
  // Episodes counted ("missing twice this month", "every weekend"): a pattern to act on. Only a reading
  // said to be happening now ("he's outside now") is about this moment.
  const repeated = REPEATED_EPISODES.test(situation.lower);
  const onALiveCall = readings.some((r) => r.liveOnline && !r.past);
  const inVehicle = /\b(?:car|van|taxi|cab|vehicle|engine)\b/.test(situation.lower);
  for (const r of readings) {
    const live = r.now && !r.past;
    // Present tense with no time of its own reads as now unless the message says it is over.
    // Present tense with no time of its own reads as now, unless the message is over or days ahead.
    const current = live || (!r.past && !r.later && !resolved && !messageLater && !messagePast);
    // "coach in the showers filming on his phone. still in there": the now-word may be in the next sentence.
    const ongoing = r.ongoingHarm || (r.weakProgressive && goingOn);
    if ((r.seriousHarm || r.weakHarm) && ongoing && !r.past && !r.generalQuestion)
      reasons.add('harm described as happening now');
    if (r.confine && current && !r.generalQuestion) reasons.add('child held or not allowed to leave');
    // "on a Teams reading session and a man just walked into shot and slapped him": harm seen moments
    // ago on a call that is still live is harm going on where the practitioner cannot reach.
    if (r.seriousHarm && live && onALiveCall && aChild && !resolved && !r.generalQuestion && !r.reported)
      reasons.add('harm described as happening now');
    if (
      r.take &&
      (live || (current && !r.past && !repeated && !r.hadPattern)) &&
      harmContext &&
      !r.generalQuestion
    )
      reasons.add('child about to be taken by, or left with, someone who may harm them');
    // "sat in a car outside the gates with her uncle (no contact order), engine running": in a vehicle
    // with someone who may harm her, now, is about to be driven off.
    if (
      r.awayInVehicle &&
      live &&
      inVehicle &&
      harmContext &&
      aChild &&
      !r.generalQuestion &&
      !r.infoQuestion
    )
      reasons.add('child about to be taken by, or left with, someone who may harm them');
    // Once someone is arrested or removed, a person with the child ("she's with her nan now") is not
    // the threat, unless they are said to be back or still there.
    // "comes in every week", "most evenings": a routine, not someone there now.
    if (
      r.presence &&
      current &&
      harmContext &&
      !r.generalQuestion &&
      !r.infoQuestion &&
      !r.routine &&
      // "keeps getting into a car with an older man": going off with someone, again and again.
      !(r.habit && r.awayInVehicle && !r.now && GOES_OFF_AGAIN.test(situation.lower)) &&
      !((resolved || POLICE_HAVE_CHILD.test(situation.lower)) && !r.stillThere)
    )
      reasons.add('the person who may harm the child is present or on the way');
    if (r.presence && live && lockedDoor && aChild && !r.generalQuestion && !resolved)
      reasons.add('a child behind a closed door with someone');
    // A child hiding, begging or passing a note for help while someone is there or coming for them.
    if (
      r.fear &&
      current &&
      !r.generalQuestion &&
      readings.some((o) => o.presence || o.take || o.weapon || o.threat)
    )
      reasons.add('a child in fear of someone who is there or coming');
    // The stream may be named in one clause and what the chat makes her do in the next.
    if ((r.liveOnline || liveStream) && (r.undress || r.seriousHarm || r.weakHarm) && current)
      reasons.add('live online sexual abuse in progress');
    // "she disclosed she's self harming, cutting her thighs": told as what she has been doing, with no
    // word for now, it is a same-day matter; self-harm seen or said to be now still leads with 999.
    // ("how should they respond if a young person says they've taken an overdose": asked ahead.)
    // ("no plan, no means", "not suicidal": the risk said to be assessed as not now.)
    if (
      r.selfHarm &&
      current &&
      (live || !r.reported || !r.selfHarmHabit) &&
      !HEALED.test(situation.lower) &&
      !r.generalQuestion &&
      !NO_PLAN_NOW.test(situation.lower)
    )
      reasons.add('child has self-harmed or is at risk of suicide now');
    if (r.takenAside && (live || !r.past) && closedDoor)
      reasons.add('a child taken somewhere alone behind a closed door');
    // Missing since last night and not found is missing now.
    // "keeps going missing overnight", "goes missing every weekend": a pattern to act on, not missing now.
    if (
      r.missing &&
      !found &&
      (current || r.recentPast) &&
      !r.generalQuestion &&
      !r.infoQuestion &&
      !r.routine &&
      !repeated
    )
      reasons.add('child missing and at risk now');
    // "has gone out and his phone location shows him at the house used for drugs": a child who has
    // left, found now (by a phone, a map, someone seeing them) at a place of drugs or exploitation.
    if (
      r.locatedNow &&
      !r.past &&
      !found &&
      aChild &&
      (r.missing || WENT_OUT.test(situation.lower) || readings.some((o) => o.missing)) &&
      PLACE_OF_EXPLOITATION.test(situation.lower) &&
      !r.generalQuestion
    )
      reasons.add('child away and found now at a place of drugs or exploitation');
    // "dad has just gone out the fire exit with his 4yo, he had a passport and mentioned the airport".
    if (
      (r.take || r.awayInVehicle || WENT_OUT.test(situation.lower)) &&
      r.now &&
      !r.past &&
      TAKEN_ABROAD.test(situation.lower) &&
      !DAYS_AHEAD.test(situation.lower) &&
      aChild &&
      !resolved &&
      !found &&
      !r.generalQuestion
    )
      reasons.add('a child being taken away or abroad, now');
    if (r.distress && current && violenceHeard && aChild && !r.generalQuestion)
      reasons.add('a child heard in distress as violence goes on');
    // "toddler next door screaming for two hours … I've knocked, nothing": no adult answering.
    if (r.distress && current && subjects.young && NO_ANSWER.test(situation.lower) && !r.generalQuestion)
      reasons.add('a young child with no adult there');
    // A baby or toddler with no adult there: found alone, left in a car, "nobody else in the flat".
    if (r.alone && subjects.young && current && !r.generalQuestion && !r.routine && !resolved)
      reasons.add('a young child with no adult there');
    // Semi-conscious, drugged, "can hardly stand": a child who cannot keep themselves safe, now.
    if (r.incapacitated && current && aChild && !r.generalQuestion && !r.infoQuestion && !inMedicalCare)
      reasons.add('child too drunk, drugged or unwell to keep safe, now');
    // Told in the past with no time of its own and nothing to say it is over: moments ago.
    const justHappened =
      r.past && !r.datedPast && !resolved && !found && !r.reported && !r.generalQuestion && !r.infoQuestion;
    if (r.abduct && r.awayInVehicle && justHappened) reasons.add('a child being taken by force, now');
    if (r.poisoned && (current || justHappened) && aChild && !r.generalQuestion && !inMedicalCare)
      reasons.add('a child has swallowed medicine, drugs or a poison');
    if (r.plea && (current || justHappened) && aChild && !r.generalQuestion && !r.infoQuestion)
      reasons.add('a child asking for help, or a call for help cut off');
    if (r.privateSpace && current && aChild && !r.generalQuestion && !r.infoQuestion)
      reasons.add("an adult in a child's room or tent at night or behind a shut door");
    // "her stepdad has been abusing her and he's stood in the kitchen": the one named as harming is there.
    if (
      r.pronounPresent &&
      current &&
      !r.generalQuestion &&
      !r.infoQuestion &&
      harmerNamedBefore(readings, r) &&
      !((resolved || POLICE_HAVE_CHILD.test(situation.lower)) && !r.stillThere)
    )
      reasons.add('the person who may harm the child is present or on the way');
    // "his mum's boyfriend hits her … he's the one collecting her at 3.15": the one named as harming
    // will have the child later today.
    if (
      r.due &&
      !r.past &&
      !resolved &&
      !r.generalQuestion &&
      !r.infoQuestion &&
      harmerNamedBefore(readings, r)
    )
      reasons.add('the person who may harm the child is present or on the way');
    // "toddler at desk floppy, lips blue": a note with no verb describes what is in front of the writer.
    // ("does the DSL still need to know about a child's injury" asks about one, it does not describe it.)
    if (
      r.injury &&
      current &&
      (r.now || r.statedNow || r.verbless || r.ingNote) &&
      !inMedicalCare &&
      !r.generalQuestion &&
      !r.infoQuestion
    )
      reasons.add('child seriously injured or unwell now');
    if (r.unsafe && current && !r.infoQuestion && !r.generalQuestion)
      reasons.add('child described as unsafe or in danger');
    if (r.meet && live && harmContext) reasons.add('child about to meet someone who may have groomed them');
    if (r.abduct && current && !r.generalQuestion) reasons.add('a child being taken by force, now');
    // ("a snapchat of his mate holding a gun": a weapon in a picture is not near the child.)
    if (r.weapon && current && !r.generalQuestion && !r.infoQuestion && !r.weaponPictured)
      reasons.add('a weapon near a child, now');
    if (r.threat && current && !r.generalQuestion)
      reasons.add('a threat of harm to the child now or tonight');
    // A disclosure places the child with the person told: a beating or a smack described to them is a
    // same-day referral, not 999; rape or sexual abuse described in the present still leads with it.
    if (failSafe(r, resolved) && (!r.reported || r.sexualHarm))
      reasons.add('serious harm to a child that may be happening now');
  }
  // "found a lad in the underpass with a male 30s, lad's trousers undone, male ran off": a child
  // harmed moments ago, the one who did it getting away.
  if (
    aChild &&
    FLED.test(situation.lower) &&
    readings.some(
      (r) => (r.undress || r.sexualHarm || r.seriousHarm) && !r.datedPast && !r.generalQuestion,
    ) &&
    !readings.some((r) => r.datedPast || r.generalQuestion || r.reported) &&
    !resolved
  )
    reasons.add('a child harmed moments ago, and the one who did it getting away');
  // (Not one told as long ago: "wrote a goodbye note two years ago".)
  const saidRecently = (re: RegExp) =>
    situation.lower.split(/[.!?\n]+/).some((s) => re.test(s) && !LONG_AGO.test(s));
  const noFraming = !readings.some((r) => r.generalQuestion) && !resolved;
  // "mum asleep on the sofa with a bottle, the 3 week old face down on her chest, not waking": a baby
  // whose only carer there cannot be woken.
  if (subjects.young && noFraming && (saidRecently(CARER_UNWAKEABLE) || CARER_GONE.test(situation.lower)))
    reasons.add('a young child with no adult there');
  // "dad holding the 3 year old out of a 2nd floor window", "in the boot of a car": a child held where
  // a fall or a suffocation is moments away.
  if (aChild && noFraming && saidRecently(HELD_AT_RISK)) reasons.add('child held or not allowed to leave');
  // "a photo of a pile of pills with 'tonight' and a goodbye message": a farewell beside the means.
  if (aChild && noFraming && saidRecently(GOODBYE_SENT) && MEANS_AT_HAND.test(situation.lower))
    reasons.add('child has self-harmed or is at risk of suicide now');
  // "left home this morning with a knife", "he's out with a blade": a child away with a weapon.
  if (aChild && noFraming && !found && saidRecently(OUT_WITH_A_WEAPON))
    reasons.add('a weapon near a child, now');
  // "the fgm … her sister is 'having hers done today after school'": FGM named, and due today.
  if (aChild && noFraming && FGM.test(situation.lower) && saidRecently(FGM_DUE_NOW))
    reasons.add('a threat of harm to the child now or tonight');
  // "im done. im on the bridge. tell my mum sorry": a farewell sent from a height.
  if (
    FAREWELL.test(situation.lower) &&
    FROM_A_HEIGHT.test(situation.lower) &&
    aChild &&
    !situation.readings.some((r) => r.generalQuestion)
  )
    reasons.add('child has self-harmed or is at risk of suicide now');
  // The learned layer: a situation the rules do not name but that reads, on the whole, like the
  // messages practitioners wrote about children in danger now. It only adds; every veto above holds.
  // A message asking ahead ("what should a driver do if…") is a general question: not the layer's to raise.
  if (
    reasons.size === 0 &&
    subjects.child &&
    !readings.some((r) => r.generalQuestion) &&
    !toldAsPattern(readings, goingOn) &&
    !retoldPhysicalHarmOnly(readings) &&
    // "stopped ages ago", "it ended last year": told as over.
    !readings.some((r) => r.ended && r.datedPast) &&
    !SUSPICION.test(situation.lower) &&
    // Meeting someone with no harm named anywhere ("her cousin is meeting her at the park at 4") is
    // the rules' to judge: they raise it when the message names a risk, and this one names none.
    !(readings.some((r) => r.meet) && !harmContext) &&
    scoreOf(model, situationFeatures(situation.cues)) >= model.threshold
  )
    reasons.add('the situation reads as a child in danger now');
  return { escalate: reasons.size > 0, reasons: [...reasons] };
}

/** The situation a message describes, read once: its clauses, and the cues the rules and the learned layer weigh. */
function readSituation(text: string, sentences: readonly Sentence[], subjects: Subjects) {
  const lower = text.toLowerCase().replace(/[’‘`´]/g, "'");
  const readings = readMessage(sentences);
  const strongNow =
    /\b(?:right now|as we speak|happening now|it's happening|this is happening|going on now)\b/.test(lower);
  // A children's service: an adult-only situation is signposted elsewhere, never escalated here.
  const vetoed =
    !strongNow &&
    ((subjects.adult && !subjects.child) ||
      // The class guinea pig breathing funny: an animal, and no person, is the one in trouble.
      (subjects.animal && !subjects.child && !subjects.adult) ||
      hypothetical(sentences, lower.replace(INSTRUCTION_FOR_IF, ' ')) ||
      (SAFE_NOW.test(lower.replace(REASSURANCE_SAID, ' ')) && !RESOLUTION_UNDONE.test(lower)));
  // "What should I do if a child tells me they are being abused right now": the urgency wins.
  if (strongNow) for (const r of readings) r.generalQuestion = false;

  // A child's fear or plea ("please don't make me go home with him") and marks of hands on a child
  // make a person present or due a risk, as harm named in words does.
  const harmContextFromWords =
    readings.some(
      (r) =>
        r.seriousHarm ||
        r.weakHarm ||
        r.threat ||
        r.distress ||
        r.abduct ||
        r.weapon ||
        r.injury ||
        r.fear ||
        r.plea,
    ) ||
    MARKS_ON_A_CHILD.test(lower) ||
    sentences.some((s) =>
      s.tokens.some(
        (t, i) =>
          W.HARMER.has(t.lemma) ||
          W.RISK_CONTEXT.has(t.lemma) ||
          W.RISK_CONTEXT.has(t.norm) ||
          // "he gave her vodka", "giving them weed": an adult plying a child.
          (t.lemma === 'give' && s.tokens.slice(i + 1, i + 4).some((n) => W.PLIED_WITH.has(n.norm))),
      ),
    );
  // "told him not to tell his mum", "'don't tell your mum'", "our little secret": secrecy asked of a
  // child is grooming context ("she asked me not to tell anyone" is a child's request, not that).
  const secrecy =
    /\b(?:told|tells|telling|said|says|asked|asks|made) (?:him|her|them) (?:not|never) to tell\b|\b(?:don't|dont) tell (?:your|ur|ya) (?:mum|mam|dad|parents|family|anyone|teacher)\b|\bkeep (?:it|this) (?:a )?secret\b|\bour (?:little )?secret\b|\b(?:mustn'?t|must not|shouldn'?t) tell (?:anyone|anybody|her|his|your|their)\b/.test(
      lower,
    );
  // The writer says it is urgent: the danger words need no other harm to count.
  const declaredUrgent =
    /\b(?:urgent|emergency|need help now|help now|help asap|happening now|right now|as we speak)\b/.test(
      lower,
    );
  // "he's been arrested", "remanded in custody", "on bail": said of the situation, not "custody sgt".
  const resolved = sentences.some((s) =>
    s.tokens.some(
      (t, i) =>
        (W.RESOLVED.has(t.norm) || W.RESOLVED.has(t.lemma)) &&
        // "12 year old placed with us": the writer is the carer, which says nothing is over.
        !(t.norm === 'placed' && ['with', 'here'].includes(s.tokens[i + 1]?.norm ?? '')) &&
        (t.pos === 'VERB' || t.pos === 'ADJ' || s.tokens[i - 1]?.pos === 'ADP') &&
        // "the line went dead", "her phone's dead": a call cut off, not a death.
        !(
          t.norm === 'dead' &&
          (['went', 'gone', 'goes', 'phone', 'line', 'battery'].includes(s.tokens[i - 1]?.norm ?? '') ||
            deadAsThreat(s.tokens, i))
        ),
    ),
  );

  // Words that say something is going on at this moment (not "what now?", "today").
  const goingOn =
    /\b(?:still (?:in|there|here|with|at|on|doing|going)|right now|as we speak|at the moment|in there (?:with|now))\b/.test(
      lower,
    );
  // "the man with her isn't her dad", "says he's her uncle and answers for her": someone with the child
  // who is not who they claim, or who speaks for her, is a sign of trafficking or exploitation.
  const impostor =
    /\b(?:isn't|isnt|is not|not) (?:her|his|their) (?:real )?(?:dad|father|uncle|mum|mother|brother)\b|\b(?:says|claims|said|claimed) (?:he's|hes|he is|she's|shes|she is) (?:her|his|their) (?:uncle|dad|cousin|brother|mum|aunt)\b|\banswers (?:every question )?for (?:her|him)\b/.test(
      lower,
    );
  // "a grown man", "a man she thinks is 24", "chatting to someone on the PCs": an adult or a stranger
  // in contact with the child, the grooming context a meeting is judged in.
  const groomingContact = GROOMING_CONTACT.test(lower);
  const harmContext = harmContextFromWords || secrecy || declaredUrgent || impostor || groomingContact;
  const violenceHeard =
    /\b(?:banging|smashing|thuds?|thumping|(?:screaming|shouting|yelling) (?:at|shut up)|(?:telling|told|tells) (?:her|him|them) to shut up|hitting|crying (?:stop|help|no)|you'?ll get it)\b/.test(
      lower,
    );
  const closedDoor =
    /\b(?:lock|locked|locks|shut|zipped|closed|bolted|won't open|not opening|can't get an answer|no answer|on (?:his|her|their) own|alone|in there|been in there)\b/.test(
      lower,
    );
  // A door someone holds shut, said in so many words (not "alone" or "in there").
  const lockedDoor =
    /\b(?:locked|locks|bolted|wedged|barricaded|zipped (?:it |the tent )?(?:up|shut)|won't open|will not open|not opening)\b/.test(
      lower,
    );
  const found =
    // (A thing found is not the child found: "the side gate was found unlocked", "found a note".)
    /\b(?:found(?! (?:a |an |the |his |her |their |some )?(?:note|notes|rucksack|bag|phone|knife|unlocked|open|empty|messages?|pictures?|photos?|images?|videos?|drugs|pills|tablets|letter|door|gate|window|evidence|out)\b)|back home|returned|returns|is home|brought (?:him|her|them) (?:back|home)|came back|come back|comes back|turned up|picked up by (?:the )?police|(?:is|are|'s|'re) back(?! in touch)|safe and well (?:check|visit))\b/.test(
      lower,
    ) &&
    // ("didn't come back in": the n't is glued to its verb, so no word boundary before it.)
    !/(?:\bnot|n't|\bnever|\byet to be|\bhasnt|\bhavent|\bdidnt)\s+(?:been\s+|yet\s+)?(?:found|back|returned|come back|home|turned up)\b/.test(
      lower,
    );
  // "next session is next week" and nothing said to be happening now: days ahead, not 999.
  const messageLater = readings.some((r) => r.later) && !readings.some((r) => r.now);
  // "… she hides in her room with her brother. It was last weekend.": a sentence that dates the account.
  const messagePast =
    lower.split(/[.!?\n]+/).some((s) => TOLD_AS_PAST.test(s.trim())) && !readings.some((r) => r.now);
  return {
    messagePast,
    lower,
    readings,
    vetoed,
    resolved,
    goingOn,
    harmContext,
    violenceHeard,
    closedDoor,
    lockedDoor,
    found,
    messageLater,
    cues: {
      readings,
      sentences,
      child: subjects.child,
      resolved,
      declaredUrgent,
      goingOn,
      lockedDoor,
      harmContext,
      messageLater,
    } satisfies SituationCues,
  };
}

/** The learned layer's features of a message (for training it: scripts/train-danger-model.ts). */
export function situationFeaturesOf(
  text: string,
  sentences: readonly Sentence[] = parse(text),
  subjects: Subjects = subjectsOf(text),
): Set<string> {
  return situationFeatures(readSituation(text, sentences, subjects).cues);
}

/**
 * An earlier clause names harm done or threatened by someone ("her stepdad has been abusing her"), so
 * "he" there is that person; or this clause or an earlier one names them as an offender.
 */
function harmerNamedBefore(readings: readonly ClauseReading[], r: ClauseReading): boolean {
  const at = readings.indexOf(r);
  return r.offender || readings.slice(0, at).some((o) => o.seriousHarm || o.threat || o.offender);
}

/** "boys keep making sexual comments": harm told as a habit, with nothing that puts any of it now. */
function toldAsPattern(readings: readonly ClauseReading[], goingOn: boolean): boolean {
  return readings.some((r) => r.habit) && !goingOn && !readings.some((r) => r.now || r.stillThere);
}

/**
 * "a boy told me this morning his stepdad hits him": a disclosure places the child with the person
 * told, a same-day referral (as the rules read it), unless the harm is sexual or someone is there, on
 * the way, holding or threatening the child.
 */
function retoldPhysicalHarmOnly(readings: readonly ClauseReading[]): boolean {
  return (
    readings.some((r) => r.reported && (r.seriousHarm || r.weakHarm)) &&
    !readings.some(
      (r) =>
        r.sexualHarm ||
        r.presence ||
        r.take ||
        r.confine ||
        r.threat ||
        r.fear ||
        r.abduct ||
        r.weapon ||
        r.injury ||
        r.selfHarm ||
        r.missing ||
        r.liveOnline ||
        r.undress ||
        r.stillThere,
    )
  );
}

/** "I think a teacher is grooming her", "I'm wondering if": a suspicion to report, unless it is happening now. */
const SUSPICION =
  /^(?:(?:hi|hello|morning)\W+)?(?:i think|i suspect|i'm not sure|im not sure|not sure if|i wonder|i'm wondering|wondering if|could (?:it|this) be|is it possible)\b(?![^.?!]*\b(?:right now|now|at the moment|still)\b)/;

/** Serious harm, in the present tense, with nothing that dates it, resolves it or makes it general. */
function failSafe(r: ClauseReading, resolved: boolean): boolean {
  return r.presentHarmVerb && !r.habit && !r.past && !resolved && !r.generalQuestion && !r.infoQuestion;
}

/** Leaving the country: a passport, an airport, a flight. */
const TAKEN_ABROAD =
  /\b(?:passports?|airport|flights?|fly(?:ing)? out|ferry|the port|abroad|out of the country)\b/;
/** Gone from where they should be: out at night, out of a window, off without a word. */
const WENT_OUT = /\b(?:gone|went|snuck|sneaked|slipped|climbed) out\b/;
/** A place of drugs or exploitation (not drugs alone: "she smokes weed"). */
const PLACE_OF_EXPLOITATION =
  /\b(?:(?:trap|crack|drug|drugs|dealer's|dealers) (?:house|flat|den)|(?:house|flat|address|place)\b[^.]{0,40}\b(?:drugs|dealing|dealers?|county lines|cuckoo(?:ed|ing)?)|cuckooed|county lines)\b/;

/** "keeps getting into cars with", "keeps going off with": going off with someone, told as a habit. */
const GOES_OFF_AGAIN =
  /\bkeeps? (?:on )?(?:getting|going|jumping|hopping|climbing)(?: off)?(?: and)? (?:in|into|off|away)\b/;

const GROOMING_CONTACT =
  /\b(?:grown|older|adult) (?:man|men|bloke|blokes|guy|guys|lad|lads|male)\b|\b(?:man|guy|bloke|someone) (?:she|he) (?:thinks|says|said|reckons) (?:is|was) (?:1[89]|[2-9]\d)\b|\bchatting (?:to|with) (?:someone|a man|a guy|a bloke|an adult|a stranger)\b/;

/**
 * Marks left by someone's hands or blows ("finger mark bruises round her neck", "welts"): harm context
 * for a person there or due. (Cuts and grazes are not: a child gets those playing.)
 */
const MARKS_ON_A_CHILD =
  /\b(?:bruis(?:e|es|ed|ing)|finger ?marks?|hand ?prints?|welts?|strangulation marks?)\b/;

/** "keeps going missing", "goes missing at weekends", "missing episodes": a pattern over time. */
const REPEATED_EPISODES =
  /\b(?:keeps|kept|keep) (?:going|running) (?:missing|off|away)|\bgoes (?:missing|off)\b|\bmissing (?:episodes?|again|a few times|every|most)|\b(?:every|each) time\b|\b(?:twice|a couple of times|(?:a few|several|two|three|four|five|many|multiple|\d+) times)\b|\b(?:\d+(?:st|nd|rd|th)|second|third|fourth|fifth|sixth) time\b|\bregularly (?:goes|going) missing|\b(?:keeps|keep|kept) being left\b/;

/** The police have the child ("got picked up by police"): whoever she was with is no longer with her. */
const POLICE_HAVE_CHILD =
  /\b(?:picked up|brought (?:back|home|in)|collected|found) by (?:the )?police\b|\bpolice (?:have |had )?(?:brought|picked up|collected|returned) (?:him|her|them) (?:back|home|up)\b/;

/** A stream or camera that is live: "on a live stream", "on cam", "on FaceTime". */
const LIVE_STREAM =
  /\b(?:live ?stream(?:ing)?|streaming|on (?:a )?stream|on cam|webcam|facetime|video ?call|video chat|live on)\b/;

/** "cuts are old and healed": self-harm that is not fresh. */
// An adult getting away: "male ran off towards the estate", "the man legged it", "drove off".
const FLED =
  /\b(?:male|man|men|bloke|blokes|guy|suspect|offender|adult|driver|he|they)(?: then| has| just)? (?:ran|run|running|drove|driving|sped|made|legged|went) (?:off|away)\b|\b(?:male|man|bloke|suspect|offender|he) (?:legged it|fled|has fled)\b/;
const LONG_AGO =
  /\b(?:years? ago|months ago|weeks ago|last (?:week|month|year|term|summer|spring|autumn|winter)|in (?:19|20)\d\d|years back|when (?:she|he|they) (?:was|were) (?:little|younger|\d))\b/;
const CARER_UNWAKEABLE =
  /\b(?:mum|mam|dad|mother|father|parents?|carers?|she|he)(?:'s| is| are)? (?:[\w']+ ){0,5}(?:not waking|won't wake|wont wake|will not wake|can't be woken|cannot be woken|passed out|unconscious|unresponsive|comatose)\b/;
// "mum's car gone since yesterday … the toddler at the window in just a nappy": no carer since then.
const CARER_GONE =
  /\b(?:mum|mam|dad|mother|father|parents?|carers?)(?:'s| has| have| is| are)? (?:car )?(?:been )?(?:gone|left|out|away|not (?:been )?(?:back|home|seen)) since (?:yesterday|last night|this morning|the morning|friday|saturday|sunday|monday|tuesday|wednesday|thursday)\b/;
const HELD_AT_RISK =
  /\b(?:holding|dangling|hanging|held) (?:[\w']+ ){0,4}(?:out of|over|off) (?:a|the) (?:[\w-]+ ){0,2}(?:window|balcony|bridge|railing|ledge)\b|\b(?:i'?m|im|she'?s|he'?s|they'?re|locked|put|shoved|stuck|trapped|thrown) (?:in|inside|into) (?:a|the) (?:car )?boot\b/;
const GOODBYE_SENT =
  /\b(?:goodbye|good bye|farewell|suicide) (?:message|messages|note|post|video|text|letter)s?\b|\bsaying goodbye\b/;
const MEANS_AT_HAND =
  /\b(?:pills|tablets|paracetamol|overdose|rope|ligature|noose|blade|razor|bridge|train tracks)\b/;
const OUT_WITH_A_WEAPON =
  /\b(?:left|gone out|went out|walked out|run off|ran off|headed off|set off|out)(?: of)? (?:[\w']+ ){0,4}with (?:a |his |her |their |the |dad's |his dad's )?(?:knife|knives|blade|machete|gun|weapon|firearm|shotgun)\b|\b(?:has|'s) (?:got|taken) (?:a |his |her |the )?(?:knife|blade|machete|gun|weapon) (?:with (?:him|her|them)|out)\b/;
const FGM_DUE_NOW =
  /\b(?:having|have|get|getting|be|being) (?:hers|his|it|her|them) (?:done|cut)\b[^.?!]{0,30}\b(?:today|tonight|after school|this (?:afternoon|evening|weekend))\b/;
const NO_PLAN_NOW =
  /\bno (?:plan|plans|intent)(?: or| and|,)? (?:no )?(?:means|intent|plan)\b|\bno (?:current )?(?:suicidal )?(?:plan|intent) to (?:act|end)\b/;
const TOLD_AS_PAST =
  /^(?:and |but )?(?:it|this|that|all this|this all|all of this|that all)(?: was| were| (?:all )?happened)\b[^]*\b(?:last|yesterday|ago|earlier (?:this|in the) (?:week|month|term|year)|on (?:monday|tuesday|wednesday|thursday|friday|saturday|sunday)|at the weekend|over the weekend|in the summer|over half term)\b/;
const HEALED = /\b(?:healed|healing|old (?:cuts|marks|scars)|scars)\b/;

// A door knocked on with no answer: "I've knocked, nothing", "nobody's answering the door".
const NO_ANSWER =
  /\b(?:knocked(?:[^.]{0,20}\b(?:nothing|no answer|no one|nobody|no response))|(?:nobody|no one|no-one)(?:'s| is)? (?:answering|coming to the door|answered)|no answer at the door|not answering the door)/;

// A farewell ("tell my mum sorry", "say goodbye to everyone", "sorry for everything", "I'm done") or
// despair ("nobody would care", "better off without me") and a height ("on the bridge", "on the edge
// of the roof") in the same message.
const FAREWELL =
  /\b(?:tell (?:my|her|his) (?:mum|mam|dad|mom|nan|family|brother|sister) (?:i'?m |that i'?m )?sorry|sorry for everything|goodbye (?:to )?everyone|say(?:ing)? goodbye|love you all|(?:i'?m|i am|he'?s|she'?s) done\b|(?:can'?t|cannot|can not|ca n't) (?:do this|go on|take (?:it|this)|cope)(?: any ?more)?\b|(?:don'?t|do not) want to (?:be here|live|wake up)|want (?:it all|it) to (?:end|stop)|end it\b|(?:nobody|no one|no-one|noone) (?:would|will|'d|'ll|is going to|is gonna) (?:care|miss (?:me|him|her|them)|notice)|better off without (?:me|him|her|them)|no (?:point|reason) (?:in )?(?:living|being here|going on|carrying on|anything)|(?:wants?|wanting) to die)/;
const FROM_A_HEIGHT = new RegExp(
  String.raw`\b(?:on|at|off|from|up|over) (?:the |a )?(?:top of (?:the |a )?|edge of (?:the |a )?)?(?:${[...W.HEIGHTS, 'multi storey', 'car park', 'top floor'].join('|')})\b`,
);

const IN_MEDICAL_CARE =
  /\b(?:(?:is|are|'s|'re|now|and) (?:now )?(?:in hospital|in resus|in a&e|on the ward|stable|being (?:treated|seen to|looked after))|(?:in|into) resus|medically (?:fit|stable)|(?:admitted|discharged)\b)/;

// "the LA said ring them if this ever happened": an instruction given for the day it happened, quoted
// in an account of it happening, is not a hypothetical question.
const INSTRUCTION_FOR_IF =
  /\b(?:said|told (?:us|me|her|him)|advised|asked (?:us|me)) (?:to |we should |i should )?(?:ring|call|phone|contact|tell)\b[^.?!]{0,40}?\bif\b[^.?!]*/g;
// "she always says it's sorted": a carer's reassurance reported, not a situation resolved.
const REASSURANCE_SAID =
  /\b(?:always |keeps |kept )?(?:says|said|saying|claims|claimed|insists|insisted|tells (?:me|us|everyone)|told (?:me|us)) (?:that )?(?:it'?s|its|it is|everything'?s|everything is|all'?s|all is) (?:all )?(?:sorted|fine|ok|okay|resolved)\b/g;
// "went to a refuge in September … she's gone back to him": a resolution undone.
const RESOLUTION_UNDONE =
  /\b(?:gone|went|going|moved) back (?:to|in with|home to) (?:him|her|them|his|her|the house|dad|mum|her partner|his partner|her ex|him again)\b|\b(?:back|back together) with (?:him|her ex|her partner|the abuser)\b/;
const SAFE_NOW =
  /\b(?:panic over|checked over(?: by [a-z ]{2,20})?,? (?:and )?(?:fine|ok|okay|well|unhurt)|(?:social worker|sw|police|csc|edt|dsl|the school|mum|dad) (?:has |have )?sorted (?:it|this|it all)|(?:it's|its|it has|has|it's all|all) (?:been )?sorted\b|(?:gone|went|taken|moved) (?:in)?to (?:a |the )?refuge|in (?:a |the )?refuge|(?:kids|children|child|baby|siblings|she|he|they)(?:'s|'re| are| is| have| has)? (?:now |all |both )?(?:gone |staying |stopping |safe )?(?:to|at|with) (?:their|her|his|an|a) (?:nan|nans|gran|grans|grandma|grandparents|aunt|auntie|relative)(?:'s)?|talked (?:her|him|them) down|(?:was|were|been) talked down|(?:police|csc|social care|social services|the social worker|edt)(?: and (?:police|csc|social care))? (?:attended|came out|visited|have attended|did a (?:same day )?visit|came(?=[,;.]| and\b))|cp medical (?:done|completed)|camhs (?:are|is) (?:now )?involved|false alarm|(?:has been|been|was) (?:collected|picked up) by (?:her |his |their )?(?:mum|mam|dad|parents?|carers?|foster carers?|nan|gran|grandparents)|(?:taken|gone|went) (?:to|into) (?:the )?(?:camhs crisis team|crisis team|place of safety)|(?:is|are|'s|'re) (?:now )?(?:back )?(?:safe )?(?:with|staying with|living with|home with|at home with) (?:her |his |their )?(?:maternal |paternal )?(?:grandparents|nan|gran|grandma|grandad|aunt|auntie|foster carers?|relatives|family|mum|parents)|(?:under )?police protection(?: is)?(?: in place)?|police (?:came and )?(?:took|have taken|removed|led) (?:him|her|them|the \w+) away|(?:has been|have been|was|were|been|got) (?:taken away|removed|led away|escorted (?:away|out|off site)) by (?:the )?(?:police|officers)|(?:rang|called|phoned) (?:the )?police,? (?:and )?(?:they|who) (?:came and |came,? )?(?:took|have taken|removed|led) (?:him|her|them) away|(?:took|collected|picked up|fetched) (?:her|him|them)(?: home)?\b[^]{0,40}\b(?:she|he|they)(?: is| are|'s|'re) (?:now )?(?:back )?at (?:her |his |their )?(?:mum'?s|mam'?s|nan'?s|gran'?s|grandma'?s|grandparents'?|aunt'?s|auntie'?s)(?: house| place)?(?: now)?(?=[.,!;]|$| now)|(?:security|police|staff|officers?)(?: and (?:security|police|staff))? stopped (?:him|her|them|the car)|(?:hospital|doctors?|paramedics?|ambulance|crew|a&e|gp) (?:says?|said|have said|checked (?:her|him|them)(?: over)? and) (?:she's|he's|they're|she is|he is|they are) (?:fine|ok|okay|well)|(?:checked|seen) (?:over )?(?:at|in|by) (?:the )?(?:hospital|a&e|gp|doctors?|paramedics?) and (?:are |were |is |was )?(?:fine|ok|okay|well)|police (?:have )?found (?:her|him|them)|(?:she|he|they)(?:'s|'re| is| are) (?:now )?back (?:at|in) (?:the |her |his |their )?(?:placement|foster home|children's home|care home|unit)|resolved now|(?:she's|he's|they're|she is|he is|they are) (?:fine|ok|okay)(?: at home| with| now)|no (?:immediate|imminent|current) (?:risk|danger|threat)|not (?:in|at) (?:any )?(?:immediate |imminent )?(?:danger|risk)|(?:is|are|'s|'re) (?:now )?safe(?: now)?\b(?! to)|(?:is|are|'s|'re|now and|and is) (?:now )?doing (?:well|fine|ok|okay|better)|in a place of safety|(?:has|have) been found(?: safe\b| by (?:police|staff|her|his|their)\b| and\b|(?=[.,!;]|$))|(?:everyone|everybody|all|both)(?:'s| is| are)? (?:all )?(?:fine|ok|okay|safe|well)(?: now)?)\b/;

function hypothetical(sentences: readonly Sentence[], lower: string): boolean {
  if (
    /\bwhat if\b|\bnot a real\b|\bin general\b|\bgenerally\b|\bwhat would (?:good practice|happen)\b/.test(
      lower,
    )
  )
    return true;
  if (W.HYPOTHETICAL_PHRASES.test(lower)) return true;
  return sentences.some((s) => s.tokens.some((t) => W.HYPOTHETICAL.has(t.norm)));
}

const none = (): DangerAssessment => ({ escalate: false, reasons: [] });
