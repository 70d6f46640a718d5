import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { Reply } from '../../../src/core/reply.js';
import type { RunRecord } from '../../../src/core/checklists/run.js';
import { defById } from './helpers.js';
import { expectValidRun, expectWellFormed, setup, storedRun } from './service-helpers.js';

const USER = 'U0PROPTEST';
const DAY = 24 * 60 * 60 * 1000;

type Answer =
  | { kind: 'option'; index: number }
  | { kind: 'options'; indexes: number[] }
  | { kind: 'raw'; value: unknown };

const answer: fc.Arbitrary<Answer> = fc.oneof(
  { weight: 6, arbitrary: fc.nat(20).map((index): Answer => ({ kind: 'option', index })) },
  {
    weight: 2,
    arbitrary: fc
      .array(fc.nat(20), { maxLength: 4 })
      .map((indexes): Answer => ({ kind: 'options', indexes })),
  },
  {
    weight: 2,
    arbitrary: fc
      .oneof(
        fc.string(),
        fc.constantFrom(
          'yes',
          'no',
          '',
          ' ',
          '2026-06-01',
          '2026-13-01',
          'none,force',
          'Jayden Smith born 14/03/2015',
          'x'.repeat(400),
        ),
        fc.integer(),
        fc.boolean(),
        fc.constant(null),
        fc.constant(undefined),
        fc.array(fc.string(), { maxLength: 3 }),
        fc.object({ maxDepth: 1 }),
      )
      .map((value): Answer => ({ kind: 'raw', value })),
  },
);

type Command =
  | {
      kind: 'submit';
      card: 'latest' | 'old';
      pick: number;
      op: string;
      answer: Answer;
      tamper?: 'revision' | 'step' | 'run';
    }
  | { kind: 'start'; checklist: 'recognition' | 'referral' | 'nope' }
  | { kind: 'mine'; pick: number }
  | { kind: 'garbage'; value: unknown }
  | { kind: 'advance'; ms: number }
  | { kind: 'purge' };

const command: fc.Arbitrary<Command> = fc.oneof(
  {
    weight: 12,
    arbitrary: fc.record({
      kind: fc.constant('submit' as const),
      card: fc.constantFrom('latest' as const, 'latest' as const, 'old' as const),
      pick: fc.nat(50),
      op: fc.constantFrom(
        'answer',
        'answer',
        'answer',
        'answer',
        'back',
        'pause',
        'resume',
        'cancel',
        'bogus',
      ),
      answer,
      tamper: fc.option(fc.constantFrom('revision' as const, 'step' as const, 'run' as const), {
        nil: undefined,
      }),
    }),
  },
  {
    weight: 2,
    arbitrary: fc.record({
      kind: fc.constant('start' as const),
      checklist: fc.constantFrom('recognition' as const, 'referral' as const, 'nope' as const),
    }),
  },
  { weight: 2, arbitrary: fc.record({ kind: fc.constant('mine' as const), pick: fc.nat(20) }) },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant('garbage' as const), value: fc.anything() }) },
  {
    weight: 1,
    arbitrary: fc.record({
      kind: fc.constant('advance' as const),
      ms: fc.constantFrom(60_000, DAY, 31 * DAY),
    }),
  },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant('purge' as const) }) },
);

function answerValue(a: Answer, reply: Reply): unknown {
  const options = reply.form?.fields[0]?.options ?? [];
  if (a.kind === 'raw') return a.value;
  if (options.length === 0) {
    const type = reply.form?.fields[0]?.type;
    return type === 'date'
      ? '2026-06-0' + (((a.kind === 'option' ? a.index : 1) % 9) + 1)
      : 'a short clean note';
  }
  if (a.kind === 'option') return options[a.index % options.length]?.value;
  return a.indexes.map((i) => options[i % options.length]?.value);
}

describe('checklist runs under random, tampered and out-of-order submissions', () => {
  it('never throw, keep every stored run valid and every reply well-formed', async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(command, { minLength: 1, maxLength: 40 }), async (commands) => {
        const { service, store, clock, defs } = await setup();
        const cards: Reply[] = [await service.start(USER, 'referral')];
        let latest = cards[0] as Reply;
        for (const c of commands) {
          let reply: Reply | undefined;
          switch (c.kind) {
            case 'submit': {
              const card = c.card === 'latest' ? latest : (cards[c.pick % cards.length] as Reply);
              const state = card.form?.state ?? {
                runId: String(card.actions.find((a) => a.data?.runId)?.data?.runId ?? 'missing-run'),
              };
              const input: Record<string, unknown> = {
                ...state,
                op: c.op,
                answer: answerValue(c.answer, card),
              };
              if (c.tamper === 'revision') input.revision = Number(input.revision ?? 0) + 1;
              if (c.tamper === 'step') input.stepId = 'review-date';
              if (c.tamper === 'run') input.runId = 'aaaaaaaa-0000-0000-0000-000000000000';
              reply = await service.submit(USER, input);
              break;
            }
            case 'start':
              reply = await service.start(USER, c.checklist);
              break;
            case 'mine': {
              const mine = await service.myRuns(USER);
              expectWellFormed(mine);
              const actions = mine.actions.filter((a) => a.kind === 'submit');
              const action = actions[c.pick % Math.max(1, actions.length)];
              reply = action ? await service.submit(USER, action.data) : mine;
              break;
            }
            case 'garbage':
              reply = await service.submit(USER, c.value);
              break;
            case 'advance':
              clock.advance(c.ms);
              break;
            case 'purge':
              await service.purgeExpired();
              break;
          }
          if (!reply) continue;
          const runId = reply.form?.state.runId;
          if (reply.kind === 'checklist-step' && typeof runId === 'string') {
            const stored = await storedRun(store, USER, runId);
            expect(stored).toBeDefined();
            const run = expectValidRun(stored?.value, defs);
            expectWellFormed(reply, defById(defs, run.checklistId), run);
          } else {
            expectWellFormed(reply);
          }
          cards.push(reply);
          if (reply.form || reply.kind === 'checklist-list') latest = reply;
        }
        for (const item of await store.list<RunRecord>('checklist/')) expectValidRun(item.value, defs);
        const everything = JSON.stringify(await store.list(''));
        expect(everything).not.toContain('Jayden');
      }),
      { numRuns: 60 },
    );
  });
});
