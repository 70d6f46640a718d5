import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { evaluate, type AnswerValue, type Answers } from '../../../src/core/checklists/conditions.js';
import { readAnswer } from '../../../src/core/checklists/answers.js';
import { findStep, nextRule, progress, recommendedOutcomes } from '../../../src/core/checklists/engine.js';
import { loadChecklists } from '../../../src/core/checklists/load.js';
import { END, type ChecklistDefinition } from '../../../src/core/checklists/schema.js';
import { CHECKLIST_DIR, defById } from './helpers.js';

type Given = Record<string, AnswerValue | null>;
interface Row {
  name: string;
  given: Given;
  path: string[];
  /** Substrings of actions that must be recommended / must not be. */
  outcomes: string[];
  notOutcomes: string[];
}

interface Walk {
  path: string[];
  answers: Answers;
  rules: string[];
  notes: string[];
}

/** Walks a checklist with the engine alone, answering each visited step from `given`. */
function walk(def: ChecklistDefinition, given: Given): Walk {
  const answers: Record<string, AnswerValue | null> = {};
  const out: Walk = { path: [], answers, rules: [], notes: [] };
  let id = def.steps[0]?.id ?? END;
  while (id !== END) {
    const s = findStep(def, id);
    if (!s) throw new Error(`step ${id} missing`);
    if (out.path.includes(id)) throw new Error(`loop at ${id}`);
    out.path.push(id);
    s.notes.forEach((n, i) => {
      if (!n.when || evaluate(n.when, answers)) out.notes.push(`${id}#${i}`);
    });
    if (!Object.hasOwn(given, id)) throw new Error(`row gives no answer for "${id}"`);
    const read = readAnswer(s, given[id]);
    if (!read.ok) throw new Error(`row answer for "${id}" is invalid: ${read.message}`);
    answers[id] = read.value;
    const next = nextRule(def, s, answers);
    out.rules.push(`${id}#${next.rule}`);
    id = next.goto;
  }
  const unused = Object.keys(given).filter((k) => !out.path.includes(k));
  if (unused.length > 0) throw new Error(`row answers steps off its path: ${unused.join(', ')}`);
  return out;
}

const RECOGNITION: Row[] = [
  {
    name: 'under 10, disclosure, coercion and secrecy, placed as abusive',
    given: {
      'age-band': '5-to-9',
      'what-happened': ['touching-others', 'disclosure'],
      disclosure: 'not-yet',
      'other-child': 'yes',
      context: ['coercion', 'secrecy'],
      online: 'no',
      continuum: 'abusive',
      'talked-to-dsl': 'planned',
      recorded: 'not-yet',
      notes: null,
    },
    path: [
      'age-band',
      'what-happened',
      'disclosure',
      'other-child',
      'context',
      'online',
      'continuum',
      'talked-to-dsl',
      'recorded',
      'notes',
    ],
    outcomes: [
      'Talk to',
      'Write down what you saw',
      'signs of abusive or violent',
      'under 10',
      'other child too',
      'immediate danger',
    ],
    notOutcomes: ['As DSL', 'UKCIS', 'Even at this end', 'online element'],
  },
  {
    name: '13 to 17, sexual images (routed to the images step without saying online), DSL answering, not sure',
    given: {
      'age-band': '13-to-17',
      'what-happened': ['images'],
      'other-child': 'not-sure',
      context: null,
      online: 'no',
      images: 'yes',
      continuum: 'not-sure',
      'talked-to-dsl': 'i-am-the-dsl',
      recorded: 'yes',
      notes: 'seen at break time',
    },
    path: [
      'age-band',
      'what-happened',
      'other-child',
      'context',
      'online',
      'images',
      'continuum',
      'talked-to-dsl',
      'recorded',
      'notes',
    ],
    outcomes: ['As DSL', 'Discuss with your DSL whether early help', 'UKCIS', 'other child too'],
    notOutcomes: ['Talk to', 'signs of abusive', 'under 10', 'Write down'],
  },
  {
    name: '10 to 12, nothing concerning noted, online but no images, placed as normal',
    given: {
      'age-band': '10-to-12',
      'what-happened': ['sexual-talk'],
      'other-child': 'no',
      context: ['none'],
      online: 'yes',
      images: 'no',
      continuum: 'normal',
      'talked-to-dsl': 'yes',
      recorded: 'yes',
      notes: null,
    },
    path: [
      'age-band',
      'what-happened',
      'other-child',
      'context',
      'online',
      'images',
      'continuum',
      'talked-to-dsl',
      'recorded',
      'notes',
    ],
    outcomes: ['Even at this end', 'online element'],
    notOutcomes: ['Talk to', 'signs of abusive', 'under 10', 'UKCIS', 'other child too', 'Write down'],
  },
  {
    name: 'young adult with SEND, force and a distressed child: violent, referral suggested',
    given: {
      'age-band': '18-to-25-send',
      'what-happened': ['sexual-act'],
      'other-child': 'yes',
      context: ['force', 'other-distressed'],
      online: 'not-sure',
      continuum: 'violent',
      'talked-to-dsl': 'not-yet',
      recorded: 'yes',
      notes: null,
    },
    path: [
      'age-band',
      'what-happened',
      'other-child',
      'context',
      'online',
      'continuum',
      'talked-to-dsl',
      'recorded',
      'notes',
    ],
    outcomes: ['Talk to', 'signs of abusive or violent', 'other child too'],
    notOutcomes: ['under 10', 'Even at this end', 'Discuss with your DSL whether'],
  },
];

