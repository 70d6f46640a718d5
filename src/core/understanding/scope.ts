import type { SynonymTable } from '../search/synonyms.js';
import { isKnownWord, type Sentence, type Token } from './nlp.js';
import { parseCached } from '../content/derived-snapshot.js';

/** Shorter words are too easily one letter from another word to be read as typos. */
const MIN_TYPO_LENGTH = 6;

export interface ScopeDefinition {
  /** Words or phrases for a worry or a harm (any form: "abused" meets "abuse"). */
  concerns: string[];
  /** Words or phrases for safeguarding processes and services. Both lists make a message in scope. */
  words: string[];
  /** Synonym groups that name people or places, never a concern: they do not bring a message in scope. */
  everyday: string[];
  /**
   * The job itself (mileage, payslips, annual leave, a password): a message naming one and no concern
   * is out of scope, whatever process words it shares with the guidance ("claim mileage for a home
   * visit", "book leave after the strategy meeting"); with no child named, whatever concern words it
   * uses ("report a needlestick injury to occupational health").
   */
  workplace?: string[];
}

// "what do I do", "who do we tell", "what should happen next": a practitioner asking what to do.
const ACTION_QUESTION =
  /\b(?:what (?:do|should|can|must|would) (?:i|we|you|they|(?:the|a|an|our|my) [a-z]+) (?:do|put|say|tell|record|write|include|ask)|(?:do|should|must|can|could) (?:i|we) (?:still |just )?(?:need to |have to |be )?(?:do|write|record|tell|report|say|ask|share|keep|sign|refer|log|follow|speak|talk|approach|confront|contact|ring|call|raise|mention|inform|involve|suspend|send|escalate|worried|concerned|doing|put|submit|flag|pass|file|complete|fill)|how (?:do|should|would|can|must) (?:i|we|you|staff|they|(?:the|our|a) [a-z]+) (?:respond|handle|deal|support|manage|approach|talk|speak)|who (?:do|should|can) (?:i|we) (?:tell|contact|call|ring|speak to|talk to|inform|refer)|what (?:happens|should happen|needs to happen) next|what next|what now|what are my next steps|next steps)\b/;

// Teaching about a topic is not a worry about a child: "planning a PSHE lesson on consent", "lesson
// plan on knife crime, any good videos", unless a child told something ("a pupil disclosed in my lesson").
const TEACHING_TASK =
  /\b(?:lesson plans?|lesson ideas|planning (?:a|an|my|our|the) (?:pshe|rse|rshe|lesson|assembly|unit|scheme of work)|(?:pshe|rse|rshe) (?:lessons?|sessions?|units?|activity|activities)|assembly (?:on|about|ideas)|suggest (?:some )?(?:activities|resources|videos)|any good (?:videos|resources|activities)|scheme of work)\b/;
const A_CHILD_TOLD = /\b(?:disclosed|told (?:me|us|her|him|a)|said (?:that|she|he)|came to me|asked me)\b/;

// "abusing the photocopier code", "an exploit in the booking software", "an attack on the network":
// a harm word whose object is a thing.
const THINGS =
  'photocopier|printer|copier|code|software|system|systems|network|server|loophole|rota|wifi|database|booking|login|defence|defense';
const HARM_TO_A_THING = new RegExp(
  String.raw`\b(?:abus|exploit|attack|hack)\w* (?:(?:in|on|of) )?(?:the |a |an |our )?(?:[\w-]+ ){0,2}(?:${THINGS})\b` +
    // "our network is under attack", "the server's been hacked": the thing first.
    String.raw`|\b(?:${THINGS}) (?:is|was|has been|'s been|'s|got) (?:under attack|hacked|being hacked|exploited|compromised)\b` +
    // "found an exploit in our homework app": a software flaw, named as a noun.
    String.raw`|\b(?:an|the|this) exploit\b` +
    // "how to groom a cockapoo", "a safe for the cash": an animal groomed, a strongbox.
    String.raw`|\bgroom\w* (?:the |a |an |our |my |his |her )?(?:[\w-]+ )?(?:dog|dogs|puppy|cat|horse|pony|pet|cockapoo|poodle|spaniel|labrador)\b` +
    String.raw`|\b(?:a|the) safe (?:for|in|with|at|to keep)\b`,
  'g',
);

