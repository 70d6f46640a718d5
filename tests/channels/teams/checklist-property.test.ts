import { randomUUID } from 'node:crypto';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readChecklistsAndDigests } from '../../../src/core/content/checklists-and-digests.js';
import { runProblem, runRecordSchema } from '../../../src/core/checklists/run.js';
import type { ChecklistDefinition } from '../../../src/core/checklists/schema.js';
import { startCaptureServer, type CaptureServer } from '../../helpers/capture-server.js';
import { startServer, type TestServer } from '../../helpers/start-server.js';
import { cardOf, conversation, post, submit } from './activities.js';
import { cardProblems, ofType } from './card-checks.js';
import { execute, readStep, say, type Json, type StepCard, type TeamsUser } from './checklist-driver.js';

/**
 * Random, tampered and out-of-order submissions thrown at one checklist run over HTTP, through
 * both Action.Execute (invoke) and the Action.Submit fallback (message): no 5xx, every reply is a
 * valid Adaptive Card, no turn fails, and the stored run still fits its checklist definition.
 */
let cap: CaptureServer;
let s: TestServer;
let defs: Map<string, ChecklistDefinition>;

beforeAll(async () => {
  cap = await startCaptureServer();
  s = await startServer();
  defs = new Map((await readChecklistsAndDigests(s.guide.pack)).checklists.map((d) => [d.id, d]));
});
afterAll(async () => {
  await s?.stop();
  await cap?.close();
});

const junk = fc.oneof(
  fc.string({ maxLength: 40 }),
  fc.integer(),
  fc.boolean(),
  fc.constant(null),
  fc.array(fc.string({ maxLength: 10 }), { maxLength: 3 }),
  fc.constantFrom(
    'yes',
    'no',
    'under-10',
    'made',
    'held',
    '2026-02-30',
    '2026-01-01',
    'social-care,police',
    ' ',
  ),
  fc.dictionary(fc.string({ maxLength: 8 }), fc.string({ maxLength: 8 }), { maxKeys: 3 }),
);

type Cmd =
  | { kind: 'valid'; pick: number }
  | { kind: 'random'; value: unknown }
  | { kind: 'stale'; card: number; value: unknown }
  | { kind: 'button'; card: number; label: string }
  | { kind: 'tamper'; field: string; value: unknown }
  | { kind: 'garbage'; data: unknown };

const cmd: fc.Arbitrary<Cmd> = fc.oneof(
  { weight: 4, arbitrary: fc.record({ kind: fc.constant('valid' as const), pick: fc.nat(20) }) },
  { weight: 2, arbitrary: fc.record({ kind: fc.constant('random' as const), value: junk }) },
  { weight: 2, arbitrary: fc.record({ kind: fc.constant('stale' as const), card: fc.nat(50), value: junk }) },
  {
    weight: 2,
    arbitrary: fc.record({
      kind: fc.constant('button' as const),
      card: fc.nat(50),
      label: fc.constantFrom('Back', 'Pause', 'Cancel', 'Resume'),
    }),
  },
  {
    weight: 2,
    arbitrary: fc.record({
      kind: fc.constant('tamper' as const),
      field: fc.constantFrom(
        'runId',
        'stepId',
        'revision',
        'op',
        'checklistId',
        '__proto__',
        'state',
        'verb',
      ),
      value: junk,
    }),
  },
  {
    weight: 1,
    arbitrary: fc.record({ kind: fc.constant('garbage' as const), data: fc.oneof(junk, fc.object()) }),
  },
);

/** A plausible answer for the step card's input: the pick-th choice, a date, or a neutral note. */
function validAnswer(step: StepCard, pick: number): string {
  const choice = ofType(step.card, 'Input.ChoiceSet').find((i) => i.id === 'answer');
  if (choice) {
    const values = (choice.choices as Json[]).map((c) => String(c.value));
    return values[pick % values.length] as string;
  }
  if (ofType(step.card, 'Input.Date').length > 0) return '2026-01-01';
  return 'Discussed with the team';
}

/** Sends `data` as an Action.Execute or as its Action.Submit fallback; returns the reply card. */
async function send(u: TeamsUser, data: unknown, viaSubmit: boolean): Promise<Json | undefined> {
  if (!viaSubmit) {
    const { status, card } = await execute(u, data as Json);
    expect(status).toBe(200);
    return card;
  }
  const before = u.cap.for(u.conv.id as string).length;
  const value =
    data !== null && typeof data === 'object' && !Array.isArray(data) ? { ...data, verb: 'form' } : data;
  const res = await post(u.url, submit({ serviceUrl: u.cap.url, conv: u.conv, from: u.from, value }));
  expect(res.status).toBeLessThan(500);
  const captured = u.cap.for(u.conv.id as string);
  expect(captured.length).toBe(before + 1);
  return cardOf(captured[before]?.activity ?? {});
}

describe('Teams checklist: random, tampered and out-of-order submits', () => {
  it('never crash, always answer with a valid card, never corrupt the run', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.array(fc.tuple(cmd, fc.boolean()), { minLength: 1, maxLength: 14 }),
        async (cmds) => {
          const id = randomUUID();
          const u: TeamsUser = {
            url: s.url,
            cap,
            conv: conversation('personal'),
            from: { id: `29:${id}`, name: 'A Practitioner', aadObjectId: id },
          };
          const first = await say(u, 'checklist referral');
          const cards: Json[] = [first];
          let latest = readStep(first) as StepCard;
          for (const [c, viaSubmit] of cmds) {
            const old = cards[('card' in c ? c.card : 0) % cards.length] as Json;
            let data: unknown;
            switch (c.kind) {
              case 'valid':
                data = { ...latest.executeData, answer: validAnswer(latest, c.pick) };
                break;
              case 'random':
                data = { ...latest.executeData, answer: c.value };
                break;
              case 'stale':
                data = { ...(readStep(old) ?? latest).executeData, answer: c.value };
                break;
              case 'button': {
                const button = ofType(old, 'Action.Execute').find((a) => String(a.title).startsWith(c.label));
                data = button?.data ?? { ...latest.executeData, answer: c.label };
                break;
              }
              case 'tamper': {
                const state = { ...latest.state };
                if (c.field === 'state') data = { ...latest.executeData, state: c.value };
                else if (c.field === 'verb') data = { ...latest.executeData, verb: c.value };
                else data = { ...latest.executeData, state: Object.assign(state, { [c.field]: c.value }) };
                break;
              }
              case 'garbage':
                data = c.data;
                break;
            }
            const card = await send(u, data, viaSubmit);
            expect(card).toBeDefined();
            expect(cardProblems(card)).toEqual([]);
            cards.push(card as Json);
            const step = readStep(card);
            if (step) latest = step;
          }
          const items = await s.store.list<unknown>(`checklist/${encodeURIComponent(`teams:${id}`)}/`);
          for (const item of items) {
            const run = runRecordSchema.parse(item.value);
            const def = defs.get(run.checklistId);
            expect(def).toBeDefined();
            expect(runProblem(def as ChecklistDefinition, run)).toBeUndefined();
          }
        },
      ),
      { numRuns: 25 },
    );
    expect(s.logs().filter((l) => l.msg === 'teams: turn failed')).toEqual([]);
  });
});
