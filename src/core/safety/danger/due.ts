import type { Token } from '../../understanding/nlp.js';
import { CLOCK, isNeg, nounIngStem, word } from './tokens.js';
import * as W from './words.js';

// A time later today: a clock time, tonight, after school, home time.
const TODAY_LATER =
  /\b(?:tonight|this (?:afternoon|evening)|later today|after school|home ?time|pick-?up(?: time)?|bedtime)\b/;
// Having the child in their care: collecting, driving, the school run, babysitting, bathing, putting to bed.
const HAVING_THE_CHILD = new Set([
  'collect',
  'pick',
  'take',
  'drive',
  'babysit',
  'mind',
  'bath',
  'escort',
  'fetch',
]);
// "supervised contact at 3", "with a social worker present": the care is someone else's to watch.
const WATCHED =
  /\b(?:supervised|supervise|with (?:a |the )?(?:social worker|worker|contact worker) (?:present|there))\b/;

const meansHavingTheChild = (t: Token): boolean =>
  HAVING_THE_CHILD.has(t.lemma) || nounIngStem(t, HAVING_THE_CHILD) !== undefined;

/**
 * "same escort does the home run at 3", "he's the one picking her up at 3.15", "he's babysitting
 * tonight": someone (a pronoun, "the same …", a word for an abuser) will have the child in their care
 * later today. Whether that someone is the one who harmed the child is for the message to say.
 */
export function dueWithTheChild(ts: readonly Token[], clauseText: string): boolean {
  const lower = clauseText.toLowerCase();
  if (!(CLOCK.test(lower) || TODAY_LATER.test(lower)) || WATCHED.test(lower) || ts.some(isNeg)) return false;
  // Someone just before the word for having the child: "he's 'babysitting", "same escort does the run".
  return ts.some(
    (t, i) =>
      (meansHavingTheChild(t) ||
        (t.lemma === 'do' && ts.slice(i + 1, i + 4).some((n) => n.norm === 'run')) ||
        (t.lemma === 'put' && ts.slice(i + 1, i + 4).some((n) => n.norm === 'bed'))) &&
      ts.slice(Math.max(0, i - 6), i).some(
        (b) =>
          ['he', 'she', 'they', 'same'].includes(b.norm) ||
          (b.pos === 'NOUN' && word(b, W.HARMER)) ||
          // "brother is the one who picks him up at 3.15": a relative named as the one collecting.
          (b.pos === 'NOUN' && word(b, W.PERSON) && !W.SAFE_COLLECTORS.has(b.norm)),
      ),
  );
}
