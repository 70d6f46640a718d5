import type { Sentence, Token } from '../../understanding/nlp.js';

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
        // A dash between words ("no-contact") joins them; one with a space before it breaks.
        (t.norm === '-' && t.start > (sentence.tokens[i - 1]?.end ?? -1)) ||
        t.norm === ':' ||
        t.norm === 'because' ||
        // "he'll beat him tonight like he did last week": the comparison's time is its own.
        (t.norm === 'like' && ['he', 'she', 'they'].includes(next?.norm ?? ''))) &&
      next !== undefined &&
      // "his dad, who has a no-contact order, has just walked in": a relative clause stays with the
      // person it describes.
      !(t.norm === ',' && RELATIVE.has(next.norm)) &&
      (next.pos === 'PRON' ||
        next.pos === 'DET' ||
        next.pos === 'PROPN' ||
        next.pos === 'NOUN' ||
        // "and last night he said…", "and then he…": a conjunction before a time starts a new clause.
        (t.pos === 'CCONJ' && (next.pos === 'ADJ' || next.pos === 'ADV' || next.pos === 'SCONJ')) ||
        // "…when he gets home tonight, last time he had welts": a time after a comma, with words of
        // its own after it, starts a clause (a lone ", tonight" still belongs to the one before).
        (t.norm === ',' &&
          opensWithTime(sentence.tokens, i + 1) &&
          wordsAfter(sentence.tokens, i + 1) >= 2)) &&
      current.length > 0;
    if (breaks) {
      out.push(current);
      current = [];
    } else current.push(t);
  });
  if (current.length) out.push(current);
  return out;
}

const RELATIVE = new Set(['who', 'whose', 'whom', 'which']);

const TIME_OPENERS = new Set([
  'yesterday',
  'earlier',
  'previously',
  'recently',
  'tomorrow',
  'tonight',
  'today',
]);
// "last time", "last saturday" (not "last seen", which is part of a missing child's description).
const LAST_WHAT =
  /^(?:time|night|week|weekend|month|year|term|summer|christmas|easter|(?:mon|tues|wednes|thurs|fri|satur|sun)day)$/;

function opensWithTime(tokens: readonly Token[], i: number): boolean {
  const t = tokens[i]!;
  return TIME_OPENERS.has(t.norm) || (t.norm === 'last' && LAST_WHAT.test(tokens[i + 1]?.norm ?? ''));
}

/** Word tokens after position i, up to the next punctuation. */
function wordsAfter(tokens: readonly Token[], i: number): number {
  let n = 0;
  for (let j = i + 1; j < tokens.length && tokens[j]!.pos !== 'PUNCT'; j++) n++;
  return n;
}
