import { describe, expect, it } from 'vitest';
import { ConflictError } from '../../../src/core/errors.js';
import { MemoryStore } from '../../../src/core/store/memory-store.js';
import type { PutOptions } from '../../../src/core/store/store.js';
import type { ChecklistStats } from '../../../src/core/checklists/stats.js';
import type { Reply } from '../../../src/core/reply.js';
import { defById } from './helpers.js';
import {
  expectValidRun,
  expectWellFormed,
  runIdOf,
  setup,
  storedRun,
  submission,
} from './service-helpers.js';

const USER = '29:1AbC-teams-user';
const MINUTE = 60_000;
const DAY = 24 * 60 * MINUTE;

/** Referral answers for the under-10 route (see engine.test.ts), in the order the steps come. */
const UNDER_10: Record<string, unknown> = {
  'immediate-danger': 'no',
  dsl: 'yes',
  recorded: 'yes',
  'child-age': 'under-10',
  'what-alleged': 'sexual-assault',
  'social-care-referral': 'made',
  police: 'reported',
  'under-10-protocol': 'discussed',
  parents: 'agreed',
  processes: 'none',
  'strategy-meeting': 'held',
  'strategy-agencies': ['social-care', 'police', 'health', 'education'],
  'harmed-child': 'yes',
  'csaac-harmed': 'requested',
  'csaac-accused': 'not-yet',
  'therapeutic-support': 'in-place',
  'safety-plan': 'in-place',
  'family-cooperation': 'confident',
  'review-date': '2026-06-01',
  notes: '',
};

async function answerAll(
  service: Awaited<ReturnType<typeof setup>>['service'],
  first: Reply,
  answers: Record<string, unknown>,
  clock?: { advance(ms: number): void },
) {
  let reply = first;
  while (reply.kind === 'checklist-step') {
    const stepId = String(reply.form?.state.stepId);
    if (!(stepId in answers)) throw new Error(`no answer for ${stepId}`);
    clock?.advance(MINUTE);
    reply = await service.submit(USER, submission(reply, answers[stepId]));
    expect(reply.warnings.filter((w) => w.level === 'caution')).toEqual([]);
  }
  return reply;
}

