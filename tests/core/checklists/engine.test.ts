import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { evaluate, type AnswerValue, type Answers } from '../../../src/core/checklists/conditions.js';
import { readAnswer } from '../../../src/core/checklists/answers.js';
import { findStep, nextRule, progress, recommendedOutcomes } from '../../../src/core/checklists/engine.js';
import { loadChecklists } from '../../../src/core/checklists/load.js';
import { END, type ChecklistDefinition } from '../../../src/core/checklists/schema.js';
import {
  RECOGNITION_SHORT_PATH,
  TEEN_COERCION,
  UNDER_10_EXPECTED,
  type RecognitionPlan,
} from '../../helpers/recognition-plans.js';
import { OVER_10_YJS, UNDER_10_CRIME, type ReferralPlan } from '../../helpers/referral-plans.js';
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

/** The referral steps every route without immediate danger starts with. */
const REFERRAL_START = ['immediate-danger', 'dsl', 'recorded', 'child-age', 'what-alleged'];

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
    path: RECOGNITION_SHORT_PATH,
    outcomes: ['Talk to', 'signs of abusive or violent', 'other child too'],
    notOutcomes: ['under 10', 'Even at this end', 'Discuss with your DSL whether'],
  },
  {
    name: 'under 5, behaviour placed as expected for their development: the expected-behaviour response, no talk of police',
    given: {
      'age-band': 'under-5',
      'what-happened': ['self-touching'],
      'other-child': 'no',
      context: ['none'],
      online: 'no',
      continuum: 'normal',
      'talked-to-dsl': 'yes',
      recorded: 'yes',
      notes: null,
    },
    path: RECOGNITION_SHORT_PATH,
    outcomes: ['Even at this end'],
    notOutcomes: [
      'under 10',
      'police may',
      'Under 10 Protocol',
      'signs of abusive',
      'Discuss with your DSL whether',
    ],
  },
  {
    name: '5 to 9, problematic but no coercion, force or sexual act: early help discussion, no talk of police',
    given: {
      'age-band': '5-to-9',
      'what-happened': ['sexual-talk', 'exposing'],
      'other-child': 'yes',
      context: ['frequent'],
      online: 'no',
      continuum: 'problematic',
      'talked-to-dsl': 'yes',
      recorded: 'yes',
      notes: null,
    },
    path: RECOGNITION_SHORT_PATH,
    outcomes: ['Discuss with your DSL whether early help', 'other child too'],
    notOutcomes: ['under 10', 'police may', 'Under 10 Protocol', 'signs of abusive'],
  },
];