// "who do I tell", "should I report it", "do I need to pass this on": something to be told.
const ASKS_WHOM_TO_TELL =
  /\b(?:who (?:needs|has|ought) to know|(?:should|do) (?:i|we) (?:be )?(?:passing|pass) (?:this|it|that) on|(?:should|do) (?:i|we) (?:be )?(?:writing|write) (?:this|it|that) down|what'?s (?:my|our|the) (?:route|next step|move)|is (?:this|it|that) my business|who (?:do|should|can|must) (?:i|we) (?:tell|report (?:it|this|that) to|pass (?:it|this) (?:on )?to|inform|share (?:it|this|that) with)|(?:should|do|must) (?:i|we) (?:need to |have to )?(?:report|pass (?:it|this|that) on|tell (?:anyone|someone|the dsl|safeguarding)))\b/;

// A request to write a new document ("can you draft", "help me write", "I need a … template").
const WRITING_TASK =
  /\b(?:(?:can|could|would) (?:you|u) (?:please |pls )?(?:help me )?(?:write|draft|create|produce)(?! up)|help me (?:write|draft)(?! up)|(?:i )?need (?:a|an|some) (?:[a-z0-9]+ ){0,3}(?:template|lesson ideas|lesson plan)|what's a good structure|what is a good structure)\b/;

/**
 * Whether a message is a safeguarding question at all: it names a concern, harm or a safeguarding
 * process (the pack's `scope.words`), a domain concept of the pack (a synonym group that is not an
 * everyday one), or it asks what to do about a child. "What's the pay for an M3 teacher" or "my
 * toddler won't sleep, any tips" share everyday words with the guidance (teacher, toddler) and get
 * the honest signpost, however well those words match an item.
 */
export class Scope {
  private readonly concerns: Vocabulary;
  private readonly processes: Vocabulary;
  private readonly workplace: Vocabulary;
  private readonly everydayMarkers: Set<string>;

  constructor(
    definition: ScopeDefinition,
    private readonly synonyms: SynonymTable,
  ) {
    this.concerns = new Vocabulary(definition.concerns);
    this.processes = new Vocabulary(definition.words);
    this.workplace = new Vocabulary(definition.workplace ?? []);
    this.everydayMarkers = new Set(definition.everyday.map((g) => synonyms.markerOf(g)));
  }

  // Cheapest readings first: most messages are settled by their words before any typo is considered.
  includes(text: string, sentences: readonly Sentence[], aboutAChild: boolean): boolean {
    const lower = text.toLowerCase();
    if (TEACHING_TASK.test(lower) && !A_CHILD_TOLD.test(lower)) return false;
    const thingsHarmed = [...lower.matchAll(HARM_TO_A_THING)].map((m) => [m.index, m.index + m[0].length]);
    // A harm word said of a thing does not name a concern.
    const tokens = sentences
      .flatMap((s) => s.tokens)
      .filter((t) => !thingsHarmed.some(([from, to]) => t.start >= from! && t.start < to!));
    // "could you write me a risk assessment for the trip", "help me write a report for parents
    // evening": a document to be written, and no worry in it, is not a question this guide answers.
    // ("A risk assessment" names a document, not a child at risk.)
    if (
      WRITING_TASK.test(text.toLowerCase()) &&
      !this.concerns.namedIn(
        tokens.filter((t, i) => !(t.norm === 'risk' && tokens[i + 1]?.lemma === 'assessment')),
      )
    )
      return false;
    const aboutTheJob = this.workplace.namedIn(tokens);
    // "how do I report a needlestick injury I got on shift": the job, and no child in it.
    if (aboutTheJob && !aboutAChild) return false;
    if (this.concerns.namedIn(tokens)) return true;
    if (aboutTheJob) return false;
    if (this.processes.namedIn(tokens)) return true;
    // (The synonym groups read the message without the harm words said of things.)
    const unharmed = thingsHarmed.reduce(
      (t, [from, to]) => t.slice(0, from) + ' '.repeat(to! - from!) + t.slice(to),
      text,
    );
    for (const marker of this.synonyms.analyse(unharmed).markers.keys())
      if (!this.everydayMarkers.has(marker)) return true;
    const asked = text.toLowerCase().replace(/[’‘]/g, "'");
    if (aboutAChild && (ACTION_QUESTION.test(asked) || ASKS_WHOM_TO_TELL.test(asked))) return true;
    return this.concerns.mistypedIn(tokens) || this.processes.mistypedIn(tokens);
  }

  /**
   * The job itself and no child ("the disciplinary procedure for a TA who keeps turning up late"): out
   * of scope however closely its words match an item (a parent turning up late to collect).
   */
  onlyTheJob(sentences: readonly Sentence[], aboutAChild: boolean): boolean {
    return !aboutAChild && this.workplace.namedIn(sentences.flatMap((s) => s.tokens));
  }

  /**
   * The message names a worry or a harm in so many words (or one mistyped), or asks whom to tell or
   * report it to ("who do I tell", "should I report this"): not only a process, a domain term
   * ("paracetamol", "strategies") or "what do I do".
   */
  namesConcern(sentences: readonly Sentence[]): boolean {
    const tokens = sentences.flatMap((s) => s.tokens);
    return (
      this.concerns.namedIn(tokens) ||
      this.concerns.mistypedIn(tokens) ||
      sentences.some((s) => ASKS_WHOM_TO_TELL.test(s.text.toLowerCase().replace(/[’‘]/g, "'")))
    );
  }
}

/** A list of scope words and phrases, matched by lemma or as written, and looked for mistyped. */
class Vocabulary {
  private readonly words = new Set<string>();
  /** Each word of a phrase as its lemma or as written. */
  private readonly phrases: (readonly [string, string])[][] = [];
  /** The phrases by each form of their first word, so a message is only matched against those. */
  private readonly phrasesByFirst = new Map<string, (readonly [string, string])[][]>();
  /** Long words (and words of phrases), for typos. */
  private readonly spellable = new Set<string>();

  constructor(entries: readonly string[]) {
    for (const entry of entries) {
      const tokens = parseCached(entry).flatMap((s) => s.tokens);
      const [only] = tokens;
      if (tokens.length > 1) this.phrases.push(tokens.map((t) => [t.lemma, t.norm]));
      else if (only) {
        // A word given in its base form ("abuse") meets every form of it through the message's lemmas;
        // one given inflected ("missing", "privates", "dating") means that form only, not "miss",
        // "private" or "date".
        this.words.add(only.norm);
        this.words.add(entry.toLowerCase());
      }
    }
    for (const p of this.phrases)
      for (const form of new Set(p[0] ?? [])) {
        const list = this.phrasesByFirst.get(form) ?? [];
        list.push(p);
        this.phrasesByFirst.set(form, list);
      }
    for (const w of this.words) if (w.length >= MIN_TYPO_LENGTH) this.spellable.add(w);
    for (const p of this.phrases)
      for (const [, norm] of p) if (norm.length >= MIN_TYPO_LENGTH) this.spellable.add(norm);
  }

  namedIn(tokens: readonly Token[]): boolean {
    return (
      tokens.some((t) => this.names(t.lemma) || this.names(t.norm)) ||
      tokens.some((t, i) =>
        [...new Set([t.lemma, t.norm])].some((form) =>
          (this.phrasesByFirst.get(form) ?? []).some((p) => phraseAt(tokens, i, p)),
        ),
      )
    );
  }

  /** A long word the lexicon doesn't know, one letter from one of these ("complience"). */
  mistypedIn(tokens: readonly Token[]): boolean {
    return tokens.some((t) => this.mistypes(t.norm));
  }

  /**
   * A word of the list, its plural ("snapchats"), or an -ing or -ed form of a listed verb that the
   * tagger read as a noun or adjective, so has no verb lemma ("a baby with bruising").
   */
  private names(word: string): boolean {
    return (
      this.words.has(word) ||
      (word.endsWith('s') && this.words.has(word.slice(0, -1))) ||
      verbBasesOf(word).some((base) => this.words.has(base))
    );
  }

  private mistypes(word: string): boolean {
    if (word.length < MIN_TYPO_LENGTH || isKnownWord(word)) return false;
    for (const w of this.spellable) if (oneEditApart(word, w)) return true;
    return false;
  }
}

/** The base forms an -ing or -ed word may come from: "bruising" bruise, "hitting" hit, "tied" tie. */
function verbBasesOf(word: string): string[] {
  const ending = /(?:ing|ed)$/.exec(word)?.[0];
  if (!ending || word.length < ending.length + 3) return [];
  const stem = word.slice(0, -ending.length);
  const bases = [stem, `${stem}e`];
  if (/([b-df-hj-np-tv-z])\1$/.test(stem)) bases.push(stem.slice(0, -1));
  return bases;
}

/** Damerau distance of at most one (one letter added, dropped, changed or two swapped). */
function oneEditApart(a: string, b: string): boolean {
  if (Math.abs(a.length - b.length) > 1 || a === b) return a === b;
  let i = 0;
  while (i < a.length && i < b.length && a[i] === b[i]) i++;
  if (a.length === b.length)
    return (
      a.slice(i + 1) === b.slice(i + 1) ||
      (a[i] === b[i + 1] && a[i + 1] === b[i] && a.slice(i + 2) === b.slice(i + 2))
    );
  return a.length > b.length ? a.slice(i + 1) === b.slice(i) : a.slice(i) === b.slice(i + 1);
}

function phraseAt(
  said: readonly Token[],
  i: number,
  phrase: readonly (readonly [string, string])[],
): boolean {
  return (
    i + phrase.length <= said.length &&
    phrase.every(
      (forms, k) => forms.includes(said[i + k]?.lemma ?? '') || forms.includes(said[i + k]?.norm ?? ''),
    )
  );
}
