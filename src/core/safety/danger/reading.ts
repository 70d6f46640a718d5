import type { Sentence, Token } from '../../understanding/nlp.js';
import * as W from './words.js';

/** What one clause of a message says, in the terms the danger model weighs. */
export interface ClauseReading {
  seriousHarm: boolean;
  weakHarm: boolean;
  /** Harm going on as described: "is being abused", "are hurting her", weak harm with a now-word. */
  ongoingHarm: boolean;
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
  missing: boolean;
  threat: boolean;
  distress: boolean;
  /** A cue that puts the clause now or within hours. */
  now: boolean;
  /** A cue that puts it in the past (a past time, or only past verbs). */
  past: boolean;
  /** A time days or more ahead ("next week", "tomorrow", "after half term"): serious, but not 999. */
  later: boolean;
  /** Harm inside "if/when a child…": a general question, not an event. */
  generalQuestion: boolean;
}

const word = (t: Token | undefined, s: Set<string>) => t !== undefined && (s.has(t.lemma) || s.has(t.norm));
const any = (ts: Token[], s: Set<string>) => ts.some((t) => word(t, s));
const within = (ts: Token[], i: number, n: number, test: (t: Token) => boolean) =>
  ts.slice(i + 1, i + 1 + n).some(test);
const isNeg = (t: Token | undefined) =>
  t !== undefined && (t.lemma === 'not' || t.norm === "n't" || t.norm === 'never');
const isBePresent = (t: Token | undefined) =>
  t !== undefined && t.lemma === 'be' && t.form === 'present' && t.pos === 'AUX';

function hasPhrase(ts: Token[], phrase: readonly string[]): boolean {
  outer: for (let i = 0; i + phrase.length <= ts.length; i++) {
    for (let j = 0; j < phrase.length; j++) if (ts[i + j]?.norm !== phrase[j]) continue outer;
    return true;
  }
  return false;
}

