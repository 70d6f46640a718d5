import type { Sentence, Token } from './nlp.js';

/**
 * Which parts of a message carry its question. Greetings, apologies and role preambles ("deputy
 * head here -", "GP partner:", "sorry long one") are context, never topic; a long message is judged by
 * its question sentences as well as the whole.
 */

// Words that only greet, apologise or say who is writing.
const PREAMBLE = new Set(
  `hi hello hiya hey yo morning afternoon evening all team everyone folks guys sorry apologies apology
  long one quick q qs q's question questions query queries two thanks thank you please here i i'm 'm im am a an the as our my me new
  just wondering help basically so ok okay um erm also and just really bit`.split(/\s+/),
);
const ROLES = new Set(
  `teacher teachers head headteacher deputy assistant ta senco dsl ddsl lead designated safeguarding gp
  partner doctor nurse school practice sister matron midwife paramedic health visitor hv sw social worker
  manager team officer pc dc ds pcso sergeant detective constable police iro yot yjs worker case caseworker
  carer foster fostering residential resi home staff support early help eh coach volunteer leader youth
  tutor lecturer governor nursery practitioner childminder ed paeds ae a&e clinic clinician camhs
  receptionist reception class primary secondary cait mash front door duty fe college trust`.split(/\s+/),
);

const isPreambleWord = (t: Token) =>
  PREAMBLE.has(t.norm) || ROLES.has(t.norm) || t.pos === 'PUNCT' || t.pos === 'NUM' || t.pos === 'DET';

/** Tokens up to the first "-", ":" or "," of a sentence, when they only greet or say who is writing. */
function preambleLength(s: Sentence): number {
  const cut = s.tokens.findIndex((t) => t.norm === '-' || t.norm === ':' || t.norm === ',' || t.norm === '–');
  const head = cut >= 0 ? s.tokens.slice(0, cut) : s.tokens;
  if (head.length === 0 || !head.every(isPreambleWord)) return 0;
  return cut >= 0 ? cut + 1 : s.tokens.length;
}