const REFERRAL: Row[] = [
  {
    name: 'immediate danger, under 10, sexual assault: 999, DSL first, ask about the Under 10 Protocol, police and social care agree what the families hear',
    given: {
      'immediate-danger': 'yes',
      'emergency-call': 'not-yet',
      dsl: 'not-yet',
      recorded: 'not-yet',
      'child-age': 'under-10',
      'what-alleged': 'sexual-assault',
      'social-care-referral': 'made',
      police: 'planned',
      'under-10-protocol': 'will-ask',
      parents: 'not-yet',
      processes: null,
      'strategy-meeting': 'not-yet',
      'harmed-child': 'yes',
      'csaac-harmed': 'not-yet',
      'csaac-accused': 'not-yet',
      'therapeutic-support': 'in-place',
      'safety-plan': 'being-written',
      'family-cooperation': 'confident',
      'review-date': null,
      notes: null,
    },
    path: [
      'immediate-danger',
      'emergency-call',
      'dsl',
      'recorded',
      'child-age',
      'what-alleged',
      'social-care-referral',
      'police',
      'under-10-protocol',
      'parents',
      'processes',
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
      'Call',
      'agree together who makes the referral and who tells the police',
      'Record the concern now',
      'Agree with your DSL who tells the police',
      'Ask the police whether their Under 10 Protocol applies',
      'Before anyone rings either family, the DSL agrees with the police and children',
      "Ask children's social care",
      'for the child who was harmed',
      'Children accused of sexual offences can also',
      'While any criminal investigation',
      'Agree a safety plan',
      'Set a date',
    ],
    notOutcomes: [
      'Agree with your DSL who makes the referral',
      'Look again at managing',
      'Consult the Youth',
      'With your DSL, agree who tells each child',
      'Agree who leads the harmful',
      'cannot be prosecuted',
    ],
  },
  {
    name: '12 to 17, sexual assault managed in the setting without social care or police: challenged; Under 10 Protocol discussed; YJS, bail, looked after',
    given: {
      'immediate-danger': 'no',
      dsl: 'i-am-the-dsl',
      recorded: 'yes',
      'child-age': '12-to-17',
      'what-alleged': 'sexual-assault',
      'social-care-referral': 'manage-internally',
      'challenge-internal': 'setting-only',
      police: 'reported',
      'under-10-protocol': 'discussed',
      yjs: 'not-yet',
      bail: 'yes',
      'health-sharing': 'planned',
      parents: 'partly',
      processes: ['mace', 'looked-after'],
      'hsb-lead': 'not-yet',
      'strategy-meeting': 'held',
      'strategy-agencies': ['social-care'],
      'harmed-child': 'yes',
      'csaac-harmed': 'requested',
      'csaac-accused': 'requested',
      aim: 'waiting',
      'therapeutic-support': 'some',
      'safety-plan': 'in-place',
      'family-cooperation': 'concerned',
      'review-date': '2030-01-15',
      notes: 'Plan agreed at the meeting',
    },
    path: [
      ...REFERRAL_START,
      'social-care-referral',
      'challenge-internal',
      'police',
      'under-10-protocol',
      'yjs',
      'bail',
      'health-sharing',
      'parents',
      'processes',
      'hsb-lead',
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
    outcomes: [
      'Look again at managing it within your setting. After a report of rape',
      'Consult the Youth',
      'Share the bail conditions',
      'Before anyone rings either family',
      'Agree who leads the harmful sexual behaviour work',
      'Make sure the police are part',
      'Invite the Youth Justice',
      'Check whether health',
      'Ask about an AIM',
      'While any criminal',
      'Plan therapeutic',
      'Watch for disguised',
      'Review the plan on the date',
    ],
    notOutcomes: [
      'Record the decision and the reason, and refer',
      'UKCIS says',
      'Under 10 Protocol',
      'Agree with your DSL who tells the police',
      'Talk to',
      'Call',
    ],
  },
  {
    name: '12 to 17, consensual peer images with none of the UKCIS criteria, managed in the setting: no police steps',
    given: {
      'immediate-danger': 'no',
      dsl: 'yes',
      recorded: 'yes',
      'child-age': '12-to-17',
      'what-alleged': 'sexual-images',
      'images-refer': ['none'],
      'social-care-referral': 'manage-internally',
      parents: 'agreed',
      processes: ['none'],
      'strategy-meeting': 'not-sure',
      'harmed-child': 'no',
      'csaac-accused': 'not-appropriate',
      aim: 'done',
      'therapeutic-support': 'in-place',
      'safety-plan': 'in-place',
      'family-cooperation': 'too-early',
      'review-date': null,
      notes: null,
    },
    path: [
      ...REFERRAL_START,
      'images-refer',
      'social-care-referral',
      'parents',
      'processes',
      'strategy-meeting',
      'harmed-child',
      'csaac-accused',
      'aim',
      'therapeutic-support',
      'safety-plan',
      'family-cooperation',
      'review-date',
      'notes',
    ],
    outcomes: ['Record the decision and the reason, and refer', "Ask children's social care", 'Set a date'],
    notOutcomes: [
      'Agree with your DSL who tells the police',
      'Look again at managing',
      'Before anyone rings',
      'With your DSL, agree who tells each child',
      'While any criminal',
      'Under 10 Protocol',
    ],
  },
  {
    name: '10 or 11, images with coercion and an under-13: UKCIS refer straight away; managing it in the setting not yet agreed with social care and police, so challenged; DSL unreachable',
    given: {
      'immediate-danger': 'no',
      dsl: 'cannot-reach',
      recorded: 'yes',
      'child-age': '10-to-11',
      'what-alleged': 'sexual-images',
      'images-refer': ['coercion', 'under-13'],
      'social-care-referral': 'manage-internally',
      'challenge-internal': 'not-yet',
      police: 'not-yet',
      yjs: 'consulted',
      bail: 'not-known',
      parents: 'agreed',
      processes: ['none'],
      'strategy-meeting': 'arranged',
      'strategy-agencies': ['social-care', 'police', 'health', 'education', 'yjs'],
      'harmed-child': 'not-sure',
      'csaac-harmed': 'not-appropriate',
      'csaac-accused': 'discussed',
      'therapeutic-support': 'in-place',
      'safety-plan': 'in-place',
      'family-cooperation': 'confident',
      'review-date': '2030-02-01',
      notes: null,
    },
    path: [
      ...REFERRAL_START,
      'images-refer',
      'social-care-referral',
      'challenge-internal',
      'police',
      'yjs',
      'bail',
      'parents',
      'processes',
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
      "If you can't reach your DSL",
      'UKCIS says to refer to the police and children',
      'Agree with your DSL who tells the police',
      'Ask the police whether there are bail conditions',
      'Children accused of sexual offences can also',
    ],
    notOutcomes: [
      'Record the decision and the reason, and refer',
      'the starting point in KCSIE',
      'Agree with your DSL who makes the referral',
      'Make sure the police are part',
      'Invite the Youth Justice',
      'Check whether health',
      'While any criminal',
      'Under 10 Protocol',
      'Consult the Youth',
    ],
  },
  {
    name: 'age not known, not sure whether a crime, police not told yet: talk it through; no YJS step; RAISE, No Wrong Door and MAPPA with no HSB lead',
    given: {
      'immediate-danger': 'no',
      dsl: 'yes',
      recorded: 'yes',
      'child-age': 'not-known',
      'what-alleged': 'not-sure',
      'social-care-referral': 'not-decided',
      police: 'not-yet',
      parents: 'not-yet',
      processes: ['raise', 'no-wrong-door', 'mappa'],
      'hsb-lead': 'not-sure',
      'strategy-meeting': 'not-yet',
      'harmed-child': 'no',
      'csaac-accused': 'not-yet',
      'therapeutic-support': 'not-yet',
      'safety-plan': 'not-yet',
      'family-cooperation': 'some-doubts',
      'review-date': '2031-03-01',
      notes: null,
    },
    path: [
      ...REFERRAL_START,
      'social-care-referral',
      'police',
      'parents',
      'processes',
      'hsb-lead',
      'strategy-meeting',
      'harmed-child',
      'csaac-accused',
      'therapeutic-support',
      'safety-plan',
      'family-cooperation',
      'review-date',
      'notes',
    ],
    outcomes: [
      'Agree with your DSL who makes the referral',
      'Talk to your DSL, and the police',
      'Before anyone rings either family',
      'Agree who leads the harmful sexual behaviour work',
      'Plan therapeutic',
      'Watch for disguised',
    ],
    notOutcomes: [
      'Agree with your DSL who tells the police',
      'Consult the Youth',
      'Under 10 Protocol',
      'While any criminal',
    ],
  },
  {
    name: 'under 10, behaviour that does not seem a crime, early help: no police steps; the DSL agrees who tells the parents',
    given: {
      'immediate-danger': 'no',
      dsl: 'yes',
      recorded: 'yes',
      'child-age': 'under-10',
      'what-alleged': 'no-crime',
      'social-care-referral': 'early-help',
      parents: 'not-yet',
      processes: null,
      'strategy-meeting': 'not-yet',
      'harmed-child': 'no',
      'csaac-accused': 'not-appropriate',
      'therapeutic-support': 'in-place',
      'safety-plan': 'in-place',
      'family-cooperation': 'confident',
      'review-date': null,
      notes: null,
    },
    path: [
      ...REFERRAL_START,
      'social-care-referral',
      'parents',
      'processes',
      'strategy-meeting',
      'harmed-child',
      'csaac-accused',
      'therapeutic-support',
      'safety-plan',
      'family-cooperation',
      'review-date',
      'notes',
    ],
    outcomes: ['Record the decision and the reason, and refer', 'With your DSL, agree who tells each child'],
    notOutcomes: ['Before anyone rings', 'Under 10 Protocol', 'police'],
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

/** A whole walk the channel tests drive (tests/helpers/*-plans.ts), checked here with the engine alone. */
function planRow(plan: ReferralPlan | RecognitionPlan): Row {
  return {
    name: `plan: ${plan.name}`,
    given: plan.answers,
    path: plan.path,
    outcomes: plan.actions,
    notOutcomes: 'notActions' in plan ? plan.notActions : [],
  };
}

run('recognition', [...RECOGNITION, planRow(UNDER_10_EXPECTED), planRow(TEEN_COERCION)]);
run('referral', [...REFERRAL, planRow(UNDER_10_CRIME), planRow(OVER_10_YJS)]);

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

describe('referral: managing it within the setting', () => {
  it.each([
    ['sexual-assault', 'setting-only', 'the starting point in KCSIE'],
    ['sexual-images', 'not-yet', 'UKCIS says to refer'],
    ['sexual-assault', 'agreed', 'Record the decision and the reason, and refer'],
    ['sexual-images', 'agreed', 'Record the decision and the reason, and refer'],
  ])('after %s, a decision %s with social care and police gets "%s"', (alleged, challenge, want) => {
    const def = defById(defs, 'referral');
    const actions = recommendedOutcomes(def, {
      'what-alleged': alleged,
      'social-care-referral': 'manage-internally',
      'challenge-internal': challenge,
    }).map((o) => o.action);
    expect(actions.filter((a) => a.includes(want))).toHaveLength(1);
    // Challenged or accepted, never both.
    expect(actions.some((a) => a.startsWith('Look again'))).toBe(challenge !== 'agreed');
    expect(actions.some((a) => a.startsWith('Record the decision and the reason'))).toBe(
      challenge === 'agreed',
    );
  });
});
