import type { Sentence, Token } from './nlp.js';

/**
 * Whether an adult who works with children is the one acting on a child ("our PE teacher has been
 * messaging a year 10 girl", "the coach keeps touching her"): a concern about staff (the LADO
 * route), not harm between children, however alike the other words of the message are.
 */

// What staff are reported doing to or with a child: contact, touch, harm, gifts, lifts, images. Not the
// verbs of reporting or recording ("the teacher rang me", "recorded it", "shared her concern", "keeps
// a log"): those say what staff did about a concern, not to a child.
const ACTS = new Set(
  `message text send dm snapchat follow friend chat whatsapp groom touch kiss hug cuddle grab stroke
  tickle pat hit slap punch kick push hurt smack shove shake shout swear scream humiliate film photograph
  meet give buy drive invite flirt compliment befriend favour abuse assault rape expose isolate restrain`.split(
    /\s+/,
  ),
);

// Between the staff word and what they did: "has been", "keeps", "always", "is still".
const BETWEEN = new Set(['AUX', 'ADV', 'PART']);
const KEEPS = new Set(['keep', 'keeps', 'kept', 'start', 'started', 'begin', 'began', 'try', 'tried']);

/** Single words for staff, from the pack's staff synonyms ("sports coach" gives "coach"). */
export function staffWordsOf(groups: Record<string, readonly string[]>, key = 'staff'): Set<string> {
  const words = new Set<string>([key]);
  for (const phrase of groups[key] ?? []) {
    const last = phrase.toLowerCase().split(/\s+/).pop();
    // "dinner lady", "adult who works with children": the last word alone names no role.
    if (last && !GENERIC_LAST.has(last)) words.add(last);
  }
  return words;
}
const GENERIC_LAST = new Set(['lady', 'children', 'child', 'person', 'adult', 'member']);

export function staffActs(sentences: readonly Sentence[], staff: ReadonlySet<string>): boolean {
  return sentences.some((s) =>
    s.tokens.some((t, i) => staff.has(t.lemma) && t.pos === 'NOUN' && actsNext(s.tokens, i)),
  );
}

function actsNext(ts: readonly Token[], i: number): boolean {
  for (let j = i + 1; j < Math.min(ts.length, i + 5); j++) {
    const t = ts[j]!;
    // "has been messaging" is sometimes tagged a noun: after an auxiliary it is the verb.
    const verbal = t.pos === 'VERB' || ts[j - 1]?.pos === 'AUX' || KEEPS.has(ts[j - 1]?.norm ?? '');
    if (verbal && ACTS.has(t.lemma)) return true;
    if (KEEPS.has(t.norm) || t.norm === 'to' || BETWEEN.has(t.pos)) continue;
    return false;
  }
  return false;
}
