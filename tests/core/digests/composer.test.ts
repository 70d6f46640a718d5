import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { composeDigest, pickItem, type DigestHistoryEntry } from '../../../src/core/digests/composer.js';
import { loadDigestContent } from '../../../src/core/digests/load.js';
import type { DigestItem } from '../../../src/core/digests/pool.js';
import { shiftPeriod } from '../../../src/core/digests/schedule.js';

const contentDir = join(import.meta.dirname, '../../../content');
let pool: DigestItem[];

beforeAll(async () => {
  // Throws, listing every problem, if the pack or its digest pool is invalid.
  const content = await loadDigestContent(contentDir);
  pool = content.pool;
});

function runWeeks(
  weeks: number,
  focusTags?: string[],
  start = '2026-W48',
  items = pool,
): DigestHistoryEntry[] {
  const history: DigestHistoryEntry[] = [];
  let period = start;
  for (let i = 0; i < weeks; i++, period = shiftPeriod(period, 1)) {
    const item = pickItem(items, history, { focusTags });
    if (!item) throw new Error('empty pool');
    history.push({ itemId: item.id, period });
  }
  return history;
}

describe('digest rotation', () => {
  it('the pool has at least 52 items, so a year of weeks never repeats an item or a theme', () => {
    expect(pool.length).toBeGreaterThanOrEqual(52);
    const year = runWeeks(53);
    expect(new Set(year.map((h) => h.itemId)).size).toBe(53);
    const themes = year.map((h) => pool.find((i) => i.id === h.itemId)!.theme);
    expect(new Set(themes).size).toBe(53);
  });

  it('starts with the local audit learning, and is deterministic', () => {
    const first = runWeeks(3);
    expect(first.map((h) => pool.find((i) => i.id === h.itemId)!.collection)).toEqual([
      'nyscp-hsb-deep-dive',
      'nyscp-hsb-deep-dive',
      'nyscp-hsb-deep-dive',
    ]);
    expect(runWeeks(40)).toEqual(runWeeks(40));
  });

  it('uses every item once before any repeats, then repeats least recently used first', () => {
    const n = pool.length;
    const history = runWeeks(n * 2 + 5);
    const firstCycle = history.slice(0, n).map((h) => h.itemId);
    expect(new Set(firstCycle).size).toBe(n);
    expect(history.slice(n, 2 * n).map((h) => h.itemId)).toEqual(firstCycle);
    expect(history.slice(2 * n).map((h) => h.itemId)).toEqual(firstCycle.slice(0, 5));
  });

  it('focus tags come first, then the rest of the pool, still without repeats', () => {
    const focus = ['online', 'nudes'];
    const focused = pool.filter((i) => i.tags.some((t) => focus.includes(t)));
    expect(focused.length).toBeGreaterThan(1);
    const history = runWeeks(pool.length, focus);
    expect(new Set(history.slice(0, focused.length).map((h) => h.itemId))).toEqual(
      new Set(focused.map((i) => i.id)),
    );
    expect(new Set(history.map((h) => h.itemId)).size).toBe(pool.length);
  });

  it('spreads a shared theme apart when items repeat themes', () => {
    const base = pool.slice(0, 4).map((i, k) => ({ ...i, theme: k < 2 ? 'same' : `other-${k}` }));
    const order = runWeeks(4, undefined, '2026-W01', base).map(
      (h) => base.find((i) => i.id === h.itemId)!.theme,
    );
    expect(order).toEqual(['same', 'other-2', 'other-3', 'same']);
  });
});

describe('composeDigest', () => {
  it('builds a sourced digest Reply with ask and feedback actions', () => {
    const item = pool.find((i) => i.id === 'audit-under-10-protocol')!;
    const reply = composeDigest(item, '2026-W48', 'North Yorkshire Safeguarding Children Partnership', {
      documents: { 'nyscp-hsb-audit': { title: 'HSB deep dive audit: summary' } },
    });
    expect(reply.kind).toBe('digest');
    expect(reply.summary).toBe(item.learning);
    expect(reply.sections.map((s) => s.heading)).toEqual([
      'What it means for your practice',
      'One thing to do this week',
      'About this digest',
    ]);
    expect(reply.sections[1]!.lines).toEqual([item.thisWeek]);
    expect(reply.sections[2]!.lines[0]).toContain('Monday 23 November 2026');
    expect(reply.sources).toEqual([
      {
        id: item.id,
        title: item.title,
        document: 'HSB deep dive audit: summary',
        section: item.source.section,
      },
    ]);
    expect(reply.actions.map((a) => [a.kind, a.label, a.value])).toEqual([
      ['ask', 'Ask about this', item.ask],
      ['feedback', 'Useful', 'up'],
      ['feedback', 'Not useful', 'down'],
    ]);
    expect(reply.meta.itemIds).toEqual([item.id]);
  });
});
