import type { TextSpan } from './nhs-number.js';

const MONTH = String.raw`(?:jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?|sep(?:t(?:ember)?)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)\.?`;
const ORD = String.raw`(?:st|nd|rd|th)?`;
const DAY = String.raw`(?:0?[1-9]|[12]\d|3[01])`;
const MON_NUM = String.raw`(?:0?[1-9]|1[0-2])`;

/** Dates complete enough to be a date of birth wherever they appear (dd/mm/yyyy, 4 May 2013, May 4th 2013, 2013-05-04). */
const FULL_DATE = new RegExp(
  [
    String.raw`(?<![\d/.-])${DAY}([/.-])${MON_NUM}\1(?:\d{4}|\d{2})(?![\d/]|[.-]\d)`,
    String.raw`\b(?:19|20)\d{2}-(?:0[1-9]|1[0-2])-(?:0[1-9]|[12]\d|3[01])\b`,
    String.raw`\b${DAY}${ORD}[ \t]+(?:of[ \t]+)?${MONTH},?[ \t]+(?:19|20)\d{2}\b`,
    String.raw`\b${MONTH}[ \t]+${DAY}${ORD},?[ \t]+(?:19|20)\d{2}\b`,
  ].join('|'),
  'gi',
);

/** Partial dates that identify only next to a birth cue ("born 4th May", "DOB 04/05", "born in May 2013"). */
const PARTIAL_DATE = [
  String.raw`${DAY}[/.-]${MON_NUM}(?:[/.-](?:\d{4}|\d{2}))?(?![\d/])`,
  String.raw`${DAY}${ORD}[ \t]+(?:of[ \t]+)?${MONTH}(?:,?[ \t]+(?:19|20)\d{2})?\b`,
  String.raw`${MONTH}[ \t]+${DAY}${ORD}\b(?:,?[ \t]+(?:19|20)\d{2}\b)?`,
  String.raw`${MONTH}[ \t]+(?:19|20)\d{2}\b`,
].join('|');

const BIRTH_CUE = String.raw`(?:\bdob\b|\bd\.[ \t]?o\.[ \t]?b\b\.?|\bdate[ \t]+of[ \t]+birth\b|\bbirth[ \t]?date\b|\bborn\b|\bbirthday\b)`;
// The date is the last group so its offset is (match end − group length).
const CUED_DATE = new RegExp(
  String.raw`${BIRTH_CUE}[ \t:;,(=-]{0,4}(?:(?:is|was|on|in|of)[ \t]+){0,2}(${PARTIAL_DATE})`,
  'gi',
);

// A full date straight after these is a document or policy date, not a person's birth date.
const NOT_BIRTH_BEFORE =
  /\b(?:in force|effective|published|updated|issued|edition|version|commenc\w{0,5}|from|since|until|deadline)[ \t:,]{1,3}(?:on[ \t]+)?$/i;

export function findDates(text: string): TextSpan[] {
  const spans: TextSpan[] = [];
  for (const m of text.matchAll(CUED_DATE)) {
    const date = m[1] ?? '';
    const end = m.index + m[0].length;
    spans.push({ start: end - date.length, end });
  }
  for (const m of text.matchAll(FULL_DATE)) {
    const before = text.slice(Math.max(0, m.index - 30), m.index);
    if (NOT_BIRTH_BEFORE.test(before)) continue;
    spans.push({ start: m.index, end: m.index + m[0].length });
  }
  return spans;
}
