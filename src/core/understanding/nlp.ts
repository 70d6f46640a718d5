import winkNLP, { type ItemSentence, type ItemToken } from 'wink-nlp';
import model from 'wink-eng-lite-web-model';

/** One token of a message, as the NLP model reads it. */
export interface Token {
  /** Lower-cased text, straight apostrophes. */
  norm: string;
  /** Dictionary form ("raped" → "rape", "is" → "be"). */
  lemma: string;
  /** Universal part of speech: NOUN, VERB, AUX, PRON, ADP, NUM, PROPN… */
  pos: string;
  /** Verb form, from the token and its lemma: past (or participle), -ing, or present/base. */
  form: 'past' | 'ing' | 'present' | 'none';
  /** Offsets in the message. */
  start: number;
  end: number;
}

export interface Sentence {
  text: string;
  tokens: Token[];
  start: number;
  end: number;
}

// wink's lite model gives part of speech and lemmas (fast: well under a millisecond per message),
// which is what the danger model and the question focus need; it loads once per process.
let nlp: ReturnType<typeof winkNLP> | undefined;
const engine = () => (nlp ??= winkNLP(model));

// The lite model's lemmatiser misreads some words this domain depends on ("raped" → "rap").
const LEMMA_FIXES: Record<string, string> = {
  raped: 'rape',
  raping: 'rape',
  rapes: 'rape',
  groped: 'grope',
  groping: 'grope',
  abused: 'abuse',
  abusing: 'abuse',
  sat: 'sit',
  stood: 'stand',
  left: 'leave',
  texted: 'text',
  texting: 'text',
  filmed: 'film',
  filming: 'film',
  streaming: 'stream',
  streamed: 'stream',
  messaged: 'message',
  messaging: 'message',
  hits: 'hit',
};

const IRREGULAR_PAST = new Set(
  `was were had did told took said came went saw got made brought drove ran gave sent found thought knew
  left kept held caught felt heard met sat stood fell wrote showed shown taken given
  been done gone seen known written driven fallen`.split(/\s+/),
);

// Forms that are the same in present and past ("he hurt her", "they hit him"): read as present, so
// an undated harm counts as possibly happening (the danger model's fail-safe).
const SAME_IN_PAST = new Set(['hit', 'hurt', 'put', 'let', 'shut', 'cut', 'set', 'beat']);

function verbForm(norm: string, lemma: string, pos: string): Token['form'] {
  if (pos !== 'VERB' && pos !== 'AUX') return 'none';
  if (norm.endsWith('ing')) return 'ing';
  if (SAME_IN_PAST.has(norm)) return 'present';
  if (IRREGULAR_PAST.has(norm) || (norm.endsWith('ed') && norm !== lemma)) return 'past';
  return 'present';
}

const SENTENCE_END = new Set(['.', '?', '!', '...', '?!', '!!', '??']);

