import { findNhsNumbers, type TextSpan } from './nhs-number.js';
import { findDates } from './pii-dates.js';
import { findAddresses, findEmails, findPhones, findPostcodes } from './pii-contact.js';
import { findNames, findPossibleNames } from './pii-names.js';

export type PiiKind = 'name' | 'dob' | 'nhs-number' | 'postcode' | 'address' | 'phone' | 'email';

export interface PiiFinding extends TextSpan {
  kind: PiiKind;
}

// Where two findings overlap, the earlier kind here wins (a 10-digit UK phone number is a phone, not an
// NHS number; an email's local part is not a name).
const FINDERS: readonly [PiiKind, (text: string) => TextSpan[]][] = [
  ['email', findEmails],
  ['phone', findPhones],
  ['nhs-number', findNhsNumbers],
  ['dob', findDates],
  ['postcode', findPostcodes],
  ['address', findAddresses],
  ['name', findNames],
];
const KIND_ORDER: readonly PiiKind[] = FINDERS.map(([kind]) => kind);

/** Every identifier in `text`, non-overlapping, in text order. */
export function findPii(text: string): PiiFinding[] {
  const taken: PiiFinding[] = [];
  // One flag per UTF-16 unit already claimed: overlap checks stay linear in the text length.
  const claimed = new Uint8Array(text.length);
  for (const [kind, find] of FINDERS) {
    const found = find(text).sort((a, b) => b.end - b.start - (a.end - a.start));
    for (const s of found) {
      if (claimed.subarray(s.start, s.end).includes(1)) continue;
      claimed.fill(1, s.start, s.end);
      taken.push({ kind, start: s.start, end: s.end });
    }
  }
  return taken.sort((a, b) => a.start - b.start);
}

/** Whether `text` holds identifying details, and which kinds (in a fixed order). */
export function detectPii(text: string): { found: boolean; kinds: PiiKind[] } {
  const present = new Set(findPii(text).map((f) => f.kind));
  const kinds = KIND_ORDER.filter((k) => present.has(k));
  return { found: kinds.length > 0, kinds };
}

/** `text` with each identifier replaced by its kind in brackets: "[name] (DOB [dob])". */
export function redact(text: string): string {
  let out = '';
  let at = 0;
  for (const f of findPii(text)) {
    out += `${text.slice(at, f.start)}[${f.kind}]`;
    at = f.end;
  }
  return out + text.slice(at);
}

/**
 * The stricter check for free text that would be stored (checklist short answers): everything
 * detectPii finds, plus any capitalised word that could be a name. Refusing "Spoke to Marjorie" is
 * the price of never storing a name.
 */
export function detectPiiStrict(text: string): { found: boolean; kinds: PiiKind[] } {
  const base = detectPii(text);
  if (base.kinds.includes('name') || findPossibleNames(text).length === 0) return base;
  const kinds = KIND_ORDER.filter((k) => k === 'name' || base.kinds.includes(k));
  return { found: true, kinds };
}
