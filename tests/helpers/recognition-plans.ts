import { readFileSync } from 'node:fs';
import { parse } from 'yaml';
import type { BranchPlan } from './referral-plans.js';

/**
 * Two complete walks through content/checklists/recognition.yaml, in the shape of referral-plans.ts:
 * `path` is the order the engine must show the steps in, `answers` what is chosen at each ('' leaves
 * an optional step blank), `actions` phrases the summary's recommended actions must include. On top:
 * `notActions` phrases that must NOT be recommended on this branch, `contacts` who must be listed,
 * `continuumNote` the branch's "To consider" note on the Hackett step, and `offersReferral` whether
 * the summary offers to start the referral checklist.
 */
export interface RecognitionPlan extends BranchPlan {
  contacts: string[];
  continuumNote: string;
  offersReferral: boolean;
}

const UNDER_10_ACTION = 'The child is under 10, so they cannot be prosecuted';
const ABUSIVE_ACTION = 'There are signs of abusive or violent behaviour';
const NORMAL_END_ACTION = 'Even at this end of the continuum the behaviour may need a response';
const TALK_TO_DSL = 'today about what you saw or heard';
const WRITE_IT_DOWN = 'Write down what you saw or heard as soon as you can';
const IMAGES_ACTION = "Don't view, copy or forward any images";
const OTHER_CHILD_ACTION = 'Think about the other child too';

const DSL = 'Your designated safeguarding lead (DSL) or named safeguarding professional';
const FRONT_DOOR = "Children's social care front door";
const EMERGENCY = 'Police (emergency)';

/** The recognition route with no disclosure and no images step. */
export const RECOGNITION_SHORT_PATH = [
  'age-band',
  'what-happened',
  'other-child',
  'context',
  'online',
  'continuum',
  'talked-to-dsl',
  'recorded',
  'notes',
];

/** The short route with the images step (after "online"), taken when images were seen or it was online. */
export const RECOGNITION_IMAGES_PATH = [
  ...RECOGNITION_SHORT_PATH.slice(0, RECOGNITION_SHORT_PATH.indexOf('online') + 1),
  'images',
  ...RECOGNITION_SHORT_PATH.slice(RECOGNITION_SHORT_PATH.indexOf('online') + 1),
];

/** A 5 to 9 year old, on their own, no warning signs, placed at the normal end; DSL told, recorded. */
export const UNDER_10_EXPECTED: RecognitionPlan = {
  name: 'under 10, developmentally expected',
  path: RECOGNITION_SHORT_PATH,
  answers: {
    'age-band': '5-to-9',
    'what-happened': ['self-touching'],
    'other-child': 'no',
    context: ['none'],
    online: 'no',
    continuum: 'normal',
    'talked-to-dsl': 'yes',
    recorded: 'yes',
    notes: '',
  },
  // Expected behaviour gets the expected-behaviour response: no talk of prosecution or the police.
  actions: [NORMAL_END_ACTION, "Keep the children's safety in view"],
  notActions: [
    ABUSIVE_ACTION,
    TALK_TO_DSL,
    WRITE_IT_DOWN,
    IMAGES_ACTION,
    OTHER_CHILD_ACTION,
    'early help',
    UNDER_10_ACTION,
    'Under 10 Protocol',
    'police may',
  ],
  contacts: [EMERGENCY],
  continuumNote: "You didn't note any of the warning signs",
  offersReferral: false,
};

/**
 * A 13 to 17 year old: touching and sexual images, a disclosure not yet written down, pressure,
 * secrecy and carrying on after being told to stop, the other child upset; placed as abusive; DSL
 * not told yet. Should point to the referral checklist and children's social care.
 */
export const TEEN_COERCION: RecognitionPlan = {
  name: '13 to 17, coercion, secrecy and persistence',
  path: [
    'age-band',
    'what-happened',
    'disclosure',
    'other-child',
    'context',
    'online',
    'images',
    'continuum',
    'talked-to-dsl',
    'recorded',
    'notes',
  ],
  answers: {
    'age-band': '13-to-17',
    'what-happened': ['touching-others', 'images', 'disclosure'],
    disclosure: 'not-yet',
    'other-child': 'yes',
    context: ['coercion', 'secrecy', 'continued', 'other-distressed'],
    online: 'yes',
    images: 'yes',
    continuum: 'abusive',
    'talked-to-dsl': 'planned',
    recorded: 'not-yet',
    notes: 'Pressure over several weeks, other pupil upset',
  },
  actions: [
    TALK_TO_DSL,
    WRITE_IT_DOWN,
    ABUSIVE_ACTION,
    'work through the referral checklist',
    IMAGES_ACTION,
    'Include the online element',
    OTHER_CHILD_ACTION,
  ],
  notActions: [UNDER_10_ACTION, NORMAL_END_ACTION, 'Under 10 Protocol'],
  contacts: [DSL, FRONT_DOOR, EMERGENCY],
  continuumNote: "Hackett's continuum links these with abusive behaviour",
  offersReferral: true,
};

/**
 * Walks through recognition.yaml the engine's table tests check (tests/core/checklists/engine.test.ts):
 * between them, with the plans above, every rule, note and conditional outcome.
 */
