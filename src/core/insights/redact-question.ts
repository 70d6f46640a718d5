import type { ContentPack } from '../content/types.js';
import { findPii } from '../safety/index.js';
import { FIRST_NAMES, NOT_NAMES } from '../safety/name-lists.js';
import { findPossibleNames } from '../safety/pii-names.js';
import { terms } from '../search/text.js';
import { packTexts, type Vocabulary } from './vocabulary.js';

export const MAX_EXAMPLE_CHARS = 200;

// A word holding four or more digits in a row: case and crime reference numbers, years of birth,
// partial phone numbers the phone finder would not take. Ages ("12 year old") stay.
const LONG_NUMBER = /[\p{L}\p{N}/-]*\d{4,}[\p{L}\p{N}/-]*/gu;
const CAPS_WORD = /(?<![\p{L}\p{N}])\p{Lu}{2,}(?:['’-]\p{Lu}+)*(?![\p{L}\p{N}])/gu;
const LOWER_WORD = /(?<![\p{L}\p{N}])\p{Ll}{2,}(?![\p{L}\p{N}])/gu;
// Capitalised labels and everyday abbreviations that are never a person.
const LABELS = new Set(['DOB', 'OK', 'ASAP', 'FAQ', 'PE', 'RE', 'IT', 'TV', 'PDF', 'URL']);
const PLACEHOLDER = /\[(?:name|word|dob|nhs-number|postcode|address|phone|email|number)\]/g;

/**
 * A question as it may be stored for the admin report: stronger than `redact()`. Every identifier
 * detectPii finds becomes its kind, every *possible* name (any capitalised word that is not a known
 * practitioner term, as for stored checklist answers) becomes [name], and so does any word in capitals
 * that the guidance does not use as an acronym (MARJORIE SMITH, but not MACE) and any known first name
 * typed in lower case. With a `vocabulary` (the allow-list), every other word outside it becomes
 * [word]: a name typed in lower case ("jaxon kowalczyk") is not kept just because no list knew it.
 * Long numbers become [number]; whitespace is collapsed and the result is capped at
 * MAX_EXAMPLE_CHARS at a word boundary.
 */
export function redactQuestion(
  text: string,
  acronyms: ReadonlySet<string> = new Set(),
  vocabulary?: Vocabulary,
): string {
  const spans = [
    ...findPii(text).map((f) => ({ start: f.start, end: f.end, label: f.kind as string })),
    ...findPossibleNames(text).map((s) => ({ ...s, label: 'name' })),
    ...wordsLikeNames(text, acronyms).map((s) => ({ ...s, label: 'name' })),
    ...(vocabulary?.unknownWords(text) ?? []).map((s) => ({ ...s, label: 'word' })),
  ].sort((a, b) => a.start - b.start || b.end - a.end);
  let out = '';
  let at = 0;
  for (const s of spans) {
    if (s.end <= at) continue; // inside a span already replaced
    out += `${text.slice(at, Math.max(at, s.start))}[${s.label}]`;
    at = s.end;
  }
  out += text.slice(at);
  out = out
    .replace(LONG_NUMBER, '[number]')
    .replace(/\[name\](?:[ \t]+\[name\])+/g, '[name]')
    .replace(/\[word\](?:[ \t]+\[word\])+/g, '[word]')
    .replace(/\s+/g, ' ')
    .trim();
  return cap(out, MAX_EXAMPLE_CHARS);
}

/** Words the name finders miss by case: capitals that are not the guidance's acronyms, lower-case first names. */
function wordsLikeNames(text: string, acronyms: ReadonlySet<string>): { start: number; end: number }[] {
  const out: { start: number; end: number }[] = [];
  for (const m of text.matchAll(CAPS_WORD)) {
    if (!acronyms.has(m[0]) && !LABELS.has(m[0]) && !NOT_NAMES.has(m[0].toLowerCase()))
      out.push({ start: m.index, end: m.index + m[0].length });
  }
  for (const m of text.matchAll(LOWER_WORD)) {
    if (FIRST_NAMES.has(m[0])) out.push({ start: m.index, end: m.index + m[0].length });
  }
  return out;
}

/** Every word the guidance writes in capitals (MACE, CSAAC, HSB): acronyms, not names. */
export function acronymsOf(pack: ContentPack): Set<string> {
  const out = new Set<string>();
  for (const t of packTexts(pack)) for (const m of t.matchAll(CAPS_WORD)) out.add(m[0]);
  return out;
}

function cap(text: string, max: number): string {
  if (text.length <= max) return text;
  const cut = text.slice(0, max - 1);
  const space = cut.lastIndexOf(' ');
  return `${space > max / 2 ? cut.slice(0, space) : cut.replace(/\[[a-z-]*$/, '')}…`;
}

/** Stemmed content terms of a redacted question, deduplicated and sorted: what similarity grouping compares. */
export function questionTerms(redacted: string): string[] {
  return [...new Set(terms(redacted.replace(PLACEHOLDER, ' ')))].sort();
}
