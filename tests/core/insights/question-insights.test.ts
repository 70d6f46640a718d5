import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { QuestionExample } from '../../../src/core/insights/question-insights.js';
import { reportToReply } from '../../../src/core/insights/report-reply.js';
import { renderPlainText } from '../../../src/cli/plain-text.js';
import { openLowdbStore, STORE_FILE } from '../../../src/core/store/lowdb-store.js';
import { MemoryStore } from '../../../src/core/store/memory-store.js';
import { EVERYTHING, findNeedles, IDENTIFIERS } from '../../privacy/identifiers.js';
import { ADMIN, askAt, guideAt, PLACE, user } from './seed.js';

describe('question insights', () => {
  it('writes nothing while answering, everything on close', async () => {
    const store = new MemoryStore();
    const { guide, clock } = await guideAt(store);
    await askAt(guide, clock, [
      ['2025-11-03T09:00:00Z', 'What is MACE?'],
      ['2025-11-03T09:01:00Z', 'recipe for chocolate cake'],
      ['2025-11-03T09:02:00Z', 'what training should volunteers have on safeguarding'],
    ]);
    expect(await store.list('')).toEqual([]);
    await guide.close();
    expect((await store.get('question-counts/2025-11-03'))?.value).toEqual({
      answered: 1,
      lowConfidence: 1,
      signposted: 1,
    });
    const log = await store.list<QuestionExample>('question-log/2025-11-03/');
    expect(log.map((e) => e.value).sort((a, b) => a.kind.localeCompare(b.kind))).toEqual([
      {
        v: 1,
        kind: 'low-confidence',
        text: 'what training should volunteers have on safeguarding',
        terms: ['safeguard', 'train', 'volunteer'],
        itemId: 'position-of-trust',
      },
      { v: 1, kind: 'signposted', text: 'recipe for chocolate cake', terms: ['cake', 'chocol', 'recip'] },
    ]);
    for (const e of log) expect(e.key).toMatch(/^question-log\/2025-11-03\/[0-9a-f-]{36}$/);
  });

  it('keeps examples questionLogDays days, pruning older ones on the first flush of a day', async () => {
    const store = new MemoryStore();
    const { guide, clock } = await guideAt(store, { questionLogDays: 3 });
    await askAt(guide, clock, [['2025-11-01T12:00:00Z', 'recipe for chocolate cake']]);
    clock.now = new Date('2025-11-01T12:00:00Z');
    await guide.report();
    await askAt(guide, clock, [['2025-11-02T12:00:00Z', 'what are the bus times to Harrogate']]);
    clock.now = new Date('2025-11-03T12:00:00Z'); // 1, 2 and 3 November: three days
    await guide.report();
    expect((await store.list('question-log/')).map((e) => e.key.slice(13, 23))).toEqual([
      '2025-11-01',
      '2025-11-02',
    ]);
    clock.now = new Date('2025-11-04T00:30:00Z'); // after midnight GMT: 1 November has expired
    const report = await guide.report();
    expect((await store.list('question-log/')).map((e) => e.key.slice(13, 23))).toEqual(['2025-11-02']);
    expect(report.questions.groups.map((g) => g.example)).toEqual(['what are the bus times to Harrogate']);
    expect(report.questions.retentionDays).toBe(3);
    // Counts are kept: only examples expire.
    expect(report.questions.totals.signposted).toBe(2);
  });

  it('questionLogDays 0 keeps counts only, and removes examples kept before', async () => {
    const store = new MemoryStore();
    const first = await guideAt(store);
    await askAt(first.guide, first.clock, [['2025-11-03T09:00:00Z', 'recipe for chocolate cake']]);
    await first.guide.close();
    expect(await store.list('question-log/')).toHaveLength(1);
    const { guide, clock } = await guideAt(store, { questionLogDays: 0 });
    await askAt(guide, clock, [['2025-11-03T09:05:00Z', 'what are the bus times to Harrogate']]);
    const report = await guide.report();
    expect(await store.list('question-log/')).toEqual([]);
    expect(report.questions.totals.signposted).toBe(2);
    expect(report.questions.groups).toEqual([]);
    expect(report.questions.retentionDays).toBe(0);
    expect(renderPlainText(reportToReply(report, 'r1'))).toMatch(/Question examples are not kept/);
  });

  it('keeps no example of escalations, commands or input problems, and never who asked', async () => {
    const store = new MemoryStore();
    const { guide, clock } = await guideAt(store);
    await askAt(guide, clock, [
      ['2025-11-03T09:00:00Z', 'Someone is dragging a child into a van outside school right now'],
      ['2025-11-03T09:01:00Z', 'help'],
      ['2025-11-03T09:02:00Z', 'my checklists'],
      ['2025-11-03T09:03:00Z', '   '],
      ['2025-11-03T09:04:00Z', 'x'.repeat(5000)],
    ]);
    await guide.close();
    expect(await store.list('question-log/')).toEqual([]);
    expect((await store.get('question-counts/2025-11-03'))?.value).toEqual({
      answered: 1,
      lowConfidence: 0,
      signposted: 0,
    });
    expect(JSON.stringify(await store.list(''))).not.toMatch(/user-\d|slack:|conv-1/);
  });
});

