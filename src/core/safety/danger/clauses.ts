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
        t.norm === 'because') &&
      next !== undefined &&
      (next.pos === 'PRON' ||
        next.pos === 'DET' ||
        next.pos === 'PROPN' ||
        next.pos === 'NOUN' ||
        // "and last night he said…", "and then he…": a conjunction before a time starts a new clause.
        (t.pos === 'CCONJ' && (next.pos === 'ADJ' || next.pos === 'ADV' || next.pos === 'SCONJ'))) &&
      current.length > 0;
    if (breaks) {
      out.push(current);
      current = [];
    } else current.push(t);
  });
  if (current.length) out.push(current);
  return out;
}
