/** A span of text identified as something, as UTF-16 offsets (`text.slice(start, end)`). */
export interface TextSpan {
  start: number;
  end: number;
}

const WEIGHTS = [10, 9, 8, 7, 6, 5, 4, 3, 2] as const;

/**
 * The modulus-11 check digit for a 9-digit NHS number stem, or undefined when the stem can never be
 * valid (remainder gives 10) or is not nine digits.
 */
export function nhsCheckDigit(stem: string): number | undefined {
  if (!/^\d{9}$/.test(stem)) return undefined;
  let sum = 0;
  for (let i = 0; i < 9; i++) sum += Number(stem.charCodeAt(i) - 48) * (WEIGHTS[i] ?? 0);
  const check = 11 - (sum % 11);
  if (check === 11) return 0;
  if (check === 10) return undefined;
  return check;
}

/** True when `digits` (spaces and hyphens allowed) is ten digits whose last passes the modulus-11 check. */
export function isValidNhsNumber(digits: string): boolean {
  const plain = digits.replace(/[\s-]/g, '');
  if (!/^\d{10}$/.test(plain)) return false;
  const check = nhsCheckDigit(plain.slice(0, 9));
  return check !== undefined && check === Number(plain.charCodeAt(9) - 48);
}

// 3-3-4 with one consistent separator (none, space or hyphen), not inside a longer digit run.
const TEN_DIGITS = /(?<![\d-])(\d{3})([ -]?)(\d{3})\2(\d{4})(?![\d]|-\d)/g;

// "NHS no", "NHS number:", "nhs #" just before the digits. A number the writer labels as an NHS number
// identifies the patient even when a digit was mistyped, so the label stands in for the check digit.
const NHS_LABEL = /\bnhs\s*(?:no\.?|num(?:ber)?|#)?\s*[:=-]?\s*$/i;

/**
 * Every 10-digit sequence (1234567890, 123 456 7890, 123-456-7890) in `text` that is a valid NHS
 * number, or that follows an NHS-number label.
 */
export function findNhsNumbers(text: string): TextSpan[] {
  const spans: TextSpan[] = [];
  for (const m of text.matchAll(TEN_DIGITS)) {
    const labelled = NHS_LABEL.test(text.slice(Math.max(0, m.index - 16), m.index));
    if (labelled || isValidNhsNumber(`${m[1]}${m[3]}${m[4]}`))
      spans.push({ start: m.index, end: m.index + m[0].length });
  }
  return spans;
}
