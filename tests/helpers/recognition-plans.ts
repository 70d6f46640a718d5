import { readFileSync } from 'node:fs';
import { parse } from 'yaml';
import type { ReferralPlan } from './referral-plans.js';

/**
 * Two complete walks through content/checklists/recognition.yaml, in the shape of referral-plans.ts:
 * `path` is the order the engine must show the steps in, `answers` what is chosen at each ('' leaves
 * an optional step blank), `actions` phrases the summary's recommended actions must include. On top:
 * `notActions` phrases that must NOT be recommended on this branch, `contacts` who must be listed,
 * `continuumNote` the branch's "To consider" note on the Hackett step, and `offersReferral` whether
 * the summary offers to start the referral checklist.
 */
export interface RecognitionPlan extends ReferralPlan {
  notActions: string[];
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
