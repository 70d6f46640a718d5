import { wallTimeAt, wallTimeToInstant } from './time-zone.js';

export const WEEKDAYS = [
  'monday',
  'tuesday',
  'wednesday',
  'thursday',
  'friday',
  'saturday',
  'sunday',
] as const;
export type Weekday = (typeof WEEKDAYS)[number];

export interface DigestSchedule {
  day: Weekday;
  /** 24-hour "HH:MM" wall-clock time in `timeZone`. */
  time: string;
  timeZone: string;
}

const DAY_MS = 86_400_000;
const PERIOD = /^(\d{4})-W(\d{2})$/;

/** Days since the epoch of a calendar date (no time zone involved). */
function dayNumber(year: number, month: number, day: number): number {
  return Math.floor(Date.UTC(year, month - 1, day) / DAY_MS);
}

function fromDayNumber(n: number): { year: number; month: number; day: number } {
  const d = new Date(n * DAY_MS);
  return { year: d.getUTCFullYear(), month: d.getUTCMonth() + 1, day: d.getUTCDate() };
}

/** ISO 8601 weekday index of a day number: Monday 0 … Sunday 6. */
function isoDayIndex(n: number): number {
  return (((n + 3) % 7) + 7) % 7; // 1970-01-01 was a Thursday
}

function periodOfDay(n: number): string {
  const thursday = n - isoDayIndex(n) + 3; // the ISO year is the year of the week's Thursday
  const isoYear = fromDayNumber(thursday).year;
  const week = Math.floor((thursday - dayNumber(isoYear, 1, 1)) / 7) + 1;
  return `${isoYear}-W${String(week).padStart(2, '0')}`;
}

/** The ISO week (e.g. "2026-W48") of the wall-clock date at `instant` in `timeZone`. */
export function periodOf(instant: Date, timeZone: string): string {
  const w = wallTimeAt(instant, timeZone);
  return periodOfDay(dayNumber(w.year, w.month, w.day));
}

export function isPeriod(value: string): boolean {
  const m = PERIOD.exec(value);
  return m !== null && periodOfDay(mondayOf(value)) === value;
}

/** Day number of the Monday of an ISO week. */
function mondayOf(period: string): number {
  const m = PERIOD.exec(period);
  if (!m) throw new RangeError(`not an ISO week: ${period}`);
  const year = Number(m[1]);
  const week = Number(m[2]);
  const jan4 = dayNumber(year, 1, 4); // 4 January is always in week 1
  return jan4 - isoDayIndex(jan4) + (week - 1) * 7;
}

export function shiftPeriod(period: string, weeks: number): string {
  return periodOfDay(mondayOf(period) + weeks * 7);
}

export function parseTime(value: string): { hour: number; minute: number } | undefined {
  const m = /^([01]?\d|2[0-3]):([0-5]\d)$/.exec(value.trim());
  return m ? { hour: Number(m[1]), minute: Number(m[2]) } : undefined;
}

/** The instant a schedule falls due in an ISO week, in the schedule's zone, across BST/GMT. */
export function dueInstant(schedule: DigestSchedule, period: string): Date {
  const time = parseTime(schedule.time);
  if (!time) throw new RangeError(`not a HH:MM time: ${schedule.time}`);
  const date = fromDayNumber(mondayOf(period) + WEEKDAYS.indexOf(schedule.day));
  return wallTimeToInstant({ ...date, ...time }, schedule.timeZone);
}

/** The next due instant strictly after `now`. */
export function nextDue(schedule: DigestSchedule, now: Date): { period: string; at: Date } {
  let period = shiftPeriod(periodOf(now, schedule.timeZone), -1);
  for (let i = 0; i < 3; i++, period = shiftPeriod(period, 1)) {
    const at = dueInstant(schedule, period);
    if (at.getTime() > now.getTime()) return { period, at };
  }
  throw new Error('unreachable: a weekly schedule is due within two weeks');
}

export interface DueEntry<S> {
  sub: S;
  period: string;
  dueAt: Date;
}

/**
 * Subscriptions whose digest for a period fell due at or before `now` and no more than
 * `graceHours` ago (so a digest missed during downtime still goes out once on start-up, but a
 * stale one is not posted days late), and not before the subscription existed. The ledger decides
 * whether each one was already sent.
 */
export function dueNow<S extends { schedule: DigestSchedule; createdAt: string }>(
  subscriptions: readonly S[],
  now: Date,
  graceHours: number,
): DueEntry<S>[] {
  const due: DueEntry<S>[] = [];
  const graceMs = graceHours * 3_600_000;
  for (const sub of subscriptions) {
    const current = periodOf(now, sub.schedule.timeZone);
    const weeksBack = Math.ceil(graceMs / (7 * DAY_MS)) + 1;
    const created = Date.parse(sub.createdAt);
    for (let back = weeksBack; back >= 0; back--) {
      const period = shiftPeriod(current, -back);
      const dueAt = dueInstant(sub.schedule, period);
      const age = now.getTime() - dueAt.getTime();
      if (age >= 0 && age <= graceMs && dueAt.getTime() >= created) due.push({ sub, period, dueAt });
    }
  }
  return due.sort((a, b) => a.dueAt.getTime() - b.dueAt.getTime());
}