// wink's tokeniser is slow on one enormous word (seconds for 100 KB): no word is longer than this,
// and the rest of a longer run becomes spaces so every offset stays where it was.
const MAX_WORD = 64;
const normalise = (text: string) =>
  text
    .replace(/[\u2018\u2019\u02bc`´]/g, "'")
    // "at 3.15pm" would be split at its full stop into two sentences; "3:15pm" (the same length, so
    // every offset still points into the message) is read as one time.
    .replace(/\b(\d{1,2})\.(\d{2}(?:am|pm))\b/gi, '$1:$2')
    .replace(/\S{65,}/g, (run) => run.slice(0, MAX_WORD) + ' '.repeat(run.length - MAX_WORD));

/** The message as sentences of tokens. Pure; a few hundred microseconds for a long message. */
export function parse(text: string): Sentence[] {
  const source = normalise(text);
  const doc = engine().readDoc(source);
  const its = engine().its;
  const sentences: Sentence[] = [];
  let cursor = 0;
  doc.sentences().each((s: ItemSentence) => {
    const tokens: Token[] = [];
    s.tokens().each((t: ItemToken) => {
      const value = t.out(its.value);
      const at = source.indexOf(value, cursor);
      const start = at >= 0 ? at : cursor;
      cursor = start + value.length;
      const norm = value.toLowerCase();
      const pos = t.out(its.pos);
      const lemma =
        LEMMA_FIXES[norm] ?? String(t.out(its.lemma as Parameters<typeof t.out>[0])).toLowerCase();
      tokens.push({ norm, lemma, pos, form: verbForm(norm, lemma, pos), start, end: cursor });
    });
    resplitMisread(tokens);
    isNotPossessive(tokens);
    verbsBeforeObjects(tokens);
    satAsNow(tokens);
    // The model keeps "…send help). what is…" as one sentence when the next starts in lower case,
    // as chat messages often do: end a sentence at every full stop, question or exclamation mark.
    let from = 0;
    tokens.forEach((t, i) => {
      if (i !== tokens.length - 1 && !SENTENCE_END.has(t.norm)) return;
      const part = tokens.slice(from, i + 1);
      from = i + 1;
      const first = part[0];
      const last = part[part.length - 1];
      if (first && last)
        sentences.push({
          text: source.slice(first.start, last.end),
          tokens: part,
          start: first.start,
          end: last.end,
        });
    });
  });
  return sentences;
}

// Tokens the model mis-reads, each written back as two: "I'm" stays one proper noun, where it splits
// "he's" and "we're" (so "I'm stood outside it" had no present "be"); "in." is read as the abbreviation
// for inches, so "he came in. she left" was one sentence (after a number it is inches).
type Part = Omit<Token, 'start' | 'end'>;
interface Resplit {
  norm: string;
  /** Where the second part starts, in the message. */
  cut: (t: Token) => number;
  parts: [Part, Part];
  keep?: (before: Token | undefined) => boolean;
  /** Split only when the next token says so. */
  when?: (after: Token | undefined) => boolean;
}
// "hell hurt her", "shell kill me": "he'll" and "she'll" typed without the apostrophe, before a verb
// in its base form ("what the hell happened" is not one).
const WILL_BEFORE = (after: Token | undefined) =>
  after?.pos === 'VERB' && after.form !== 'past' && after.form !== 'ing';
const apostropheLess = (norm: string, person: string): Resplit => ({
  norm,
  cut: (t) => t.start + person.length,
  parts: [
    { norm: person, lemma: person, pos: 'PRON', form: 'none' },
    { norm: "'ll", lemma: 'will', pos: 'AUX', form: 'none' },
  ],
  when: WILL_BEFORE,
});
const RESPLITS: readonly Resplit[] = [
  {
    norm: "i'm",
    cut: (t) => t.start + 1,
    parts: [
      { norm: 'i', lemma: 'i', pos: 'PRON', form: 'none' },
      { norm: "'m", lemma: 'be', pos: 'AUX', form: 'present' },
    ],
  },
  {
    norm: 'in.',
    cut: (t) => t.end - 1,
    parts: [
      { norm: 'in', lemma: 'in', pos: 'ADP', form: 'none' },
      { norm: '.', lemma: '.', pos: 'PUNCT', form: 'none' },
    ],
    keep: (before) => before?.pos === 'NUM',
  },
  apostropheLess('hell', 'he'),
  apostropheLess('shell', 'she'),
];

function resplitMisread(tokens: Token[]): void {
  for (let i = tokens.length - 1; i >= 0; i--) {
    const t = tokens[i]!;
    const rule = RESPLITS.find((r) => r.norm === t.norm);
    if (!rule || rule.keep?.(tokens[i - 1]) || (rule.when && !rule.when(tokens[i + 1]))) continue;
    const cut = rule.cut(t);
    tokens.splice(
      i,
      1,
      { ...rule.parts[0], start: t.start, end: cut },
      { ...rule.parts[1], start: cut, end: t.end },
    );
  }
}

// "he's sat next to her", "she's stood at the door": British English for sitting and standing, now.
const POSTURES = new Set(['sat', 'stood']);
function satAsNow(tokens: Token[]): void {
  tokens.forEach((t, i) => {
    if (!POSTURES.has(t.norm)) return;
    let k = i - 1;
    while (k >= 0 && ['just', 'still', 'now', 'only'].includes(tokens[k]!.norm)) k -= 1;
    const aux = tokens[k];
    if (aux && aux.lemma === 'be' && aux.form === 'present') tokens[i] = { ...t, form: 'present' };
  });
}

// The lite model reads a verb after a noun it does not know as a second noun: "stepdad picks him
// up", "his stepdad strangled him". Between a noun and an object pronoun, a word ending as a verb does
// ("-s", "-ed") is the verb ("boys her age" is not: "her" is then a possessive).
const OBJECT_PRONOUNS = new Set(['him', 'her', 'them', 'me', 'us']);
const AFTER_POSSESSIVE = new Set(['age', 'own', 'size', 'year', 'class', 'mum', 'dad']);
function verbsBeforeObjects(tokens: Token[]): void {
  tokens.forEach((t, i) => {
    const prev = tokens[i - 1];
    if (t.pos !== 'NOUN' || !OBJECT_PRONOUNS.has(tokens[i + 1]?.norm ?? '')) return;
    if (!prev || (prev.pos !== 'NOUN' && prev.pos !== 'PROPN')) return;
    if (AFTER_POSSESSIVE.has(tokens[i + 2]?.norm ?? '')) return;
    const lemma = LEMMA_FIXES[t.norm] ?? verbLemma(t.norm);
    if (lemma) tokens[i] = { ...t, pos: 'VERB', lemma, form: t.norm.endsWith('ed') ? 'past' : 'present' };
  });
}

/** The base form of a word ending as a verb does, when the lexicon knows it ("strangled" → "strangle"). */
function verbLemma(norm: string): string | undefined {
  const known = (...forms: string[]) => forms.find((f) => f.length > 1 && isKnownWord(f));
  if (norm.endsWith('ied') || norm.endsWith('ies')) return known(norm.slice(0, -3) + 'y');
  if (norm.endsWith('ed')) {
    const stem = norm.slice(0, -2);
    return known(norm.slice(0, -1), stem, stem.replace(/(.)\1$/, '$1'));
  }
  if (/(?:ch|sh|ss|x|z)es$/.test(norm)) return known(norm.slice(0, -2));
  if (norm.endsWith('s') && !norm.endsWith('ss')) return known(norm.slice(0, -1));
  return undefined;
}

// After a noun, "'s" before a place, a particle or a participle is "is" or "has", not a possessive:
// "stepdad's here", "her uncle's outside", "the man's just arrived", "mum's been drinking".
const AFTER_IS = new Set(
  `here there outside inside downstairs upstairs back in at on still just been got gone not now always
  never coming going waiting sitting standing banging shouting refusing trying arrived turned left taken
  gone drunk`.split(/\s+/),
);
function isNotPossessive(tokens: Token[]): void {
  tokens.forEach((t, i) => {
    if (t.norm !== "'s" || t.pos !== 'PART' || tokens[i - 1]?.pos !== 'NOUN') return;
    const next = tokens[i + 1];
    if (next && AFTER_IS.has(next.norm))
      tokens[i] = {
        ...t,
        pos: 'AUX',
        lemma: next.norm === 'been' || next.norm === 'got' ? 'have' : 'be',
        form: 'present',
      };
  });
}

let firstUnknownId: number | undefined;

/**
 * Whether the model's English lexicon knows `word` (lower case). Names and surnames it has never seen
 * ("kowalczyk", "okafor") are unknown; everyday words ("police", "bus") are known.
 */
export function isKnownWord(word: string): boolean {
  const { its } = engine();
  const idOf = (w: string) => Number(engine().readDoc(w).tokens().out(its.uniqueId)[0]);
  // Unknown words get ids from the end of the lexicon up: the first one marks where the lexicon ends.
  firstUnknownId ??= idOf('qzxjqv');
  return idOf(word.toLowerCase()) < firstUnknownId;
}

/** Loads the model now rather than on the first message (the server calls this at start). */
export function warmUp(): void {
  parse('A child is safe.');
}