const QUESTION_START =
  /^(?:what|whats|what's|who|whom|whose|when|where|why|how|which|is|are|am|was|were|do|does|did|can|could|should|shall|will|would|must|may|have|has|any|anyone|any1)\b/;

const REFERS_BACK = new Set(['that', 'this', 'it', 'they', 'them', 'these', 'those']);

export interface MessageFocus {
  /** The message without its preamble. */
  body: string;
  /** Each question sentence (ending "?", or starting with a question word), in order. */
  questions: string[];
  /**
   * For each question asked after a dash ("…same class - do I need a safety plan?"), the question
   * without the story: it answers alone when it names its topic clearly.
   */
  askedAlone: (string | undefined)[];
  /** Each sentence of the body, in order (the strongest clause is one of them). */
  sentences: string[];
}

export function focusOf(text: string, sentences: readonly Sentence[]): MessageFocus {
  const parts: { text: string; refersBack: boolean; afterDash: boolean }[] = [];
  for (const s of sentences) {
    const rest = s.tokens.slice(preambleLength(s));
    // "what are bail conditions and can they stop him coming in?": two questions in one sentence.
    // "…in the same class - do I need a safety plan?": the question asked of the story before the dash.
    splitAtAskingDash(rest).forEach((clause, k) => {
      splitQuestions(clause).forEach((piece, j) => {
        const first = piece[0];
        const last = piece[piece.length - 1];
        const askedOfStory = k > 0 && j === 0;
        if (first && last)
          parts.push({
            text: text.slice(first.start, last.end).trim(),
            refersBack: askedOfStory || pointsBack(piece),
            afterDash: askedOfStory && namesATopic(piece),
          });
      });
    });
  }
  const bodyParts = parts.filter((p) => p.text);
  const questions: string[] = [];
  const askedAlone: (string | undefined)[] = [];
  bodyParts.forEach((p, i) => {
    const opening = p.text.toLowerCase().replace(/^(?:and|or|but|also|so)\s+/, '');
    if (!(p.text.endsWith('?') || QUESTION_START.test(opening))) return;
    // "Is that harmful sexual behaviour?": a question that points back is read with what it points to.
    const before = bodyParts[i - 1];
    questions.push(p.refersBack && before ? `${before.text} ${p.text}` : p.text);
    askedAlone.push(p.afterDash ? p.text : undefined);
  });
  return {
    body: bodyParts.map((p) => p.text).join(' '),
    questions,
    askedAlone,
    sentences: bodyParts.map((p) => p.text),
  };
}

// Verbs and words any question uses, whatever it is about.
const ASKING_WORDS = new Set(
  'do does did doing done tell say said need needs happen happens first next now best way thing things get go'.split(
    ' ',
  ),
);

/** "what should staff do first?" names no topic of its own, so it is not answered without its story. */
function namesATopic(tokens: readonly Token[]): boolean {
  const topical = tokens.filter(
    (t) =>
      ['NOUN', 'PROPN', 'VERB', 'ADJ'].includes(t.pos) &&
      !ROLES.has(t.norm) &&
      !PREAMBLE.has(t.norm) &&
      !ASKING_WORDS.has(t.lemma),
  );
  return topical.length >= 2;
}

/** "Is that HSB?", "Does this need a referral?": the pointer comes before any noun of its own. */
function pointsBack(tokens: readonly Token[]): boolean {
  const firstNoun = tokens.findIndex((t) => t.pos === 'NOUN' || t.pos === 'PROPN');
  return tokens.slice(0, Math.max(0, firstNoun)).some((t) => REFERS_BACK.has(t.norm));
}

const DASHES = new Set(['-', '–', '—', ':', ';']);

// After a comma only a question the writer asks of themselves ("…next week, what should I tell them"),
// not a clause that happens to start with a question word ("…, when she got home").
const ASKED_AFTER_COMMA =
  /^(?:(?:what|whats|what's|who|how|which|where) (?:do|does|should|can|could|must|would|will|shall)|(?:do|does|should|can|could|must|would|shall) (?:i|we|you|u|they|staff)\b)/;

/**
 * "we've got a strat tmrw re HSB in yr 5 - do I need a safety plan?", "doing induction for night staff
 * next week, what should I tell them…": the story, then the question.
 */
function splitAtAskingDash(tokens: readonly Token[]): Token[][] {
  const cut = tokens.findIndex((t, i) => {
    if (i < 3 || !(DASHES.has(t.norm) || t.norm === ',')) return false;
    const after = tokens
      .slice(i + 1)
      .map((n) => n.norm)
      .join(' ');
    return t.norm === ',' ? ASKED_AFTER_COMMA.test(after) : QUESTION_START.test(after);
  });
  return cut < 0 ? [tokens.slice()] : [tokens.slice(0, cut), tokens.slice(cut + 1)];
}

/** A question sentence split where "and/or/also" starts a second question ("and who…", "and can they…"). */
function splitQuestions(tokens: readonly Token[]): Token[][] {
  const startsQuestion = QUESTION_START.test(tokens.map((t) => t.norm).join(' '));
  if (!startsQuestion) return [tokens.slice()];
  const out: Token[][] = [];
  let from = 0;
  tokens.forEach((t, i) => {
    const next = tokens[i + 1];
    const joins = t.pos === 'CCONJ' && next !== undefined && i - from >= 3;
    const asksAgain =
      next !== undefined &&
      (QUESTION_WORDS.has(next.norm) || (next.pos === 'AUX' && tokens[i + 2]?.pos === 'PRON'));
    if (joins && asksAgain) {
      out.push(tokens.slice(from, i));
      from = i;
    }
  });
  out.push(tokens.slice(from));
  return out.filter((p) => p.length > 0);
}

const QUESTION_WORDS = new Set(['what', 'who', 'when', 'where', 'why', 'how', 'which', 'whose']);