export const RECOGNITION_BRANCHES: BranchPlan[] = [
  {
    name: 'under 10, disclosure, coercion and secrecy, placed as abusive',
    answers: {
      'age-band': '5-to-9',
      'what-happened': ['touching-others', 'disclosure'],
      disclosure: 'not-yet',
      'other-child': 'yes',
      context: ['coercion', 'secrecy'],
      online: 'no',
      continuum: 'abusive',
      'talked-to-dsl': 'planned',
      recorded: 'not-yet',
      notes: '',
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
    actions: [
      'Talk to',
      'Write down what you saw',
      'signs of abusive or violent',
      'under 10',
      'other child too',
      'immediate danger',
    ],
    notActions: ['As DSL', 'UKCIS', 'Even at this end', 'online element'],
  },
  {
    name: '13 to 17, sexual images (routed to the images step without saying online), DSL answering, not sure',
    answers: {
      'age-band': '13-to-17',
      'what-happened': ['images'],
      'other-child': 'not-sure',
      context: '',
      online: 'no',
      images: 'yes',
      continuum: 'not-sure',
      'talked-to-dsl': 'i-am-the-dsl',
      recorded: 'yes',
      notes: 'seen at break time',
    },
    path: RECOGNITION_IMAGES_PATH,
    actions: ['As DSL', 'Discuss with your DSL whether early help', 'UKCIS', 'other child too'],
    notActions: ['Talk to', 'signs of abusive', 'under 10', 'Write down'],
  },
  {
    name: '10 to 12, nothing concerning noted, online but no images, placed as normal',
    answers: {
      'age-band': '10-to-12',
      'what-happened': ['sexual-talk'],
      'other-child': 'no',
      context: ['none'],
      online: 'yes',
      images: 'no',
      continuum: 'normal',
      'talked-to-dsl': 'yes',
      recorded: 'yes',
      notes: '',
    },
    path: RECOGNITION_IMAGES_PATH,
    actions: ['Even at this end', 'online element'],
    notActions: ['Talk to', 'signs of abusive', 'under 10', 'UKCIS', 'other child too', 'Write down'],
  },
  {
    name: 'young adult with SEND, force and a distressed child: violent, referral suggested',
    answers: {
      'age-band': '18-to-25-send',
      'what-happened': ['sexual-act'],
      'other-child': 'yes',
      context: ['force', 'other-distressed'],
      online: 'not-sure',
      continuum: 'violent',
      'talked-to-dsl': 'not-yet',
      recorded: 'yes',
      notes: '',
    },
    path: RECOGNITION_SHORT_PATH,
    actions: ['Talk to', 'signs of abusive or violent', 'other child too'],
    notActions: ['under 10', 'Even at this end', 'Discuss with your DSL whether'],
  },
  {
    name: 'under 5, behaviour placed as expected for their development: the expected-behaviour response, no talk of police',
    answers: {
      'age-band': 'under-5',
      'what-happened': ['self-touching'],
      'other-child': 'no',
      context: ['none'],
      online: 'no',
      continuum: 'normal',
      'talked-to-dsl': 'yes',
      recorded: 'yes',
      notes: '',
    },
    path: RECOGNITION_SHORT_PATH,
    actions: ['Even at this end'],
    notActions: [
      'under 10',
      'police may',
      'Under 10 Protocol',
      'signs of abusive',
      'Discuss with your DSL whether',
    ],
  },
  {
    name: '5 to 9, problematic but no coercion, force or sexual act: early help discussion, no talk of police',
    answers: {
      'age-band': '5-to-9',
      'what-happened': ['sexual-talk', 'exposing'],
      'other-child': 'yes',
      context: ['frequent'],
      online: 'no',
      continuum: 'problematic',
      'talked-to-dsl': 'yes',
      recorded: 'yes',
      notes: '',
    },
    path: RECOGNITION_SHORT_PATH,
    actions: ['Discuss with your DSL whether early help', 'other child too'],
    notActions: ['under 10', 'police may', 'Under 10 Protocol', 'signs of abusive'],
  },
];

function yamlSteps(): YamlStep[] {
  const file = new URL('../../content/checklists/recognition.yaml', import.meta.url);
  return (parse(readFileSync(file, 'utf8')) as { steps: YamlStep[] }).steps;
}

/** The questions of the steps this branch never reaches: none of them may appear in its summary. */
export function questionsOffPath(plan: RecognitionPlan): string[] {
  return yamlSteps()
    .filter((s) => !plan.path.includes(s.id))
    .map((s) => s.question);
}

interface YamlStep {
  id: string;
  question: string;
  type: string;
  options?: { value: string; label: string }[];
}

/**
 * The "Your answers" lines a summary of `plan` must show, built from the checklist file itself (not
 * from the app): each step's question, then the label of every option chosen, the text typed, or
 * "Skipped" for a blank optional step.
 */
export function expectedAnswerLines(plan: RecognitionPlan): string[] {
  const steps = yamlSteps();
  return plan.path.map((id) => {
    const step = steps.find((s) => s.id === id);
    if (!step) throw new Error(`recognition.yaml has no step ${id}`);
    const given = plan.answers[id] ?? '';
    const label = (v: string) => step.options?.find((o) => o.value === v)?.label ?? v;
    const shown =
      given === '' ? 'Skipped' : Array.isArray(given) ? given.map(label).join('; ') : label(given);
    return `${step.question} ${shown}`;
  });
}

/** What the stored run must hold: exactly the answers given, a blank optional step as null. */
export function expectedStoredAnswers(plan: RecognitionPlan): Record<string, string | string[] | null> {
  return Object.fromEntries(
    plan.path.map((id) => {
      const given = plan.answers[id];
      if (given === undefined) throw new Error(`plan ${plan.name} has no answer for ${id}`);
      return [id, given === '' ? null : given];
    }),
  );
}