describe('identifiable questions (tests/privacy/identifiers.ts)', () => {
  it('leave no identifier in the store file, the report, its chat reply or its plain text', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'sg-insights-privacy-'));
    try {
      const store = await openLowdbStore(dir);
      const { guide, clock } = await guideAt(store);
      const questions = [
        EVERYTHING,
        ...Object.values(IDENTIFIERS).flatMap((v) => [
          `I'm worried about ${v}, who do I call?`,
          `what are the bus times for ${v}`,
          `how many weeks holiday do teachers get, asking for ${v}`,
          `${v.toUpperCase()} recipe for chocolate cake`,
          `WHAT IS MACE? ASKING FOR ${v.toUpperCase()}`,
        ]),
        'Spoke to Marjorie and Quillfeather about the bus times',
        'recipe for cake from Wrenfield Bakery, case ref CR20231234',
      ];
      await askAt(
        guide,
        clock,
        questions.map((q, i) => [`2025-11-03T09:${String(i % 60).padStart(2, '0')}:00Z`, q] as const),
      );
      const report = await guide.report();
      const reply = await guide.handle('report', ADMIN, PLACE);
      await guide.close();
      await store.close();

      const file = await readFile(join(dir, STORE_FILE), 'utf8');
      const examples = Object.entries(
        (JSON.parse(file) as { items: Record<string, { value: unknown }> }).items,
      )
        .filter(([k]) => k.startsWith('question-log/'))
        .map(([, v]) => v.value as QuestionExample);
      // Not vacuous: most questions were kept as redacted examples.
      expect(examples.length).toBeGreaterThanOrEqual(20);
      expect(examples.some((e) => e.text.includes('[name]'))).toBe(true);
      expect(examples.some((e) => e.text.includes('[number]'))).toBe(true);
      expect(examples.every((e) => e.text.length <= 200)).toBe(true);
      expect(report.questions.groups.length).toBeGreaterThan(2);

      expect(findNeedles(file)).toEqual([]);
      expect(findNeedles(JSON.stringify(report))).toEqual([]);
      expect(findNeedles(JSON.stringify(reply))).toEqual([]);
      expect(findNeedles(renderPlainText(reply))).toEqual([]);
      expect(file).not.toMatch(/CR20231234|user-\d+-9c2e/);
      expect(JSON.stringify(report)).not.toMatch(/user-\d+-9c2e|admin-7f3a/);
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });

  it('only admins get the report', async () => {
    const { guide } = await guideAt(new MemoryStore());
    expect((await guide.handle('report', user(1), PLACE)).title).toBe('Not available to you');
    expect((await guide.handle('report', ADMIN, PLACE)).title).toMatch(/^Partnership report: /);
  });
});
