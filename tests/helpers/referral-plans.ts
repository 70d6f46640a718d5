/**
 * Two complete walks through content/checklists/referral.yaml, step by step, as a practitioner
 * would answer them. `path` is the order the engine must show the steps in; `answers` what is
 * chosen at each (a string for one choice / date / text, a list for several, '' to leave an
 * optional step blank); `actions` phrases the summary's recommended actions must include.
 */
export interface ReferralPlan {
  name: string;
  path: string[];
  answers: Record<string, string | string[]>;
  actions: string[];
}

/** A child under 10, a crime alleged: police, the Under 10 Protocol, strategy meeting, CSAAC. */
export const UNDER_10_CRIME: ReferralPlan = {
  name: 'under 10, crime alleged',
  path: [
    'immediate-danger',
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
  answers: {
    'immediate-danger': 'no',
    dsl: 'yes',
    recorded: 'yes',
    'child-age': 'under-10',
    'social-care-referral': 'made',
    'crime-alleged': 'yes',
    police: 'reported',
    'under-10-protocol': 'discussed',
    'strategy-meeting': 'held',
    'strategy-agencies': ['social-care', 'police'],
    'harmed-child': 'yes',
    'csaac-harmed': 'requested',
    'csaac-accused': 'discussed',
    'therapeutic-support': 'some',
    'safety-plan': 'in-place',
    'family-cooperation': 'some-doubts',
    'review-date': '2026-06-01',
    notes: 'Agreed next steps with the strategy group',
  },
  actions: [
    'Ask the police whether they will use the Under 10 Protocol',
    'Check whether health (including the GP) and the children',
    'Children accused of sexual offences can also be referred',
    'Plan therapeutic support for each child',
    'Watch for disguised compliance',
    'Review the plan on the date you set',
  ],
};

/** A child of 12 to 17, not sure whether a crime, on bail: YJS, health sharing, AIM. */
export const OVER_10_YJS: ReferralPlan = {
  name: '12 to 17, YJS and bail',
  path: [
    'immediate-danger',
    'emergency-call',
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
  answers: {
    'immediate-danger': 'yes',
    'emergency-call': 'called',
    dsl: 'cannot-reach',
    recorded: 'not-yet',
    'child-age': '12-to-17',
    'social-care-referral': 'planned',
    'crime-alleged': 'not-sure',
    police: 'planned',
    yjs: 'not-yet',
    bail: 'yes',
    'health-sharing': 'planned',
    'strategy-meeting': 'arranged',
    'strategy-agencies': ['social-care'],
    'harmed-child': 'no',
    'csaac-accused': 'not-yet',
    aim: 'waiting',
    'therapeutic-support': 'not-yet',
    'safety-plan': 'not-yet',
    'family-cooperation': 'concerned',
    'review-date': '',
    notes: '',
  },
  actions: [
    "If you can't reach your DSL",
    'Record the concern now',
    'Make the referral to children',
    'Tell the police',
    'Consult the Youth Justice Service early',
    'Share the bail conditions',
    'Make sure the police are part of the strategy meeting',
    'Invite the Youth Justice Service to the strategy meeting',
    'Ask about an AIM assessment',
    'Set a date to review the plan',
  ],
};
