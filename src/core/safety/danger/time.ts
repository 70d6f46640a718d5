import type { Token } from '../../understanding/nlp.js';
import { CLOCK, hasPhrase, REPORTING } from './tokens.js';
import * as W from './words.js';

/** When a clause happens: now or within hours, in the past, or days ahead. */
export function readTime(
  ts: Token[],
  text: string,
  cues: { nowWord: boolean; activeNow: boolean; ongoingHarm: boolean },
): { now: boolean; past: boolean; later: boolean; datedPast: boolean } {
  const r = { now: false, past: false, later: false, ongoingHarm: cues.ongoingHarm };
  const { nowWord, activeNow } = cues;
  // Now: a time word, "right now", a clock time, "just" (moments ago), perception now ("I can hear").
  // A word for this very moment, as against a time of day ("this morning", "at 3.15", "today"); "20
  // mins ago" is moments ago.
  const recentAgo = /\b(?:mins?|minutes?|hours?|hrs?) ago\b/.test(text);
  const moment =
    recentAgo ||
    activeNow ||
    r.ongoingHarm ||
    ts.some((t) => MOMENT_WORDS.has(t.norm)) ||
    W.MOMENT_PHRASES.some((p) => hasPhrase(ts, p)) ||
    // "he's just arrived", "just now"; not "it's just banter", "just a peck".
    // (A verb in its base form is moments ago only as a participle after have: "he's just come in";
    // "it's just banter" is tagged a verb too.)
    ts.some((t, i) => {
      const next = ts[i + 1];
      if (t.norm !== 'just' || t.pos !== 'ADV' || next === undefined) return false;
      if (next.pos === 'AUX' || ['now', 'then'].includes(next.norm)) return true;
      if (next.pos !== 'VERB') return false;
      return (
        next.form === 'past' ||
        next.form === 'ing' ||
        ts[i - 1]?.pos !== 'AUX' ||
        PARTICIPLE_AS_BASE.has(next.norm)
      );
    }) ||
    ts.some(
      (t, i) =>
        t.norm === 'can' && [ts[i + 1]?.lemma, ts[i + 2]?.lemma].some((l) => l === 'hear' || l === 'see'),
    );
  r.now = moment || nowWord || CLOCK.test(text);

  // "said on monday", "came in on Friday": a weekday after a verb in the past is the day just gone.
  const dayJustGone = ts.some(
    (t, i) =>
      t.norm === 'on' &&
      WEEKDAYS.has(ts[i + 1]?.norm ?? '') &&
      [ts[i - 1], ts[i - 2]].some((b) => b?.form === 'past' && (b.pos === 'VERB' || b.pos === 'AUX')),
  );
  // Past: a past time ("last week", "in 2022", "when she was 8"), or every verb in the past.
  const pastTime =
    dayJustGone ||
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
    /\b(?:in|back in|since|during) (?:19|20)\d{2}\b|\b(?:back in|since|during|last|in) (?:january|february|march|april|june|july|august|september|october|november|december)\b|\bwhen (?:she|he|they|i|we) (?:was|were)\b|\bover the (?:summer|holidays)\b|\bat the time\b|\b(?:days|weeks|months|years|a while|a bit) back\b|\bin the (?:'|19)?[5-9]0s\b|\b(?:19|20)\d{2} (?:report|incident|referral|case|allegation|log|entry|disclosure|file|record|investigation|conviction|episode)s?\b/.test(
      text,
    );
  const verbs = ts.filter((t) => (t.pos === 'VERB' || t.pos === 'AUX') && !REPORTING.has(t.lemma));
  const inPast = pastChain(ts);
  // Every main verb in the past ("when he would not tidy up": a modal, not the event's tense).
  const mainVerbs = verbs.filter((t) => !MODALS.has(t.norm) && !afterModal(ts, t));
  const allPast = mainVerbs.length > 0 && mainVerbs.every((t) => t.form === 'past' || inPast.has(t));
  // "came in this morning and grabbed him": a time of day with every main verb in the past dates the
  // event earlier; only a word for this moment keeps it now.
  if (!moment && allPast) r.now = false;
  // "were pinning her down" with no present auxiliary beside it: told in the past, whatever else is tagged.
  const pastAuxOnly = inPast.size > 0 && !verbs.some((t) => t.pos === 'AUX' && t.form === 'present');
  // "has locked him in since yesterday", "hasn't eaten since Friday", "been knocking 20 mins": up to
  // now, so going on now.
  const sinceUntilNow =
    /\bbeen [a-z]+ing (?:for )?(?:\d+|an?|a few|ten|twenty|half an) (?:mins?|minutes?|hours?|hrs?)\b/.test(
      text,
    ) ||
    (/\bsince (?:yesterday|last night|this morning|friday|saturday|sunday|monday|tuesday|wednesday|thursday|the weekend|\d)/.test(
      text,
    ) &&
      ts.some(
        (t, i) =>
          t.lemma === 'have' && t.form === 'present' && ts.slice(i + 1, i + 4).some((n) => n.pos === 'VERB'),
      ));
  if (sinceUntilNow) r.now = true;
  r.past = !sinceUntilNow && ((pastTime && !r.ongoingHarm) || ((allPast || pastAuxOnly) && !r.now));

  r.later = DAYS_AHEAD.test(text) && !r.now && !dayJustGone;

  return { now: r.now, past: r.past, later: r.later, datedPast: pastTime && !sinceUntilNow };
}

const WEEKDAYS = new Set(['monday', 'tuesday', 'wednesday', 'thursday', 'friday', 'saturday', 'sunday']);

/** A time days or more ahead: "tomorrow", "next week", "in the summer holidays", "after half term". */
export const DAYS_AHEAD =
  /\b(?:tomorrow|tmrw|next (?:week|month|term|year|spring|summer|autumn|winter|season|monday|tuesday|wednesday|thursday|friday|saturday|sunday|time|\d+ (?:days|weeks|months))|for the next|in (?:a|\d+|two|three|a few|a couple of) (?:days?|weeks?|months?)(?! old)|after (?:half term|the holidays|christmas|easter|the weekend)|on (?:monday|tuesday|wednesday|thursday|friday|saturday|sunday)|this weekend|in the (?:spring|summer|autumn|winter|holidays|half term)|at (?:half term|christmas|easter)|one day|some day|someday|one of these days|eventually|when (?:she|he|they)(?:'s|'re| is| are) older)\b/;

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

const MOMENT_WORDS = new Set([
  'now',
  'still',
  'currently',
  'presently',
  'literally',
  'meanwhile',
  'imminently',
]);
const MODALS = new Set([
  'would',
  'could',
  'should',
  'might',
  'may',
  'must',
  "wouldn't",
  "couldn't",
  'wont',
  "won't",
]);

/** "would not sit down": the verb a modal governs carries no tense of its own. */
function afterModal(ts: readonly Token[], verb: Token): boolean {
  for (let i = ts.indexOf(verb) - 1; i >= 0; i--) {
    const t = ts[i] as Token;
    if (MODALS.has(t.norm)) return true;
    if (!(t.pos === 'PART' || t.pos === 'ADV')) return false;
  }
  return false;
}

/** Participles spelt as the base form ("he's just come in", "she's just run off"). */
const PARTICIPLE_AS_BASE = new Set([
  'come',
  'become',
  'run',
  'put',
  'cut',
  'hit',
  'set',
  'let',
  'shut',
  'hurt',
  'quit',
]);
