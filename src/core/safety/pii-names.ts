import type { TextSpan } from './nhs-number.js';
import { isKnownWord } from '../understanding/nlp.js';
import { FIRST_NAMES, NAME_CUES, NOT_NAMES } from './name-lists.js';

// One capitalised name word: Jenkins, O'Neill, McDonald, Smith-Jones. Acronyms (NSPCC, CPS) never match.
const WORD = String.raw`(?:[A-Z]['’])?[A-Z][a-z]{1,20}(?:[A-Z][a-z]{1,20})?(?:-[A-Z][a-z]{1,20})?`;
const GAP = String.raw`[ \t]+`;
const RUN = new RegExp(String.raw`\b${WORD}(?:${GAP}${WORD}){1,5}\b`, 'g');
const WORD_IN_RUN = new RegExp(WORD, 'g');
const TITLED = new RegExp(
  String.raw`\b(?:Mr|Mrs|Ms|Miss|Mx|Dr|Prof)\.?${GAP}(${WORD}(?:${GAP}${WORD})?)\b`,
  'g',
);

// A name at the end of a run is a person when the text right after it is about a person's age, birth
// or school year ("Kayleigh Morris in yr 10").
const PERSON_AFTER =
  /^(?:[ \t]*\([ \t]*(?:dob|d\.o\.b|born|aged?|\d)|,?[ \t]+(?:aged?[ \t]*\d|dob\b|d\.o\.b|born\b|date of birth|who is \d|is \d|\(\d)|,[ \t]*\d{1,2}\b|[ \t]+in[ \t]+(?:yr|year|y)[ \t]?\d|['’]s[ \t]+(?:mum|dad|mother|father|brother|sister|carer|parents?|family|home|house|address|school))/i;

const capFirst = (cue: string): string =>
  `[${cue[0]?.toUpperCase()}${cue[0]}]${cue.slice(1).replace(/ /g, GAP)}`;
const STRONG_CUES = new Set(['called', 'named', 'name is', "name's", 'known as']);
const cueRegex = (cues: readonly string[]): RegExp =>
  new RegExp(
    String.raw`\b(?:${cues.map(capFirst).join('|')})${GAP}(?:is${GAP})?(${WORD}(?:${GAP}${WORD}){0,2})\b`,
    'g',
  );
const STRONG_CUE = cueRegex(NAME_CUES.filter((c) => STRONG_CUES.has(c)));
const WEAK_CUE = cueRegex(NAME_CUES.filter((c) => !STRONG_CUES.has(c)));

const isStop = (w: string): boolean => NOT_NAMES.has(w.toLowerCase().replace(/['’]s$/, ''));
// "Lily-Mae", "Mary-Jane": a hyphenated given name is a first name when one of its parts is.
const isFirstName = (w: string): boolean =>
  FIRST_NAMES.has(w.toLowerCase()) ||
  (w.includes('-') &&
    w
      .toLowerCase()
      .split('-')
      .some((p) => FIRST_NAMES.has(p)));

interface Word {
  text: string;
  start: number;
  end: number;
}

function words(text: string, offset: number): Word[] {
  return [...text.matchAll(WORD_IN_RUN)].map((m) => ({
    text: m[0],
    start: offset + m.index,
    end: offset + m.index + m[0].length,
  }));
}

/** The leading non-stop words of `ws` (up to `max`), or none when the first is a stop word. */
function leadingName(ws: Word[], max: number): Word[] {
  const out: Word[] = [];
  for (const w of ws) {
    if (out.length === max || isStop(w.text)) break;
    out.push(w);
  }
  return out;
}

function span(ws: Word[]): TextSpan | undefined {
  const first = ws[0];
  const last = ws[ws.length - 1];
  return first && last ? { start: first.start, end: last.end } : undefined;
}

/** "Tom Jenkins", "Sarah Ahmed told me", "Kwame Mensah (DOB…", "Kwame Mensah, aged 12". */
function runNames(text: string): TextSpan[] {
  const out: TextSpan[] = [];
  for (const m of text.matchAll(RUN)) {
    const ws = words(m[0], m.index);
    for (let i = 0; i < ws.length - 1; i++) {
      const name = leadingName(ws.slice(i), 3);
      if (name.length < 2) continue;
      const known = isFirstName(name[0]?.text ?? '');
      const last = name[name.length - 1];
      const contextAfter = last !== undefined && PERSON_AFTER.test(text.slice(last.end, last.end + 24));
      const s = known || contextAfter ? span(name) : undefined;
      if (s) {
        out.push(s);
        i += name.length - 1;
      }
    }
  }
  return out;
}

function cuedNames(text: string, re: RegExp, strong: boolean): TextSpan[] {
  const out: TextSpan[] = [];
  for (const m of text.matchAll(re)) {
    const group = m[1] ?? '';
    const name = leadingName(words(group, m.index + m[0].length - group.length), 3);
    // After a role word ("my pupil …") one word must be a known first name; two words read as first + last.
    const ok = strong
      ? name.length > 0
      : name.length >= 2 || (name[0] !== undefined && isFirstName(name[0].text));
    const s = ok ? span(name) : undefined;
    if (s) out.push(s);
  }
  return out;
}

function titledNames(text: string): TextSpan[] {
  const out: TextSpan[] = [];
  for (const m of text.matchAll(TITLED)) {
    const group = m[1] ?? '';
    const name = leadingName(words(group, m.index + m[0].length - group.length), 2);
    const last = name[name.length - 1];
    if (last) out.push({ start: m.index, end: last.end });
  }
  return out;
}

// Names typed in lower case, found by their context: a title ("mrs patel"), a naming cue ("a boy
// called jayden"), a relation or role before a first name ("her daughter amelia wright"), or two
// words the English lexicon does not know before a verb of telling ("jaxon kowalczyk told me").
const LOWER_WORD = String.raw`[a-z][a-z'’-]{1,20}`;
const LOWER_TITLED = new RegExp(
  String.raw`\b(?:mr|mrs|ms|miss|mx|dr)\.?[ \t]+(${LOWER_WORD})(?:[ \t]+(${LOWER_WORD}))?`,
  'gd',
);
const LOWER_CUE = new RegExp(
  String.raw`\b(?:called|named|name is|name's|known as)[ \t]+(${LOWER_WORD})(?:[ \t]+(${LOWER_WORD}))?`,
  'gd',
);
const LOWER_RELATION = new RegExp(
  String.raw`\b(?:daughter|son|pupil|student|child|boy|girl|brother|sister|mum|dad|mother|father|patient|lad|stepdad|stepmum|stepson|stepdaughter|nephew|niece|cousin|friend|grandson|granddaughter|yp),?[ \t]+(${LOWER_WORD})(?:[ \t]+(${LOWER_WORD}))?`,
  'gd',
);
const LOWER_PAIR = new RegExp(
  String.raw`\b(${LOWER_WORD})[ \t]+(${LOWER_WORD})(?=[ \t,]+(?:told|said|says|tells|has|is|was|disclosed|came|aged?|\(|dob|born)\b)`,
  'gd',
);

// A known first name and the word after it, before what a person's details start with: "jayden smith
// in yr 8", "amelia wright (14)", "tyler brown, dob …".
const LOWER_FIRST_AND_LAST = new RegExp(
  String.raw`\b(${LOWER_WORD})[ \t]+(${LOWER_WORD})(?=[ \t,]+(?:in (?:yr|year|y)[ \t]?\d|told|said|says|tells|disclosed|aged?|\(|dob|d\.o\.b|born|who is|is \d)|,[ \t]*\d)`,
  'gd',
);

/** A lower-case word that could be a name: a known first name, or a word the English lexicon lacks. */
const nameLike = (w: string | undefined): boolean =>
  w !== undefined && !NOT_NAMES.has(w) && (FIRST_NAMES.has(w) || !isKnownWord(w));

// After mr, mrs, ms or mx the next word is a surname even when English knows it ("mrs smith", "mr
// khan's son"); "miss" and "dr" are also a verb and a shortening ("miss school", "dr appointment").
const TITLE_ALWAYS_NAMES = /^(?:mr|mrs|ms|mx)\b/;
const NOT_AFTER_TITLE = new Set(
  'and or the a an to of in on at is was has had said says who teams word forms excel office'.split(' '),
);
function titledSurname(match: string, word: string | undefined): boolean {
  const bare = word?.replace(/['’]s$/, '');
  if (bare === undefined || NOT_AFTER_TITLE.has(bare) || NOT_NAMES.has(bare)) return false;
  return TITLE_ALWAYS_NAMES.test(match) || nameLike(bare);
}

function lowerCaseNames(text: string): TextSpan[] {
  const lower = text.toLowerCase();
  const out: TextSpan[] = [];
  // The first word when `first` holds, and the second too when it is name-like ("amelia wright").
  const take = (m: RegExpMatchArray, first: boolean) => {
    const [a, b] = [m.indices?.[1], m.indices?.[2]];
    if (!first || !a) return;
    out.push({ start: a[0], end: b && nameLike(m[2]) ? b[1] : a[1] });
  };
  for (const m of lower.matchAll(LOWER_TITLED)) take(m, titledSurname(m[0], m[1]));
  for (const m of lower.matchAll(LOWER_CUE)) take(m, nameLike(m[1]));
  for (const m of lower.matchAll(LOWER_RELATION)) take(m, FIRST_NAMES.has(m[1] ?? ''));
  for (const m of lower.matchAll(LOWER_FIRST_AND_LAST)) {
    const [first, last] = [m[1] ?? '', m[2] ?? ''];
    if (FIRST_NAMES.has(first) && !NOT_NAMES.has(last) && m.indices?.[1] && m.indices[2])
      out.push({ start: m.indices[1][0], end: m.indices[2][1] });
  }
  for (const m of lower.matchAll(LOWER_PAIR)) {
    // ("mums bf is": a possessive typed without its apostrophe is a known word.)
    const unknown = (w: string | undefined) =>
      w !== undefined &&
      !NOT_NAMES.has(w) &&
      !isKnownWord(w) &&
      !(w.endsWith('s') && isKnownWord(w.slice(0, -1)));
    if (unknown(m[1]) && unknown(m[2]) && m.indices?.[1] && m.indices[2])
      out.push({ start: m.indices[1][0], end: m.indices[2][1] });
  }
  return out;
}

export function findNames(text: string): TextSpan[] {
  return [
    ...lowerCaseNames(text),
    ...titledNames(text),
    ...cuedNames(text, STRONG_CUE, true),
    ...cuedNames(text, WEAK_CUE, false),
    ...runNames(text),
  ];
}

const SENTENCE_START = /(?:^|[.!?:;]\s+|\n\s*)$/;

/**
 * For free text we would store (checklist short answers), where a missed name is worse than a
 * refused answer: any capitalised word that is not a known practitioner term counts as a possible
 * name, except a lone capitalised word at the start of a sentence ("Spoke to the DSL").
 */
export function findPossibleNames(text: string): TextSpan[] {
  const out: TextSpan[] = [];
  const ws = words(text, 0).filter((w) => !isStop(w.text));
  for (const [i, w] of ws.entries()) {
    const atStart = SENTENCE_START.test(text.slice(Math.max(0, w.start - 3), w.start)) || w.start === 0;
    const next = ws[i + 1];
    const prev = ws[i - 1];
    const inRun =
      (next !== undefined && /^[ \t]+$/.test(text.slice(w.end, next.start))) ||
      (prev !== undefined && /^[ \t]+$/.test(text.slice(prev.end, w.start)));
    if (!atStart || inRun || isFirstName(w.text)) out.push({ start: w.start, end: w.end });
  }
  return out;
}
