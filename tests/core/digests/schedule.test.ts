import { Cron } from 'croner';
import { describe, expect, it } from 'vitest';
import {
  dueInstant,
  dueNow,
  isPeriod,
  nextDue,
  periodOf,
  shiftPeriod,
  type DigestSchedule,
  type Weekday,
} from '../../../src/core/digests/schedule.js';

const LONDON = 'Europe/London';
const monday9: DigestSchedule = { day: 'monday', time: '09:00', timeZone: LONDON };

describe('ISO week periods in Europe/London', () => {
  it('names weeks by the London calendar date, including around New Year', () => {
    expect(periodOf(new Date('2026-11-23T09:00:00Z'), LONDON)).toBe('2026-W48');
    expect(periodOf(new Date('2026-12-31T12:00:00Z'), LONDON)).toBe('2026-W53');
    expect(periodOf(new Date('2027-01-04T00:30:00Z'), LONDON)).toBe('2027-W01');
    // 23:30 UTC on Sunday 28 June is 00:30 BST on Monday 29 June: already the next week in London.
    expect(periodOf(new Date('2026-06-28T23:30:00Z'), LONDON)).toBe('2026-W27');
    expect(periodOf(new Date('2026-06-28T23:30:00Z'), 'UTC')).toBe('2026-W26');
    expect(shiftPeriod('2026-W53', 1)).toBe('2027-W01');
    expect(isPeriod('2026-W53')).toBe(true);
    expect(isPeriod('2027-W53')).toBe(false);
  });
});

describe('due instants across the clock changes', () => {
  it('Monday 09:00 is 09:00 GMT in winter and 08:00 UTC in summer', () => {
    expect(dueInstant(monday9, '2026-W48').toISOString()).toBe('2026-11-23T09:00:00.000Z');
    expect(dueInstant(monday9, '2026-W27').toISOString()).toBe('2026-06-29T08:00:00.000Z');
  });

  it('Monday after the March 2026 and 2027 changes is BST; after October 2026 and 2027 is GMT', () => {
    expect(dueInstant(monday9, '2026-W13').toISOString()).toBe('2026-03-23T09:00:00.000Z'); // before 29 Mar
    expect(dueInstant(monday9, '2026-W14').toISOString()).toBe('2026-03-30T08:00:00.000Z');
    expect(dueInstant(monday9, '2026-W44').toISOString()).toBe('2026-10-26T09:00:00.000Z'); // after 25 Oct
    expect(dueInstant(monday9, '2027-W13').toISOString()).toBe('2027-03-29T08:00:00.000Z'); // after 28 Mar
    expect(dueInstant(monday9, '2027-W43').toISOString()).toBe('2027-10-25T08:00:00.000Z'); // before 31 Oct
    expect(dueInstant(monday9, '2027-W44').toISOString()).toBe('2027-11-01T09:00:00.000Z');
  });

  it('a Sunday schedule inside the missing hour moves forward; inside the repeated hour takes the first', () => {
    const sunday = (time: string): DigestSchedule => ({ day: 'sunday', time, timeZone: LONDON });
    // 29 March 2026: 01:00 GMT → 02:00 BST; 01:30 does not exist in London.
    expect(dueInstant(sunday('01:30'), '2026-W13').toISOString()).toBe('2026-03-29T01:30:00.000Z'); // 02:30 BST
    expect(dueInstant(sunday('00:30'), '2026-W13').toISOString()).toBe('2026-03-29T00:30:00.000Z');
    expect(dueInstant(sunday('03:00'), '2026-W13').toISOString()).toBe('2026-03-29T02:00:00.000Z');
    // 25 October 2026: 02:00 BST → 01:00 GMT; 01:30 happens twice, first at 00:30 UTC.
    expect(dueInstant(sunday('01:30'), '2026-W43').toISOString()).toBe('2026-10-25T00:30:00.000Z');
    expect(dueInstant(sunday('02:30'), '2026-W43').toISOString()).toBe('2026-10-25T02:30:00.000Z');
    // 28 March 2027 and 31 October 2027.
    expect(dueInstant(sunday('01:30'), '2027-W12').toISOString()).toBe('2027-03-28T01:30:00.000Z');
    expect(dueInstant(sunday('01:30'), '2027-W43').toISOString()).toBe('2027-10-31T00:30:00.000Z');
  });

  it('agrees with croner (an independent implementation) for every day and many times over two years', () => {
    const days: Weekday[] = ['monday', 'tuesday', 'wednesday', 'thursday', 'friday', 'saturday', 'sunday'];
    for (const [d, day] of days.entries()) {
      for (const time of ['00:00', '09:00', '23:59']) {
        const [h, m] = time.split(':');
        const cron = new Cron(`${Number(m)} ${Number(h)} * * ${(d + 1) % 7}`, {
          timezone: LONDON,
          paused: true,
        });
        let cursor = new Date('2026-01-01T00:00:00Z');
        for (let i = 0; i < 104; i++) {
          const next = nextDue({ day, time, timeZone: LONDON }, cursor);
          const expected = cron.nextRun(cursor);
          expect(next.at.toISOString(), `${day} ${time} after ${cursor.toISOString()}`).toBe(
            expected?.toISOString(),
          );
          cursor = next.at;
        }
      }
    }
  });
});

describe('dueNow', () => {
  const sub = { schedule: monday9, createdAt: '2026-01-01T00:00:00Z' };

  it('is due from the due instant until the grace window ends, in the right period', () => {
    expect(dueNow([sub], new Date('2026-10-26T08:59:00Z'), 48)).toEqual([]);
    expect(dueNow([sub], new Date('2026-10-26T09:00:00Z'), 48).map((d) => d.period)).toEqual(['2026-W44']);
    expect(dueNow([sub], new Date('2026-10-28T09:00:00Z'), 48).map((d) => d.period)).toEqual(['2026-W44']);
    expect(dueNow([sub], new Date('2026-10-28T09:01:00Z'), 48)).toEqual([]);
  });

  it('after downtime over the March change, the missed Monday is still due within grace', () => {
    // Down from Sunday 29 March 2026 (clocks change) until Tuesday 31 March 07:00 BST.
    const due = dueNow([sub], new Date('2026-03-31T06:00:00Z'), 48);
    expect(due.map((d) => [d.period, d.dueAt.toISOString()])).toEqual([
      ['2026-W14', '2026-03-30T08:00:00.000Z'],
    ]);
  });

  it('is never due for a week before the subscription existed', () => {
    const late = { schedule: monday9, createdAt: '2026-11-23T10:00:00Z' };
    expect(dueNow([late], new Date('2026-11-23T11:00:00Z'), 48)).toEqual([]);
    expect(dueNow([late], new Date('2026-11-30T09:00:00Z'), 48).map((d) => d.period)).toEqual(['2026-W49']);
  });
});