const REFERRAL: Row[] = [
  {
    name: 'immediate danger, under 10, crime alleged: 999, Under 10 Protocol, CSAAC for the harmed child',
    given: {
      'immediate-danger': 'yes',
      'emergency-call': 'not-yet',
      dsl: 'yes',
      recorded: 'yes',
      'child-age': 'under-10',
      'social-care-referral': 'made',
      'crime-alleged': 'yes',
      police: 'reported',
      'under-10-protocol': 'will-ask',
      'strategy-meeting': 'held',
      'strategy-agencies': ['social-care', 'police', 'health', 'education'],
      'harmed-child': 'yes',
      'csaac-harmed': 'not-yet',
      'csaac-accused': 'discussed',
      'therapeutic-support': 'not-yet',
      'safety-plan': 'in-place',
      'family-cooperation': 'confident',
      'review-date': '2026-06-01',
      notes: null,
    },
    path: [
      'immediate-danger',
      'emergency-call',
      'dsl',
      'recorded',
      'child-age',
      'social-care-referral',
      'crime-alleged',
      'police',
      'under-10-protocol',
      'strategy-meeting',
      'strategy-agencies',
      'harmed-child',
      'csaac-harmed',
      'csaac-accused',
      'therapeutic-support',
      'safety-plan',
      'family-cooperation',
      'review-date',
      'notes',
    ],
    outcomes: [
      'now, before anything else',
      'Under 10',
      'for the child who was harmed',
      'accused of sexual offences',
      'While any criminal investigation',
      'Plan therapeutic support',
      'Review the plan on the date',
    ],
    notOutcomes: [
      'Youth Justice',
      'bail',
      'AIM',
      'Make the referral',
      'Tell the police',
      'Make sure the police',
      'disguised compliance',
      'Set a date',
    ],
  },
  {
    name: '12 to 17, crime alleged, on bail, YJS missing from the strategy meeting, waiting for the investigation',
    given: {
      'immediate-danger': 'no',
      dsl: 'cannot-reach',
      recorded: 'not-yet',
      'child-age': '12-to-17',
      'social-care-referral': 'planned',
      'crime-alleged': 'yes',
      police: 'planned',
      yjs: 'not-yet',
      bail: 'yes',
      'health-sharing': 'not-yet',
      'strategy-meeting': 'arranged',
      'strategy-agencies': ['social-care', 'police'],
      'harmed-child': 'no',
      'csaac-accused': 'not-yet',
      aim: 'waiting',
      'therapeutic-support': 'some',
      'safety-plan': 'being-written',
      'family-cooperation': 'some-doubts',
      'review-date': null,
      notes: 'follow up next week',
    },
    path: [
      'immediate-danger',
      'dsl',
      'recorded',
      'child-age',
      'social-care-referral',
      'crime-alleged',
      'police',
      'yjs',
      'bail',
      'health-sharing',
      'strategy-meeting',
      'strategy-agencies',
      'harmed-child',
      'csaac-accused',
      'aim',
      'therapeutic-support',
      'safety-plan',
      'family-cooperation',
      'review-date',
      'notes',
    ],
    outcomes: [
      "can't reach your DSL",
      'Record the concern now',
      'Make the referral',
      'Tell the police',
      'Consult the Youth Justice',
      'bail conditions the child',
      'Invite the Youth Justice',
      'Check whether health',
      'accused of sexual offences',
      'AIM assessment',
      'While any criminal investigation',
      'Plan therapeutic support',
      'safety plan',
      'disguised compliance',
      'Set a date',
    ],
    notOutcomes: [
      'now, before anything else',
      'Under 10',
      'Make sure the police',
      'who was harmed',
      'Review the plan on the date',
    ],
  },
  {
    name: '10 or 11, no crime alleged, early help, strategy meeting not sure, harmed child not sure',
    given: {
      'immediate-danger': 'no',
      dsl: 'i-am-the-dsl',
      recorded: 'yes',
      'child-age': '10-to-11',
      'social-care-referral': 'early-help',
      'crime-alleged': 'no',
      'strategy-meeting': 'not-sure',
      'harmed-child': 'not-sure',
      'csaac-harmed': 'requested',
      'csaac-accused': 'not-appropriate',
      'therapeutic-support': 'in-place',
      'safety-plan': 'in-place',
      'family-cooperation': 'too-early',
      'review-date': '2026-07-15',
      notes: null,
    },
    path: [
      'immediate-danger',
      'dsl',
      'recorded',
      'child-age',
      'social-care-referral',
      'crime-alleged',
      'strategy-meeting',
      'harmed-child',
      'csaac-harmed',
      'csaac-accused',
      'therapeutic-support',
      'safety-plan',
      'family-cooperation',
      'review-date',
      'notes',
    ],
    outcomes: [
      'Record the decision and the reason',
      'whether a strategy meeting',
      'Review the plan on the date',
      'necessary and proportionate',
    ],
    notOutcomes: [
      'Tell the police',
      'Under 10',
      'Youth Justice',
      'AIM',
      'contact:csaac',
      'While any criminal',
    ],
  },
  {
    name: 'crime not sure, age not known: police without an age route, both children need CSAAC and support',
    given: {
      'immediate-danger': 'no',
      dsl: 'not-yet',
      recorded: 'yes',
      'child-age': 'not-known',
      'social-care-referral': 'not-decided',
      'crime-alleged': 'not-sure',
      police: 'not-yet',
      'strategy-meeting': 'not-yet',
      'harmed-child': 'yes',
      'csaac-harmed': 'discussed',
      'csaac-accused': 'requested',
      'therapeutic-support': 'not-yet',
      'safety-plan': 'not-yet',
      'family-cooperation': 'concerned',
      'review-date': null,
      notes: null,
    },
    path: [
      'immediate-danger',
      'dsl',
      'recorded',
      'child-age',
      'social-care-referral',
      'crime-alleged',
      'police',
      'strategy-meeting',
      'harmed-child',
      'csaac-harmed',
      'csaac-accused',
      'therapeutic-support',
      'safety-plan',
      'family-cooperation',
      'review-date',
      'notes',
    ],
    outcomes: [
      'Talk to',
      'Make the referral',
      'Tell the police',
      'may be a crime',
      'whether a strategy meeting',
      'who was harmed',
      'disguised compliance',
      'Set a date',
    ],
    notOutcomes: [
      'Under 10',
      'Youth Justice',
      'accused of sexual offences',
      'While any criminal investigation',
      'AIM',
    ],
  },
  {
    name: '10 or 11, crime alleged, bail not known, everyone at the strategy meeting',
    given: {
      'immediate-danger': 'no',
      dsl: 'yes',
      recorded: 'yes',
      'child-age': '10-to-11',
      'social-care-referral': 'made',
      'crime-alleged': 'yes',
      police: 'reported',
      yjs: 'consulted',
      bail: 'not-known',
      'strategy-meeting': 'held',
      'strategy-agencies': ['social-care', 'police', 'health', 'education', 'yjs'],
      'harmed-child': 'no',
      'csaac-accused': 'requested',
      'therapeutic-support': 'in-place',
      'safety-plan': 'in-place',
      'family-cooperation': 'confident',
      'review-date': '2026-09-01',
      notes: null,
    },
    path: [
      'immediate-danger',
      'dsl',
      'recorded',
      'child-age',
      'social-care-referral',
      'crime-alleged',
      'police',
      'yjs',
      'bail',
      'strategy-meeting',
      'strategy-agencies',
      'harmed-child',
      'csaac-accused',
      'therapeutic-support',
      'safety-plan',
      'family-cooperation',
      'review-date',
      'notes',
    ],
    outcomes: ['whether there are bail conditions', 'While any criminal investigation'],
    notOutcomes: [
      'Invite the Youth Justice',
      'Make sure the police',
      'Check whether health',
      'AIM',
      'Consult the Youth',
    ],
  },
  {
    name: '12 to 17, crime alleged, no bail, police and YJS missing from the strategy meeting, AIM under way',
    given: {
      'immediate-danger': 'no',
      dsl: 'yes',
      recorded: 'yes',
      'child-age': '12-to-17',
      'social-care-referral': 'made',
      'crime-alleged': 'yes',
      police: 'reported',
      yjs: 'consulted',
      bail: 'no',
      'strategy-meeting': 'held',
      'strategy-agencies': ['social-care', 'health', 'education'],
      'harmed-child': 'yes',
      'csaac-harmed': 'not-appropriate',
      'csaac-accused': 'requested',
      aim: 'done',
      'therapeutic-support': 'in-place',
      'safety-plan': 'in-place',
      'family-cooperation': 'confident',
      'review-date': '2026-10-01',
      notes: null,
    },
    path: [
      'immediate-danger',
      'dsl',
      'recorded',
      'child-age',
      'social-care-referral',
      'crime-alleged',
      'police',
      'yjs',
      'bail',
      'strategy-meeting',
      'strategy-agencies',
      'harmed-child',
      'csaac-harmed',
      'csaac-accused',
      'aim',
      'therapeutic-support',
      'safety-plan',
      'family-cooperation',
      'review-date',
      'notes',
    ],
    outcomes: ['Make sure the police', 'Invite the Youth Justice'],
    notOutcomes: ['Check whether health', 'AIM assessment', 'bail', 'who was harmed'],
  },
];

