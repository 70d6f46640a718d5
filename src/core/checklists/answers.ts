import type { AnswerValue } from './conditions.js';
import { DEFAULT_TEXT_MAX, stepOptions, type ChecklistStep } from './schema.js';

export type AnswerResult = { ok: true; value: AnswerValue | null } | { ok: false; message: string };

const DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

function isEmpty(raw: unknown): boolean {
  return (
    raw === undefined ||
    raw === null ||
    (typeof raw === 'string' && raw.trim() === '') ||
    (Array.isArray(raw) && raw.length === 0)
  );
}

export function isCalendarDate(value: string): boolean {
  const m = DATE.exec(value);
  if (!m) return false;
  const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
  const date = new Date(Date.UTC(y, mo - 1, d));
  return y >= 2000 && y <= 2100 && date.getUTCMonth() === mo - 1 && date.getUTCDate() === d;
}

export function textLimit(s: ChecklistStep): number {
  return s.maxLength ?? DEFAULT_TEXT_MAX;
}

/**
 * A date step with `earliest: today` refuses a date before `today` (YYYY-MM-DD in the partnership's
 * time zone). Checked when the answer is given, not on stored runs: a review date passes with time.
 */
export function dateTooEarly(s: ChecklistStep, value: AnswerValue | null, today: string): string | undefined {
  if (s.type !== 'date' || s.earliest !== 'today' || typeof value !== 'string') return undefined;
  return value < today
    ? 'That date is in the past. Please choose today or a later date, or leave it blank.'
    : undefined;
}

/**
 * Reads a submitted value for a step: a multi choice is a list (channels decode their own wire
 * forms), a yes/no a string or a boolean. Anything that is not a valid answer gets a message that
 * says what is expected (never echoing the value back).
 */
export function readAnswer(s: ChecklistStep, raw: unknown): AnswerResult {
  if (isEmpty(raw)) {
    return s.required
      ? { ok: false, message: 'Please answer this step before going on.' }
      : { ok: true, value: null };
  }
  const values = new Set(stepOptions(s).map((o) => o.value));
  switch (s.type) {
    case 'yesno': {
      const v = raw === true ? 'yes' : raw === false ? 'no' : raw;
      return typeof v === 'string' && values.has(v.trim())
        ? { ok: true, value: v.trim() }
        : { ok: false, message: 'Please choose Yes or No.' };
    }
    case 'single':
      return typeof raw === 'string' && values.has(raw.trim())
        ? { ok: true, value: raw.trim() }
        : {
            ok: false,
            message: "That isn't one of the choices for this step. Please choose one of the options.",
          };
    case 'multi': {
      const list = typeof raw === 'string' ? [raw] : Array.isArray(raw) ? raw : undefined;
      if (!list || list.some((v) => typeof v !== 'string' || !values.has(v.trim()))) {
        return {
          ok: false,
          message: "That isn't one of the choices for this step. Please choose from the options.",
        };
      }
      const chosen = new Set(list.map((v) => (v as string).trim()));
      const ordered = stepOptions(s).filter((o) => chosen.has(o.value));
      const exclusive = ordered.find((o) => o.exclusive);
      if (exclusive && ordered.length > 1) {
        return { ok: false, message: `"${exclusive.label}" can't be chosen together with other options.` };
      }
      return { ok: true, value: ordered.map((o) => o.value) };
    }
    case 'date':
      return typeof raw === 'string' && isCalendarDate(raw.trim())
        ? { ok: true, value: raw.trim() }
        : { ok: false, message: 'Please give a date as year-month-day, for example 2026-05-01.' };
    case 'text': {
      if (typeof raw !== 'string') return { ok: false, message: 'Please type a short answer.' };
      const text = raw.trim();
      // Control characters other than line breaks and tabs have no place in a note.
      // eslint-disable-next-line no-control-regex -- matching control characters is the point here
      if (/[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F]/.test(text)) {
        return { ok: false, message: 'That answer contains characters I cannot store. Please retype it.' };
      }
      if (text.length > textLimit(s)) {
        return { ok: false, message: `Please keep this answer under ${textLimit(s)} characters.` };
      }
      return { ok: true, value: text };
    }
  }
}
