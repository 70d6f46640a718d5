/**
 * Practitioners' shorthand → the words the guidance and the danger model read. The word list is
 * the content pack's `lexicon` (content owners extend it without code); the forms glued to a number
 * ("15yo", "yr8", "3.15pm") are general rules here.
 */

const escape = (s: string) => s.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&');

// Ages and school years glued to or split from their number: "15yo", "15 y/o", "12yrs", "yr8", "y 9".
const GLUED: readonly [RegExp, string][] = [
  [/\b(\d{1,2})\s*(?:yos|y\/os)(?![a-z])/gi, '$1 year olds'],
  [/\b(\d{1,2})\s*(?:yo|y\/o|y\.o\.?|yrs?\s*old|yr\/o|years?\s*old|yoa)(?![a-z])/gi, '$1 year old'],
  [/\b(\d{1,2})\s*(?:yrs|yr)\b(?!\s*(?:\d|ago|later|before|after|since))/gi, '$1 year old'],
  [/\b(?:yr|yrs)\s?(\d{1,2})s?\b|\by(\d{1,2})\b/gi, 'year $1$2'],
  // A baby's age in months or weeks: "18m old", "18mo", "6 wk old", "4 mths".
  [/\b(\d{1,2})\s*(?:m|mo|mth|mths|mnth|mnths)\s*(?:olds?\b|o\b)/gi, '$1 month old'],
  [/\b(her|his|their|the|my|our|a)\s+(\d{1,2})\s*(?:mo|mth|mths|mnths)\b/gi, '$1 $2 month old'],
  [/\b(\d{1,2})\s*(?:wk|wks|week|weeks)\s*olds?\b/gi, '$1 week old'],
  // The apostrophe left out after a family word: "stepdads here", "mums boyfriend", "babys dad".
  [
    /\b(dad|mum|mom|stepdad|stepmum|uncle|aunty|auntie|brother|sister|boyfriend|girlfriend|partner|grandad|nan|cousin|ex|baby)s (?=(?:here|there|outside|back|coming|downstairs|upstairs|still|just|boyfriend|girlfriend|partner|ex|mate|mates|friend|friends|house|flat|car|place|new|been|got|dad|mum|father|mother|in|on|cot|pram)\b)/gi,
    "$1's ",
  ],
];

export class Shorthand {
  private readonly pattern?: RegExp;
  private readonly words = new Map<string, string>();

  constructor(lexicon: Readonly<Record<string, string>>) {
    for (const [key, value] of Object.entries(lexicon)) this.words.set(key.toLowerCase(), value);
    const keys = [...this.words.keys()].sort((a, b) => b.length - a.length).map(escape);
    // A key matches as a whole word: not inside another word, not glued to letters or digits, but
    // it may open a quotation ("'hes in my room'", "'pls help'").
    if (keys.length)
      this.pattern = new RegExp(
        `(?<![\\p{L}\\p{N}])(?<![\\p{L}\\p{N}]['’])(?:${keys.join('|')})(?![\\p{L}\\p{N}])`,
        'giu',
      );
  }

  /** `text` with shorthand written out. Identifiers are untouched (they are redacted before this). */
  expand(text: string): string {
    let out = text;
    for (const [re, to] of GLUED) out = out.replace(re, to);
    if (this.pattern) out = out.replace(this.pattern, (m) => this.words.get(m.toLowerCase()) ?? m);
    return out;
  }
}