const defs: ChecklistDefinition[] = [];
const seen = { rules: new Set<string>(), notes: new Set<string>(), fired: new Map<string, Set<boolean>>() };

beforeAll(async () => {
  const loaded = await loadChecklists(CHECKLIST_DIR);
  expect(loaded.errors).toEqual([]);
  defs.push(...loaded.defs);
});

function run(checklist: string, rows: Row[]) {
  describe(checklist, () => {
    it.each(rows)('$name', (row) => {
      const def = defById(defs, checklist);
      const w = walk(def, row.given);
      expect(w.path).toEqual(row.path);
      const actions = recommendedOutcomes(def, w.answers).map((o) => o.action);
      for (const want of row.outcomes)
        expect(
          actions.some((a) => a.includes(want)),
          want,
        ).toBe(true);
      for (const not of row.notOutcomes)
        expect(
          actions.some((a) => a.includes(not)),
          not,
        ).toBe(false);
      w.rules.forEach((r) => seen.rules.add(`${checklist}:${r}`));
      w.notes.forEach((n) => seen.notes.add(`${checklist}:${n}`));
      def.outcomes.forEach((o, i) => {
        const key = `${checklist}:outcome ${i + 1}`;
        const fired = seen.fired.get(key) ?? new Set<boolean>();
        fired.add(!o.when || evaluate(o.when, w.answers));
        seen.fired.set(key, fired);
      });
      // Progress never claims fewer steps than the route actually took.
      expect(progress(def, w.path).total).toBeGreaterThanOrEqual(w.path.length);
    });
  });
}

run('recognition', RECOGNITION);
run('referral', REFERRAL);

describe('the tables cover every branch', () => {
  afterAll(() => undefined);
  it('every next rule is taken, every note shown, every conditional outcome both fires and does not', () => {
    const missing: string[] = [];
    for (const def of defs) {
      for (const s of def.steps) {
        s.next.forEach((_, i) => {
          if (!seen.rules.has(`${def.id}:${s.id}#${i}`))
            missing.push(`${def.id}: ${s.id} rule ${i + 1} never taken`);
        });
        s.notes.forEach((_, i) => {
          if (!seen.notes.has(`${def.id}:${s.id}#${i}`))
            missing.push(`${def.id}: ${s.id} note ${i + 1} never shown`);
        });
      }
      def.outcomes.forEach((o, i) => {
        const fired = seen.fired.get(`${def.id}:outcome ${i + 1}`) ?? new Set();
        if (!fired.has(true)) missing.push(`${def.id}: outcome ${i + 1} never fires`);
        if (o.when && !fired.has(false)) missing.push(`${def.id}: outcome ${i + 1} always fires`);
      });
    }
    expect(missing).toEqual([]);
  });
});
