import type { TextSpan } from './nhs-number.js';

function spans(text: string, re: RegExp, keep?: (m: RegExpExecArray) => boolean): TextSpan[] {
  const out: TextSpan[] = [];
  for (const m of text.matchAll(re)) {
    if (!keep || keep(m)) out.push({ start: m.index, end: m.index + m[0].length });
  }
  return out;
}

const EMAIL = /(?<![\w.%+-])[\w.%+-]{1,64}@[a-z\d-]{1,63}(?:\.[a-z\d-]{1,63}){1,8}/gi;

// UK numbers: +44 / 0044 / 0 prefix, then the national formats (mobile 07xxx xxxxxx, 01xxx xxxxx(x),
// 01x1 / 011x xxx xxxx, 02x xxxx xxxx, 03/08/09xx xxx xxxx). Separators: optional single space or hyphen.
const S = String.raw`[ \t-]?`;
const PHONE = new RegExp(
  String.raw`(?<![\d+])(?:(?:\+|00)44${S}(?:\(0\)${S})?|\(?0)` +
    String.raw`(?:7\d{3}\)?${S}\d{3}${S}\d{3}` +
    String.raw`|1\d{3}\)?${S}\d{5,6}` +
    String.raw`|1\d{3}\)?${S}\d{3}${S}\d{2,3}` +
    String.raw`|1\d1\)?${S}\d{3}${S}\d{4}` +
    String.raw`|11\d\)?${S}\d{3}${S}\d{4}` +
    String.raw`|2\d\)?${S}\d{4}${S}\d{4}` +
    String.raw`|[389]\d{2}\)?${S}\d{3}${S}\d{4})(?![\d])`,
  'g',
);

// The domain brief's postcode pattern, with word boundaries, case-insensitive.
const POSTCODE = /\b[A-Z]{1,2}[0-9R][0-9A-Z]? ?[0-9][ABD-HJLNP-UW-Z]{2}\b/gi;
// "Y6 1st", "KS2 4th": lower-case ordinals after a school year are not inward codes.
const ORDINAL_INWARD = /(?:1st|2nd|3rd|[4-9]th)$/;

const STRONG_STREET = String.raw`(?:road|rd|street|st|lane|ln|avenue|ave|crescent|cres|terrace|gardens|gdns|mews|grove|boulevard)`;
const ANY_STREET = String.raw`(?:Road|Rd|Street|St|Lane|Ln|Avenue|Ave|Drive|Dr|Close|Court|Ct|Crescent|Cres|Place|Pl|Way|Terrace|Grove|Gardens|Gdns|Square|Sq|Hill|Row|Walk|Mews|Park|View|Rise|Green|Parade|Vale|Wynd|Gate|Fold|Garth|Croft|Meadows?|Bank|Side|Lea|End|Yard|Approach|Boulevard|Broadway|Causeway|Estate)`;
const FLAT = String.raw`(?:(?:[Ff]lat|[Aa]partment|[Aa]pt|[Uu]nit)\.?[ \t]+\d{1,4}[A-Za-z]?,?[ \t]+)?`;
const HOUSE_NO = String.raw`\b\d{1,4}[A-Za-z]?,?[ \t]+`;
// "14 Station Road", "Flat 2, 3 Mill Lane": capitalised street names before any street word.
const ADDRESS_CAPS = new RegExp(
  String.raw`${FLAT}${HOUSE_NO}(?:[A-Z][a-z'’-]{1,20}[ \t]+){1,3}${ANY_STREET}\b`,
  'g',
);
// "14 station road": lower-case only with an unambiguous street word.
const ADDRESS_LOWER = new RegExp(
  String.raw`${FLAT}${HOUSE_NO}((?:[a-z][a-z'’-]{1,20}[ \t]+){1,3})${STRONG_STREET}\b`,
  'gi',
);
const NOT_STREET_NAME =
  /\b(?:years?|yrs?|old|months?|weeks?|days?|hours?|minutes?|mins?|times?|miles?|pupils?|children|kids|boys?|girls?|people|of|the|and|in|on|at|to|a)\b/i;

export const findEmails = (text: string): TextSpan[] => spans(text, EMAIL);
export const findPhones = (text: string): TextSpan[] => spans(text, PHONE);
export const findPostcodes = (text: string): TextSpan[] =>
  spans(text, POSTCODE, (m) => !ORDINAL_INWARD.test(m[0]));
export const findAddresses = (text: string): TextSpan[] => [
  ...spans(text, ADDRESS_CAPS),
  ...spans(text, ADDRESS_LOWER, (m) => !NOT_STREET_NAME.test(m[1] ?? '')),
];
