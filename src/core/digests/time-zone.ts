/** Wall-clock arithmetic in an IANA time zone with Intl only (no dependency, DST-correct). */
export interface WallTime {
  year: number;
  month: number; // 1–12
  day: number;
  hour: number;
  minute: number;
}

const formatters = new Map<string, Intl.DateTimeFormat>();

function formatter(timeZone: string): Intl.DateTimeFormat {
  let f = formatters.get(timeZone);
  if (!f) {
    f = new Intl.DateTimeFormat('en-GB', {
      timeZone,
      hourCycle: 'h23',
      year: 'numeric',
      month: 'numeric',
      day: 'numeric',
      hour: 'numeric',
      minute: 'numeric',
    });
    formatters.set(timeZone, f);
  }
  return f;
}

export function wallTimeAt(instant: Date, timeZone: string): WallTime {
  const parts: Record<string, number> = {};
  for (const p of formatter(timeZone).formatToParts(instant)) {
    if (p.type !== 'literal') parts[p.type] = Number(p.value);
  }
  return {
    year: parts.year ?? NaN,
    month: parts.month ?? NaN,
    day: parts.day ?? NaN,
    hour: parts.hour ?? NaN,
    minute: parts.minute ?? NaN,
  };
}

function asUtcMs(w: WallTime): number {
  return Date.UTC(w.year, w.month - 1, w.day, w.hour, w.minute);
}

/** Offset of the zone from UTC at an instant, in ms (BST: +3 600 000). Minute precision. */
export function offsetMs(instantMs: number, timeZone: string): number {
  const floored = Math.floor(instantMs / 60_000) * 60_000;
  return asUtcMs(wallTimeAt(new Date(floored), timeZone)) - floored;
}

const HOUR = 3_600_000;

/**
 * The instant a wall-clock time happens in a zone. When the time occurs twice (clocks go back) the
 * first occurrence wins; when it does not exist (clocks go forward) it moves forward by the gap,
 * so 01:30 on the last Sunday of March in London becomes 02:30 BST.
 */
export function wallTimeToInstant(w: WallTime, timeZone: string): Date {
  const naive = asUtcMs(w);
  const before = offsetMs(naive - 3 * HOUR, timeZone);
  const after = offsetMs(naive + 3 * HOUR, timeZone);
  const valid = [...new Set([before, after])]
    .map((o) => naive - o)
    .filter((t) => asUtcMs(wallTimeAt(new Date(t), timeZone)) === naive)
    .sort((a, b) => a - b);
  return new Date(valid[0] ?? naive - before);
}