const CLOCK =
  /\b(?:at|by|before|until|for|around)\s+\d{1,2}(?:[.:]\d{2})?\s*(?:am|pm|o'?clock|tonight|today)?\b|\b\d{1,2}[.:]\d{2}\b|\bin\s+(?:\d+|a few|an?|ten|five|twenty|half an)\s+(?:mins?|minutes?|hours?|hrs?)\b|\b(?:\d+|an?|few|couple of|ten|twenty) (?:mins?|minutes?|hours?|hrs?) ago\b/;
const TAKE_PARTICLES = new Set([
  'home',
  'away',
  'out',
  'back',
  'off',
  'round',
  'around',
  'upstairs',
  'downstairs',
  'to',
  'into',
  'up',
  'with',
]);
// Verbs that report a situation rather than date it ("she told me he is outside").
const REPORTING = new Set([
  'tell',
  'say',
  'disclose',
  'ask',
  'ring',
  'call',
  'message',
  'text',
  'phone',
  'report',
  'mention',
  'whisper',
  'admit',
  'reveal',
  'find',
  'hear',
  'see',
  'notice',
  'get',
  'think',
  'worry',
  'want',
  'do',
]);
const FUTURE = new Set(['will', "'ll", 'gonna', 'shall']);
const INFO_QUESTION =
  /^(?:what|whats|what's|is it|is this|does|do|can|how|why|where|who|which|should|would|when (?:should|do|does|is|are|can|must|would))\b/;

/** A sentence's clauses: split where "and/but/so", a comma or a semicolon starts a new subject. */
export function clausesOf(sentence: Sentence): Token[][] {
  const out: Token[][] = [];
  let current: Token[] = [];
  sentence.tokens.forEach((t, i) => {
    const next = sentence.tokens[i + 1];
    const breaks =
      (t.pos === 'CCONJ' ||
        t.norm === ',' ||
        t.norm === ';' ||
        t.norm === '-' ||
        t.norm === ':' ||
        t.norm === 'because') &&
      next !== undefined &&
      (next.pos === 'PRON' || next.pos === 'DET' || next.pos === 'PROPN' || next.pos === 'NOUN') &&
      current.length > 0;
    if (breaks) {
      out.push(current);
      current = [];
    } else current.push(t);
  });
  if (current.length) out.push(current);
  return out;
}

export function readClause(ts: Token[], sentenceText: string): ClauseReading {
  const text = ts.map((t) => t.norm).join(' ');
  const nowWord = any(ts, W.NOW_WORDS) || W.SOON_PHRASES.some((p) => hasPhrase(ts, p));
  const r: ClauseReading = {
    seriousHarm: false,
    weakHarm: false,
    ongoingHarm: false,
    presentHarmVerb: false,
    infoQuestion: INFO_QUESTION.test(sentenceText.toLowerCase().trim()),
    confine: false,
    take: false,
    abduct: any(ts, W.ABDUCT),
    weapon: any(ts, W.WEAPON),
    injury: any(ts, W.INJURY) || /\bnot breathing\b/.test(sentenceText.toLowerCase()),
    unsafe: false,
    meet: ts.some((t) => t.lemma === 'meet' && t.form !== 'past'),
    presence: false,
    liveOnline: false,
    undress: false,
    selfHarm: false,
    missing: false,
    threat: false,
    distress: any(ts, W.DISTRESS),
    now: false,
    past: false,
    later: false,
    generalQuestion: false,
  };

  let activeNow = false;
  // Holding, or not finding, is about a person only when a person is in the clause.
  const personHere = ts.some(
    (t) =>
      word(t, W.PERSON) ||
      word(t, W.CHILD_NOUNS) ||
      ['him', 'her', 'them', 'himself', 'herself', 'me'].includes(t.norm),
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
  ts.forEach((t, i) => {
    const prev = ts[i - 1];
    const prev2 = ts[i - 2];
    // The nearest word before that is not an adverb: "is currently being sexually assaulted".
    const lastNonAdv = ts
      .slice(0, i)
      .reverse()
      .find((b) => b.pos !== 'ADV');
    // "-ing" after a preposition is a gerund ("charged with assaulting"); after "keeps" it is a habit.
    const before = ts
      .slice(0, i)
      .reverse()
      .find((b) => b.pos !== 'ADV');
    const gerund =
      before !== undefined && (before.pos === 'ADP' || before.pos === 'SCONJ' || before.lemma === 'keep');
    const progressive =
      (t.form === 'ing' && !gerund) ||
      (t.pos === 'VERB' && (isBePresent(lastNonAdv) || lastNonAdv?.norm === 'being'));
    const dangerVerb =
      word(t, W.SERIOUS_HARM) ||
      word(t, W.ABDUCT) ||
      word(t, W.TAKE) ||
      word(t, W.CONFINE) ||
      word(t, W.WEAK_HARM);
    if (progressive && dangerVerb && t.pos === 'VERB') activeNow = true;
    if (word(t, W.SERIOUS_HARM)) {
      r.seriousHarm = true;
      if (progressive && t.pos === 'VERB') r.ongoingHarm = true;
      // The lite model can tag "rapes" in "her uncle rapes her" as a noun: a noun between a subject
      // and an object pronoun is the verb.
      const asVerb =
        t.pos === 'VERB' ||
        (['NOUN', 'PROPN', 'PRON'].includes(prev?.pos ?? '') &&
          ['her', 'him', 'them', 'me'].includes(ts[i + 1]?.norm ?? ''));
      if (asVerb && (t.form === 'present' || t.form === 'ing' || t.form === 'none')) r.presentHarmVerb = true;
    }
    if (word(t, W.WEAK_HARM)) {
      r.weakHarm = true;
      // "is touching younger kids" is often a pattern of behaviour: only a now-word makes it now.
      if (progressive && nowWord) r.ongoingHarm = true;
    }
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
    if (
      word(t, W.CONFINE) &&
      personHere &&
      !within(ts, i, 3, (n) => n.norm === 'out') &&
      ts[i + 1]?.norm !== 'me'
    )
      r.confine = true;
    // "won't let her out / leave", "not allowed to leave", "holding him down", a door barricaded.
    if (
      t.lemma === 'let' &&
      (isNeg(prev) || isNeg(prev2)) &&
      within(ts, i, 3, (n) => ['out', 'leave', 'go', 'home'].includes(n.norm))
    )
      r.confine = true;
    if (
      t.lemma === 'allow' &&
      (isNeg(prev) || isNeg(prev2)) &&
      within(ts, i, 3, (n) => ['out', 'leave', 'go'].includes(n.norm))
    )
      r.confine = true;
    if (t.lemma === 'hold' && within(ts, i, 4, (n) => n.norm === 'down')) r.confine = true;
    if (t.lemma === 'push' && within(ts, i, 6, (n) => n.norm === 'against')) r.confine = true;
    if (word(t, W.TAKE) && t.pos === 'VERB') {
      const particle = within(ts, i, 7, (n) => TAKE_PARTICLES.has(n.norm));
      if (t.lemma === 'collect' || particle) r.take = true;
    }
    // Being sent or going home, or getting into a car, to the person who harmed them.
    if (
      ['go', 'return', 'send'].includes(t.lemma) &&
      within(ts, i, 2, (n) => n.norm === 'home' || n.norm === 'back')
    )
      r.take = true;
    if (t.lemma === 'get' && within(ts, i, 3, (n) => ['car', 'van', 'taxi'].includes(n.norm))) r.take = true;
    if (t.lemma === 'leave' && ts[i + 1]?.norm === 'with') r.take = true;
    if (
      word(t, W.LIVE_ONLINE) ||
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
    if (word(t, W.SELF_HARM_OBJECTS) && ts.some((n) => ['take', 'swallow', 'overdose'].includes(n.lemma)))
      r.selfHarm = true;
    if (['overdose', 'overdosed', 'suicidal'].includes(t.norm)) r.selfHarm = true;
    if (
      ['kill', 'cut', 'hang', 'harm', 'hurt'].includes(t.lemma) &&
      /sel(f|ves)$/.test(ts[i + 1]?.norm ?? '')
    )
      r.selfHarm = true;
    if (t.lemma === 'die' && ts.slice(Math.max(0, i - 3), i).some((b) => b.lemma === 'want'))
      r.selfHarm = true;
    if (t.lemma === 'jump' && within(ts, i, 2, (n) => ['off', 'from', 'in'].includes(n.norm)))
      r.selfHarm = true;
    if (
      t.lemma === 'come' &&
      (isNeg(prev) || isNeg(prev2)) &&
      within(ts, i, 2, (n) => n.norm === 'home' || n.norm === 'back')
    )
      r.missing = true;
    const missingFrom = within(ts, i, 2, (n) =>
      ['education', 'school', 'lessons', 'class', 'appointments', 'sessions'].includes(n.norm),
    );
    if (
      (t.norm === 'missing' && !missingFrom) ||
      t.lemma === 'abscond' ||
      (t.lemma === 'run' && (ts[i + 1]?.norm === 'away' || ts[i + 1]?.norm === 'off'))
    )
      r.missing = true;
    const findsPerson = ['her', 'him', 'them'].includes(ts[i + 1]?.norm ?? '') && ts[i + 2]?.pos !== 'NOUN';
    if (t.lemma === 'find' && findsPerson && (isNeg(prev) || isNeg(prev2))) r.missing = true;
    if (
      t.lemma === 'find' &&
      prev?.norm === 'been' &&
      ts.some(isNeg) &&
      ts.some((n) => word(n, W.CHILD_NOUNS) || ['she', 'he', 'they'].includes(n.norm))
    )
      r.missing = true;
    // A threat: "will / is going to" + harm, "he'll send her pics", "or I'll do it again", "he's next".
    if (
      FUTURE.has(t.norm) ||
      t.lemma === 'will' ||
      (t.lemma === 'go' && t.form === 'ing' && ts[i + 1]?.norm === 'to')
    ) {
      const images = (j: number) =>
        within(ts, j, 4, (m) =>
          ['pics', 'pictures', 'photos', 'picture', 'photo', 'video', 'videos', 'nudes', 'images'].includes(
            m.norm,
          ),
        );
      const harmAhead = within(
        ts,
        i,
        5,
        (n) =>
          word(n, W.SERIOUS_HARM) ||
          word(n, W.WEAK_HARM) ||
          (['send', 'share', 'post'].includes(n.lemma) && images(ts.indexOf(n))),
      );
      const again = ts.slice(i + 1, i + 5).some((n, j, a) => n.lemma === 'do' && a[j + 2]?.norm === 'again');
      if (harmAhead || again) r.threat = true;
    }
    if (t.norm === 'next' && (prev?.lemma === 'be' || prev?.norm === "'")) r.threat = true;
    if (t.lemma === 'threaten' || t.lemma === 'blackmail') r.threat = true;
    // Presence: a person here, outside, on the way, or with the child, said in the present.
    const isPlace =
      word(t, W.PLACES) &&
      !(t.norm === 'there' && (prev === undefined || prev.pos === 'AUX' || ts[i + 1]?.lemma === 'be'));
    if (isPlace || (t.norm === 'with' && ['her', 'him', 'them'].includes(ts[i + 1]?.norm ?? ''))) {
      const window = ts.slice(Math.max(0, i - 7), i);
      const person =
        window.some((v) => word(v, W.PERSON) || word(v, W.HARMER) || word(v, W.CHILD_NOUNS)) ||
        ts.slice(0, i).some((v) => v.norm === 'theres' || v.norm === "there's");
      const leaving = window.some((v) => ['leave', 'move', 'go'].includes(v.lemma) && v.form !== 'ing');
      const present = window.some(
        (v) =>
          isBePresent(v) ||
          v.norm === 'theres' ||
          v.norm === "there's" ||
          (word(v, W.PRESENCE_VERBS) && (v.form === 'ing' || v.form === 'present')),
      );
      const justArrived =
        window.some((v) => word(v, W.PRESENCE_VERBS)) && window.some((v) => v.norm === 'just');
      if (person && !leaving && (present || justArrived)) r.presence = true;
    }
    if (word(t, W.PRESENCE_VERBS) && t.form === 'ing' && prev?.lemma === 'keep') r.presence = true;
    // "he's at the school gates", "her uncle is in reception": a person, "is", a place phrase.
    if (isBePresent(t) && ['in', 'at', 'outside', 'by', 'near', 'on'].includes(ts[i + 1]?.norm ?? '')) {
      const subject = ts.slice(Math.max(0, i - 4), i);
      const placeAhead = within(ts, i + 1, 3, (n) => n.pos === 'NOUN' || n.pos === 'PROPN');
      if (placeAhead && subject.some((v) => word(v, W.PERSON) || word(v, W.HARMER))) r.presence = true;
    }
    // "he's on his way", "he's coming to get her", "he's turned up": arriving.
    if (
      (t.lemma === 'come' || t.lemma === 'turn' || t.lemma === 'head') &&
      (t.form === 'ing' || isBePresent(prev)) &&
      ts.some((n) => word(n, W.PERSON))
    )
      r.presence = true;
  });

  // Now: a time word, "right now", a clock time, "just" (moments ago), perception now ("I can hear").
  r.now =
    nowWord ||
    activeNow ||
    CLOCK.test(text) ||
    ts.some((t) => t.norm === 'just' && t.pos === 'ADV') ||
    ts.some(
      (t, i) =>
        t.norm === 'can' && [ts[i + 1]?.lemma, ts[i + 2]?.lemma].some((l) => l === 'hear' || l === 'see'),
    ) ||
    r.ongoingHarm;

  // Past: a past time ("last week", "in 2022", "when she was 8"), or every verb in the past.
  const recentAgo = /\b(?:mins?|minutes?|hours?|hrs?) ago\b/.test(text);
  const pastTime =
    (any(ts, W.PAST_WORDS) && !recentAgo) ||
    W.PAST_PHRASES.some((p) => hasPhrase(ts, p)) ||
    ts.some(
      (t, i) => W.PAST_BEFORE_NOUN.has(t.norm) && ['NOUN', 'PROPN', 'ADJ'].includes(ts[i + 1]?.pos ?? ''),
    ) ||
    ts.some(
      (t, i) => t.norm === 'old' && ['her', 'his', 'their', 'my', 'our'].includes(ts[i - 1]?.norm ?? ''),
    ) ||
    /\b(?:in|back in|since) (?:19|20)\d{2}\b|\bwhen (?:she|he|they|i|we) (?:was|were)\b|\bover the (?:summer|holidays)\b|\bat the time\b/.test(
      text,
    );
  const verbs = ts.filter((t) => (t.pos === 'VERB' || t.pos === 'AUX') && !REPORTING.has(t.lemma));
  const allPast = verbs.length > 0 && verbs.every((t) => t.form === 'past');
  r.past = (pastTime && !r.ongoingHarm) || (allPast && !r.now);

  r.later =
    /\b(?:tomorrow|tmrw|next (?:week|month|term|year|monday|tuesday|wednesday|thursday|friday|saturday|sunday|time)|in (?:a|\d+|two|three|a few|a couple of) (?:days?|weeks?|months?)|after (?:half term|the holidays|christmas|easter|the weekend)|on (?:monday|tuesday|wednesday|thursday|friday|saturday|sunday))\b/.test(
      text,
    ) && !r.now;

  r.generalQuestion = ts.some(
    (t, i) =>
      ['if', 'whenever', 'when'].includes(t.norm) &&
      ['a', 'an', 'any', 'someone', 'somebody', 'anyone'].includes(ts[i + 1]?.norm ?? ''),
  );
  return r;
}

/** Every clause of the message, read. */
export function readMessage(sentences: readonly Sentence[]): ClauseReading[] {
  return sentences.flatMap((s) => clausesOf(s).map((c) => readClause(c, s.text)));
}
