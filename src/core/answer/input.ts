/** Cleans a raw message: strips control characters and invisible junk, collapses whitespace. */
export const MAX_QUESTION_CHARS = 2000;
/** How much of an over-long message the safety checks still read. */
export const SAFETY_SCAN_CHARS = 20_000;

/* eslint-disable no-control-regex -- control characters, replacement characters and invisible formatting: removing them is the point */
const JUNK_CHARACTERS =
  /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f-\u009f\ufffd\u200b-\u200f\u2028\u2029\ufeff]/g;
/* eslint-enable no-control-regex */

export type InputProblem = 'empty' | 'no-words' | 'too-long';

export interface CleanInput {
  text: string;
  problem?: InputProblem;
}

export function cleanInput(raw: unknown): CleanInput {
  const text = (typeof raw === 'string' ? raw : '')
    .slice(0, SAFETY_SCAN_CHARS)
    .replace(JUNK_CHARACTERS, ' ')
    .replace(/\s+/g, ' ')
    .trim();
  if (text === '') return { text, problem: 'empty' };
  if (!/[\p{L}\p{N}]{2,}/u.test(text)) return { text, problem: 'no-words' };
  if (typeof raw === 'string' && raw.length > MAX_QUESTION_CHARS) return { text, problem: 'too-long' };
  return { text };
}
