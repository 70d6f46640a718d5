import { wallTimeAt } from '../digests/time-zone.js';

/** Calendar dates (YYYY-MM-DD) in the partnership's time zone: days and weeks for the admin report. */

const DAY_MS = 86_400_000;

const pad = (n: number) => String(n).padStart(2, '0');

/** The wall-clock date of an instant in `timeZone`. */
export function localDate(instant: Date, timeZone: string): string {
  const w = wallTimeAt(instant, timeZone);
  return `${w.year}-${pad(w.month)}-${pad(w.day)}`;
}

/** Pure calendar arithmetic (no time zone: a date is a date). */
export function addDays(date: string, days: number): string {
  return new Date(Date.parse(`${date}T00:00:00Z`) + days * DAY_MS).toISOString().slice(0, 10);
}

/** The Monday on or before `date`. */
export function mondayOf(date: string): string {
  const weekday = new Date(`${date}T00:00:00Z`).getUTCDay(); // Sunday 0 … Saturday 6
  return addDays(date, -((weekday + 6) % 7));
}

/** The Mondays of the last `count` weeks, oldest first, ending with the week holding `today`. */
export function lastWeeks(today: string, count: number): string[] {
  const current = mondayOf(today);
  return Array.from({ length: count }, (_, i) => addDays(current, -7 * (count - 1 - i)));
}

export const isDate = (s: string): boolean => /^\d{4}-\d{2}-\d{2}$/.test(s) && !Number.isNaN(Date.parse(s));