describe('ChecklistService', () => {
  it('lists the checklists with an action to start each', async () => {
    const { service } = await setup();
    const reply = service.list();
    expectWellFormed(reply);
    expect(reply.kind).toBe('checklist-list');
    expect(reply.actions.map((a) => a.value).sort()).toEqual(['checklist recognition', 'checklist referral']);
  });

  it('runs the referral checklist to a summary, with progress, contacts, a copyable record and timeliness stats', async () => {
    const { service, store, clock, defs } = await setup();
    const first = await service.start(USER, 'referral');
    expectWellFormed(first);
    expect(first.form?.progress).toBe('Step 1 of about 28'); // the longest route: danger, 999, … images, challenge, … bail, GP, … AIM, notes
    const runId = runIdOf(first);
    const summary = await answerAll(service, first, UNDER_10, clock);

    expectWellFormed(summary);
    expect(summary.kind).toBe('checklist-summary');
    const record = summary.sections.find((s) => s.heading.startsWith('For your case record'));
    const text = record?.lines.join('\n') ?? '';
    expect(text).toContain(
      'What is the most serious thing that is alleged, or that you know happened? Rape, assault by penetration or sexual assault',
    );
    expect(text).toContain('When will the plan be reviewed? 1 June 2026');
    // Answered as discussed: recorded as an answer, not turned into an action to ask about it.
    expect(text).toContain(
      'Have you asked the police whether their Under 10 Protocol applies to this case? Yes, it has been discussed with the police',
    );
    expect(text).not.toContain('Ask the police whether their Under 10 Protocol applies');
    expect(text).toContain(
      'Children accused of sexual offences can also be referred to the Child Sexual Assault Assessment Centre (CSAAC)',
    );
    expect(text).toContain('Started 4 May 2026, 10:00; finished 4 May 2026, 10:20.'); // Europe/London is UTC+1 in May
    // An unset local number is a signpost, never invented.
    expect(text).toContain(
      "Child Sexual Assault Assessment Centre (CSAAC): Requested through the police or children's social care.",
    );
    expect(summary.contacts.map((c) => c.name)).toContain('Child Sexual Assault Assessment Centre (CSAAC)');
    expect(summary.sources.map((s) => s.id)).toContain('csaac-children-accused');

    const stored = await storedRun(store, USER, runId);
    const run = expectValidRun(stored?.value, defs);
    expect(run.status).toBe('completed');

    const stats = (await store.get<ChecklistStats>(`checklist-stats/${runId}`))?.value;
    expect(stats).toMatchObject({
      checklistId: 'referral',
      status: 'completed',
      startedOn: '2026-05-04',
      skipped: ['notes'],
    });
    expect(stats?.milestones).toEqual({
      'referral-made': 6 * MINUTE,
      'police-informed': 7 * MINUTE,
      'strategy-meeting-held': 11 * MINUTE,
    });
    expect(JSON.stringify(stats)).not.toContain('1AbC');

    // Reading it again shows the summary; my checklists lists it as finished.
    expect((await service.current(USER, runId)).kind).toBe('checklist-summary');
    const mine = await service.myRuns(USER);
    expect(mine.sections.map((s) => s.heading)).toEqual(['Finished']);
  });

  it('goes back a step with the earlier answer filled in, and a changed answer takes the other branch', async () => {
    const { service, store, defs } = await setup();
    let reply = await service.start(USER, 'referral');
    const runId = runIdOf(reply);
    reply = await service.submit(USER, submission(reply, 'yes'));
    expect(reply.form?.state.stepId).toBe('emergency-call');
    reply = await service.submit(USER, { ...reply.form?.state, op: 'back' });
    expectWellFormed(reply);
    expect(reply.form?.state.stepId).toBe('immediate-danger');
    expect(reply.form?.fields[0]?.value).toBe('yes');
    reply = await service.submit(USER, submission(reply, 'no'));
    expect(reply.form?.state.stepId).toBe('dsl');
    expect(reply.form?.progress).toBe('Step 2 of about 27'); // the 999 step is no longer on the route
    const run = expectValidRun((await storedRun(store, USER, runId))?.value, defs);
    expect(run.path).toEqual(['immediate-danger', 'dsl']);
    expect(run.revision).toBe(3);
    // Back on the first step is a no-op with a note.
    reply = await service.submit(USER, { ...reply.form?.state, op: 'back' });
    reply = await service.submit(USER, { ...reply.form?.state, op: 'back' });
    expect(reply.warnings[0]?.title).toBe('This is the first step');
  });

  it('drops a milestone when going back undoes it', async () => {
    const { service, store } = await setup();
    let reply = await service.start(USER, 'referral');
    const runId = runIdOf(reply);
    // Up to and including the referral step (the answers are in step order).
    const upToReferral = Object.keys(UNDER_10);
    for (const id of upToReferral.slice(0, upToReferral.indexOf('social-care-referral') + 1)) {
      reply = await service.submit(USER, submission(reply, UNDER_10[id]));
    }
    expect((await storedRun(store, USER, runId))?.value.milestones).toHaveProperty('referral-made');
    reply = await service.submit(USER, { ...reply.form?.state, op: 'back' });
    reply = await service.submit(USER, submission(reply, 'planned'));
    expect((await storedRun(store, USER, runId))?.value.milestones).toEqual({});
    expect((await store.get<ChecklistStats>(`checklist-stats/${runId}`))?.value.milestones).toEqual({});
  });

  it('pauses, lists under my checklists, and resumes on another device', async () => {
    const { service } = await setup();
    let reply = await service.start(USER, 'recognition');
    reply = await service.submit(USER, submission(reply, '5-to-9'));
    const card = reply;
    const paused = await service.submit(USER, { ...card.form?.state, op: 'pause' });
    expectWellFormed(paused);
    expect(paused.title).toBe('Checklist paused');
    const mine = await service.myRuns(USER);
    expectWellFormed(mine);
    expect(mine.sections[0]?.lines[0]).toMatch(
      /^Recognising harmful sexual behaviour: step 2 of about \d+, started .*\(paused\)$/,
    );
    const resume = mine.actions.find((a) => a.value === 'resume');
    // "Another device": only the action's data, no card state.
    const resumed = await service.submit(USER, resume?.data);
    expectWellFormed(resumed);
    expect(resumed.form?.state).toEqual(card.form?.state);
    expect((await service.myRuns(USER)).sections[0]?.lines[0]).not.toContain('(paused)');
  });

  it('my checklists: up to three runs get buttons; eight are one choice of run and one of what to do', async () => {
    const { service, store } = await setup();
    const ids: string[] = [];
    for (let i = 0; i < 3; i++)
      ids.push(runIdOf(await service.start(USER, i % 2 ? 'referral' : 'recognition')));
    const few = await service.myRuns(USER);
    expect(few.form).toBeUndefined();
    expect(few.actions.filter((a) => a.kind === 'submit')).toHaveLength(6);

    for (let i = 3; i < 8; i++)
      ids.push(runIdOf(await service.start(USER, i % 2 ? 'referral' : 'recognition')));
    const many = await service.myRuns(USER);
    expectWellFormed(many);
    expect(many.actions.filter((a) => a.kind === 'submit')).toEqual([]);
    const [which, what] = many.form?.fields ?? [];
    expect(which).toMatchObject({ id: 'runId', type: 'single', required: true });
    expect(which?.options?.map((o) => o.value).sort()).toEqual([...ids].sort());
    expect(what?.options?.map((o) => o.value)).toEqual(['resume', 'cancel']);

    // The form's values are the submission: any of the eight can be resumed or cancelled.
    const oldest = ids[0] as string;
    const resumed = await service.submit(USER, { ...many.form?.state, runId: oldest, op: 'resume' });
    expect(resumed.kind).toBe('checklist-step');
    expect(resumed.form?.state.runId).toBe(oldest);
    const cancelled = await service.submit(USER, { ...many.form?.state, runId: ids[5], op: 'cancel' });
    expect(cancelled.title).toBe('Checklist cancelled');
    expect(await storedRun(store, USER, ids[5] as string)).toBeUndefined();
    expect((await service.myRuns(USER)).form?.fields[0]?.options).toHaveLength(7);
  });

  it('cancels: the run is deleted and the cancellation counted without identity', async () => {
    const { service, store } = await setup();
    const reply = await service.start(USER, 'recognition');
    const runId = runIdOf(reply);
    const cancelled = await service.submit(USER, { ...reply.form?.state, op: 'cancel' });
    expect(cancelled.title).toBe('Checklist cancelled');
    expect(await storedRun(store, USER, runId)).toBeUndefined();
    expect((await store.get<ChecklistStats>(`checklist-stats/${runId}`))?.value.status).toBe('cancelled');
    const again = await service.current(USER, runId);
    expect(again.title).toBe('This checklist is no longer available');
  });

  it('expires runs 30 days after the last change, on read and by purge', async () => {
    const { service, store, clock } = await setup();
    const reply = await service.start(USER, 'recognition');
    const runId = runIdOf(reply);
    clock.advance(29 * DAY);
    expect((await service.current(USER, runId)).kind).toBe('checklist-step');
    expect(await service.purgeExpired()).toBe(0);
    clock.advance(1 * DAY);
    const expired = await service.current(USER, runId);
    expect(expired.kind).toBe('notice');
    expect(expired.summary).toMatch(/expired/);
    expect((await service.myRuns(USER)).summary).toBe('You have no checklists in progress.');
    expect(await service.submit(USER, submission(reply, '5-to-9'))).toMatchObject({ kind: 'notice' });
    expect(await service.purgeExpired()).toBe(1);
    expect(await storedRun(store, USER, runId)).toBeUndefined();
  });

  it('answers a stale card with "out of date" and the current step, changing nothing', async () => {
    const { service, store } = await setup();
    const first = await service.start(USER, 'referral');
    const runId = runIdOf(first);
    const second = await service.submit(USER, submission(first, 'no'));
    const before = await storedRun(store, USER, runId);
    const stale = await service.submit(USER, submission(first, 'yes'));
    expectWellFormed(stale);
    expect(stale.warnings[0]?.title).toBe('This card is out of date');
    expect(stale.form?.state).toEqual(second.form?.state);
    expect((await storedRun(store, USER, runId))?.eTag).toBe(before?.eTag);
    // A card from the right step with a wrong revision is stale too.
    const forged = await service.submit(USER, { ...second.form?.state, revision: 0, answer: 'yes' });
    expect(forged.warnings[0]?.title).toBe('This card is out of date');
  });

  it('two racing clicks on the same card advance the run once', async () => {
    const { service, store, defs } = await setup();
    const first = await service.start(USER, 'referral');
    const runId = runIdOf(first);
    const replies = await Promise.all([
      service.submit(USER, submission(first, 'no')),
      service.submit(USER, submission(first, 'yes')),
    ]);
    const run = expectValidRun((await storedRun(store, USER, runId))?.value, defs);
    expect(run.revision).toBe(1);
    expect(run.path).toHaveLength(2);
    expect(
      replies.filter((r) => r.warnings.some((w) => w.title === 'This card is out of date')),
    ).toHaveLength(1);
    for (const r of replies) expect(r.form?.state.stepId).toBe(run.path[1]);
  });

  it('a write that loses the eTag race gets the current step, not a corrupted run', async () => {
    // Another writer (a second server process) updates the run between our read and our write.
    class RacingStore extends MemoryStore {
      raced = false;
      override async put<T>(key: string, value: T, options?: PutOptions): Promise<string> {
        if (!this.raced && key.startsWith('checklist/') && options?.ifMatch) {
          this.raced = true;
          const current = await this.get<Record<string, unknown>>(key);
          await super.put(key, { ...current?.value, status: 'paused' }, { ifMatch: current?.eTag });
        }
        return super.put(key, value, options);
      }
    }
    const store = new RacingStore();
    const { service, defs } = await setup(store);
    const first = await service.start(USER, 'referral');
    const reply = await service.submit(USER, submission(first, 'no'));
    expect(store.raced).toBe(true);
    expect(reply.warnings[0]?.title).toBe('This card is out of date');
    expect(reply.form?.state.stepId).toBe('immediate-danger');
    const run = expectValidRun((await storedRun(store, USER, runIdOf(first)))?.value, defs);
    expect(run).toMatchObject({ status: 'paused', revision: 0, answers: {} });
    await expect(store.put('x', 1, { ifMatch: 'nope' })).rejects.toBeInstanceOf(ConflictError);
  });

  it.each([
    ['an option that does not exist', 'referral', '', 'maybe', /Yes or No/],
    ['a value of the wrong type', 'referral', '', { $gt: '' }, /Yes or No/],
    ['a missing required answer', 'referral', '', '', /Please answer this step/],
    ['an impossible date', 'referral', 'review-date', '2026-02-30', /year-month-day/],
    ['a review date in the past', 'referral', 'review-date', '2026-05-03', /in the past/],
    [
      'a multi choice with "none" and another option',
      'recognition',
      'context',
      ['none', 'force'],
      /can't be chosen together/,
    ],
    [
      'a multi choice value not offered',
      'recognition',
      'context',
      ['force', 'rocket'],
      /isn't one of the choices/,
    ],
    ['a text answer that is too long', 'recognition', 'notes', 'x'.repeat(301), /under 300 characters/],
  ] as const)(
    'refuses %s with a clear message and stores nothing',
    async (_name, checklistId, stepId, value, message) => {
      const { service, store, defs } = await setup();
      let reply = await service.start(USER, checklistId);
      if (stepId.length > 0) reply = await walkTo(service, reply, checklistId, stepId);
      const before = await storedRun(store, USER, runIdOf(reply));
      const refused = await service.submit(USER, submission(reply, value));
      expectWellFormed(refused, defById(defs, checklistId), before?.value);
      // Why is on the field itself, for the channel to show there.
      expect(refused.form?.fields[0]?.error).toMatch(message);
      expect(refused.warnings).toEqual([]);
      expect((await storedRun(store, USER, runIdOf(reply)))?.eTag).toBe(before?.eTag);
    },
  );

  it('takes today as a review date, judged in the partnership time zone, and still allows leaving it blank', async () => {
    const { service, store, clock } = await setup();
    let reply = await service.start(USER, 'referral');
    reply = await walkTo(service, reply, 'referral', 'review-date');
    // 23:30 UTC on 4 May is already 5 May in London (BST), so 4 May is now in the past.
    clock.advance(14.5 * 60 * MINUTE);
    const refused = await service.submit(USER, submission(reply, '2026-05-04'));
    expect(refused.form?.fields[0]?.error).toMatch(/in the past/);
    expect(refused.form?.state.stepId).toBe('review-date');
    const today = await service.submit(USER, submission(refused, '2026-05-05'));
    expect(today.form?.fields[0]?.error).toBeUndefined();
    expect(today.form?.state.stepId).toBe('notes');
    const back = await service.submit(USER, { ...today.form?.state, op: 'back' });
    const blank = await service.submit(USER, submission(back, ''));
    expect(blank.form?.state.stepId).toBe('notes');
    expect((await storedRun(store, USER, runIdOf(reply)))?.value.answers['review-date']).toBeNull();
  });

  it('the summary lists each action once to read and once in the record, with no hint text from the steps', async () => {
    const { service, defs } = await setup();
    const summary = await answerAll(service, await service.start(USER, 'referral'), UNDER_10);
    expect(summary.steps).toEqual([]);
    const record = summary.sections.find((s) => s.heading.startsWith('For your case record'));
    const shown = summary.sections.filter((s) => s !== record).flatMap((s) => s.lines);
    const actions = summary.sections.find((s) => s.heading === 'Recommended actions')?.lines ?? [];
    expect(actions.length).toBeGreaterThan(3);
    for (const action of actions) {
      expect(shown.filter((l) => l === action)).toHaveLength(1);
      expect(record?.lines.filter((l) => l.endsWith(` ${action}`))).toHaveLength(1);
    }
    const text = [...shown, ...(record?.lines ?? [])].join('\n');
    for (const step of defById(defs, 'referral').steps) {
      if (step.help) expect(text).not.toContain(step.help.slice(0, 40));
    }
    expect(text).not.toContain('Choose all that apply');
    expect(text).not.toContain('A few words');
  });

  it('refuses identifying details in a short-text answer, says why, and stores none of it', async () => {
    const { service, store } = await setup();
    let reply = await service.start(USER, 'recognition');
    reply = await walkTo(service, reply, 'recognition', 'notes');
    const text = 'Jayden Smith, born 14/03/2015, NHS number 943 476 5919';
    const refused = await service.submit(USER, submission(reply, text));
    expect(refused.meta.pii).toBe(true);
    expect(refused.form?.fields[0]?.error).toMatch(/^Not saved: this looks like identifying details\./);
    expect(refused.form?.fields[0]?.error).toMatch(/an NHS number/);
    expect(JSON.stringify(refused)).not.toContain('943 476 5919');
    const everything = JSON.stringify(await store.list(''));
    for (const part of ['Jayden', '943 476 5919', '14/03/2015']) expect(everything).not.toContain(part);
    // A clean note is accepted and appears in the summary.
    const done = await service.submit(USER, submission(reply, 'Seen in the playground at lunch'));
    expect(done.kind).toBe('checklist-summary');
    expect(done.sections.at(-1)?.lines.join('\n')).toContain('Seen in the playground at lunch');
  });

  it('keeps users apart and answers unreadable submissions without throwing', async () => {
    const { service } = await setup();
    const reply = await service.start(USER, 'recognition');
    expect((await service.submit('someone-else', submission(reply, '5-to-9'))).title).toBe(
      'This checklist is no longer available',
    );
    for (const bad of [
      null,
      42,
      'text',
      [],
      {},
      { runId: '../../etc' },
      { runId: runIdOf(reply), op: 'explode' },
    ]) {
      const r = await service.submit(USER, bad);
      expectWellFormed(r);
      expect(r.kind).toBe('error');
    }
    const unknown = await service.start(USER, 'no-such-checklist');
    expect(unknown.kind).toBe('checklist-list');
    expect(unknown.warnings[0]?.title).toBe('No checklist by that name');
  });
});

const PATH_ANSWERS: Record<string, Record<string, unknown>> = {
  referral: { ...UNDER_10 },
  recognition: {
    'age-band': '10-to-12',
    'what-happened': ['sexual-talk'],
    'other-child': 'no',
    context: ['none'],
    online: 'no',
    continuum: 'normal',
    'talked-to-dsl': 'yes',
    recorded: 'yes',
  },
};

async function walkTo(
  service: Awaited<ReturnType<typeof setup>>['service'],
  reply: Reply,
  checklistId: string,
  stepId: string,
): Promise<Reply> {
  let r = reply;
  while (r.form?.state.stepId !== stepId) {
    const current = String(r.form?.state.stepId);
    r = await service.submit(USER, submission(r, PATH_ANSWERS[checklistId]?.[current]));
    if (r.kind !== 'checklist-step') throw new Error(`did not reach ${stepId}`);
  }
  return r;
}
