import { findPii } from '../safety/index.js';
import { findPossibleNames } from '../safety/pii-names.js';
import { terms } from '../search/text.js';

export const MAX_EXAMPLE_CHARS = 200;

// A word holding four or more digits in a row: case and crime reference numbers, years of birth,
// partial phone numbers the phone finder would not take. Ages ("12 year old") stay.
const LONG_NUMBER = /[\p{L}\p{N}/-]*\d{4,}[\p{L}\p{N}/-]*/gu;
const PLACEHOLDER = /\[(?:name|dob|nhs-number|postcode|address|phone|email|number)\]/g;

/**
 * A question as it may be stored for the admin report: stronger than `redact()`. Every identifier
 * detectPii finds becomes its kind, every *possible* name (any capitalised word that is not a known
 * practitioner term, as for stored checklist answers) becomes [name], long numbers become [number],
 * whitespace is collapsed and the result is capped at MAX_EXAMPLE_CHARS at a word boundary.
 */
export function redactQuestion(text: string): string {
  const spans = [
    ...findPii(text).map((f) => ({ start: f.start, end: f.end, label: f.kind as string })),
    ...findPossibleNames(text).map((s) => ({ ...s, label: 'name' })),
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
    .replace(/\s+/g, ' ')
    .trim();
  return cap(out, MAX_EXAMPLE_CHARS);
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
