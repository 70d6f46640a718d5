// Small readings of tokens the danger model's rules share: word classes, windows, tense cues.
import type { Token } from '../../understanding/nlp.js';
import * as W from './words.js';

/** "a 10 day old", "his 3 year old": "old" after a unit of age names a person. */
const AGE_UNITS = new Set(['day', 'days', 'week', 'weeks', 'month', 'months', 'year', 'years']);
export const agedPerson = (ts: readonly Token[], i: number) =>
  ts[i]?.norm === 'old' && AGE_UNITS.has(ts[i - 1]?.norm ?? '');

export const word = (t: Token | undefined, s: Set<string>) =>
  t !== undefined && (s.has(t.lemma) || s.has(t.norm));
export const any = (ts: Token[], s: Set<string>) => ts.some((t) => word(t, s));
export const within = (ts: readonly Token[], i: number, n: number, test: (t: Token, at: number) => boolean) =>
  ts.slice(i + 1, i + 1 + n).some((t, k) => test(t, i + 1 + k));
export const isNeg = (t: Token | undefined) =>
  t !== undefined && (t.lemma === 'not' || t.norm === "n't" || t.norm === 'never');
export const isBePresent = (t: Token | undefined) =>
  t !== undefined && t.lemma === 'be' && t.form === 'present' && t.pos === 'AUX';

/**
 * The lite model reads some -ing verbs as nouns ("the one collecting her", "babysitting"): the stem of
 * such a noun (undoubled: "babysitting" → "babysit") when it is one of `verbs`.
 */
export function nounIngStem(t: Token, verbs: ReadonlySet<string>): string | undefined {
  if (t.pos !== 'NOUN' || !t.norm.endsWith('ing')) return undefined;
  const stem = t.norm.slice(0, -3);
  const undoubled = stem.replace(/(.)\1$/, '$1');
  return verbs.has(stem) ? stem : verbs.has(undoubled) ? undoubled : undefined;
}

export function hasPhrase(ts: Token[], phrase: readonly string[]): boolean {
  outer: for (let i = 0; i + phrase.length <= ts.length; i++) {
    for (let j = 0; j < phrase.length; j++) if (ts[i + j]?.norm !== phrase[j]) continue outer;
    return true;
  }
  return false;
}

export const CLOCK =
  /\b(?:at|by|before|until|for|around)\s+\d{1,2}(?:[.:]\d{2})?\s*(?:am|pm|o'?clock|tonight|today)?\b|\b\d{1,2}[.:]\d{2}\b|\bin\s+(?:\d+|a few|an?|ten|five|twenty|half an)\s+(?:mins?|minutes?|hours?|hrs?)\b|\b(?:\d+|an?|few|couple of|ten|twenty) (?:mins?|minutes?|hours?|hrs?) ago\b|\b(?:at|by) half (?:past )?\d{1,2}\b|\b\d+ (?:mins?|minutes?) away\b/;
export const TAKE_PARTICLES = new Set([
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
export const REPORTING = new Set([
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
export const FUTURE = new Set(['will', "'ll", 'gonna', 'shall']);
export const INFO_QUESTION =
  /^(?:what|whats|what's|is it|is this|does|do|can(?!'t)|how|why|where|who|which|should|would|when (?:should|do|does|is|are|can|must|would))\b/;

/** "with him", "with the man": in the company of a person (not "with waking nights"). */
export function withPerson(ts: Token[], j: number): boolean {
  if (ts[j]?.norm !== 'with') return false;
  const next = ts[j + 1];
  const after = ts[j + 2];
  return (
    W.HELD.has(next?.norm ?? '') ||
    word(next, W.PERSON) ||
    word(next, W.HARMER) ||
    (next?.pos === 'DET' && (word(after, W.PERSON) || word(after, W.HARMER)))
  );
}

/** The verb's object is a person: "took her", "took an 11 year old boy", not "take the phone off him". */
export function takesPerson(ts: Token[], i: number): boolean {
  for (let j = i + 1; j < Math.min(ts.length, i + 8); j++) {
    const n = ts[j] as Token;
    // "takes her phone", "her universal credit": "her" before a noun is hers, a thing taken.
    const next = ts[j + 1];
    const possessive =
      n.norm === 'her' && ['NOUN', 'ADJ'].includes(next?.pos ?? '') && !W.PLACES.has(next?.norm ?? '');
    if (!possessive && (W.HELD.has(n.norm) || word(n, W.CHILD_NOUNS) || n.pos === 'PROPN')) return true;
    if (j > i + 1 && word(n, W.PERSON) && n.pos === 'NOUN') return true;
    // "a 2 year old", "the little one", "one of the u10s".
    if (agedPerson(ts, j)) return true;
    if (n.norm === 'one' && ts[j - 1]?.norm === 'little') return true;
    if (n.norm === 'of' && ts[j - 1]?.norm === 'one') return true;
    const filler =
      possessive ||
      ['DET', 'NUM', 'ADJ'].includes(n.pos) ||
      ['year', 'years', 'old', 'little', 'younger', 'older', 'one'].includes(n.norm) ||
      // "his 3 year old", "their kids": a possessive before the person.
      (j === i + 1 && ['his', 'their', 'my', 'our', 'your'].includes(n.norm));
    if (!filler) return false;
  }
  return false;
}
