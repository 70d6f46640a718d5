import type { Token } from '../../understanding/nlp.js';
import { CLOCK, hasPhrase, REPORTING } from './tokens.js';
import * as W from './words.js';

/** When a clause happens: now or within hours, in the past, or days ahead. */
export function readTime(
  ts: Token[],
  text: string,
  cues: { nowWord: boolean; activeNow: boolean; ongoingHarm: boolean },
): { now: boolean; past: boolean; later: boolean } {
  const r = { now: false, past: false, later: false, ongoingHarm: cues.ongoingHarm };
  const { nowWord, activeNow } = cues;
  // Now: a time word, "right now", a clock time, "just" (moments ago), perception now ("I can hear").
  r.now =
    nowWord ||
    activeNow ||
    CLOCK.test(text) ||
    // "he's just arrived", "just now"; not "it's just banter", "just a peck".
    ts.some(
      (t, i) =>
        t.norm === 'just' &&
        t.pos === 'ADV' &&
        (['VERB', 'AUX'].includes(ts[i + 1]?.pos ?? '') || ['now', 'then'].includes(ts[i + 1]?.norm ?? '')),
    ) ||
    ts.some(
      (t, i) =>
        t.norm === 'can' && [ts[i + 1]?.lemma, ts[i + 2]?.lemma].some((l) => l === 'hear' || l === 'see'),
    ) ||
    r.ongoingHarm;

  // Past: a past time ("last week", "in 2022", "when she was 8"), or every verb in the past.
  const recentAgo = /\b(?:mins?|minutes?|hours?|hrs?) ago\b/.test(text);
  const pastTime =
    (ts.some(
      (t, i) =>
        W.PAST_WORDS.has(t.norm) &&
        (t.norm !== 'before' || t.pos === 'ADV' || i === ts.length - 1 || ts[i + 1]?.pos === 'PUNCT') &&
        // "once I'm asleep", "once the others have gone": a conjunction looking ahead.
        !(t.norm === 'once' && ['PRON', 'PROPN', 'DET'].includes(ts[i + 1]?.pos ?? '')),
    ) &&
      !recentAgo) ||
    W.PAST_PHRASES.some((p) => hasPhrase(ts, p)) ||
    ts.some((t, i) => W.PAST_BEFORE_NOUN.has(t.norm) && W.PAST_NOUNS.has(ts[i + 1]?.lemma ?? '')) ||
    ts.some(
      (t, i) => t.norm === 'old' && ['her', 'his', 'their', 'my', 'our'].includes(ts[i - 1]?.norm ?? ''),
    ) ||
    (DURATION.test(text) && !nowWord) ||
    /\b(?:in|back in|since|during) (?:19|20)\d{2}\b|\b(?:back in|since|during|last) (?:january|february|march|april|june|july|august|september|october|november|december)\b|\bwhen (?:she|he|they|i|we) (?:was|were)\b|\bover the (?:summer|holidays)\b|\bat the time\b/.test(
      text,
    );
  const verbs = ts.filter((t) => (t.pos === 'VERB' || t.pos === 'AUX') && !REPORTING.has(t.lemma));
  const inPast = pastChain(ts);
  const allPast = verbs.length > 0 && verbs.every((t) => t.form === 'past' || inPast.has(t));
  // "were pinning her down" with no present auxiliary beside it: told in the past, whatever else is tagged.
  const pastAuxOnly = inPast.size > 0 && !verbs.some((t) => t.pos === 'AUX' && t.form === 'present');
  r.past = (pastTime && !r.ongoingHarm) || ((allPast || pastAuxOnly) && !r.now);

  r.later =
    /\b(?:tomorrow|tmrw|next (?:week|month|term|year|monday|tuesday|wednesday|thursday|friday|saturday|sunday|time|\d+ (?:days|weeks|months))|for the next|in (?:a|\d+|two|three|a few|a couple of) (?:days?|weeks?|months?)(?! old)|after (?:half term|the holidays|christmas|easter|the weekend)|on (?:monday|tuesday|wednesday|thursday|friday|saturday|sunday))\b/.test(
      text,
    ) && !r.now;

  return { now: r.now, past: r.past, later: r.later };
}

// "for the last few weeks", "over the past month": a pattern over time, not an event now.
const DURATION =
  /\b(?:for|over) (?:the )?(?:last|past) (?:few |couple of |\d+ |two |three |four |six |several )?(?:days|weeks|months|years|term|year|month)\b|\bfor (?:weeks|months|years)\b/;

/**
 * Verbs carried into the past by a past auxiliary: "were pinning", "was going to hang", "had been
 * hitting". The chain runs through verbs, adverbs, "to" and "not" and stops at anything else.
 */
function pastChain(ts: readonly Token[]): Set<Token> {
  const out = new Set<Token>();
  let carrying = false;
  for (const t of ts) {
    if (t.pos === 'AUX' && t.form === 'past' && ['be', 'have'].includes(t.lemma)) carrying = true;
    else if (carrying && (t.pos === 'VERB' || t.pos === 'AUX')) out.add(t);
    else if (!(carrying && ['ADV', 'PART', 'ADP', 'CCONJ'].includes(t.pos))) carrying = false;
  }
  return out;
}
