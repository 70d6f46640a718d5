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

/**
 * A child under 10, a sexual assault reported to the police, the Under 10 Protocol already discussed
 * (so the summary must not tell them to ask about it), both families agreed, strategy meeting, CSAAC.
 */
export const UNDER_10_CRIME: ReferralPlan = {
  name: 'under 10, sexual assault reported',
  path: [
    'immediate-danger',
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
    'what-alleged': 'sexual-assault',
    'social-care-referral': 'made',
    police: 'reported',
    'under-10-protocol': 'discussed',
    parents: 'agreed',
    processes: ['none'],
    'strategy-meeting': 'held',
    'strategy-agencies': ['social-care', 'police'],
    'harmed-child': 'yes',
    'csaac-harmed': 'requested',
    'csaac-accused': 'discussed',
    'therapeutic-support': 'some',
    'safety-plan': 'in-place',
    'family-cooperation': 'some-doubts',
    'review-date': '2030-06-01',
    notes: 'Agreed next steps with the strategy group',
  },
  actions: [
    'Check whether health (including the GP) and the children',
    'Children accused of sexual offences can also be referred',
    'Plan therapeutic support for each child',
    'Watch for disguised compliance',
    'Review the plan on the date you set',
  ],
};

/**
 * A child of 12 to 17, not sure whether a crime, police planned, on bail, looked after with no agreed
 * lead for the HSB work: YJS, health sharing, who tells the families, AIM.
 */
export const OVER_10_YJS: ReferralPlan = {
  name: '12 to 17, YJS, bail and a looked-after child',
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
    'yjs',
    'bail',
    'health-sharing',
    'parents',
    'processes',
    'hsb-lead',
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
    'what-alleged': 'not-sure',
    'social-care-referral': 'planned',
    police: 'planned',
    'under-10-protocol': 'will-ask',
    yjs: 'not-yet',
    bail: 'yes',
    'health-sharing': 'planned',
    parents: 'not-yet',
    processes: ['looked-after'],
    'hsb-lead': 'not-yet',
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
    'Talk to your DSL, and the police',
    'Ask the police whether their Under 10 Protocol applies',
    'Consult the Youth Justice Service early',
    'Share the bail conditions',
    'Before anyone rings either family',
    'Agree who leads the harmful sexual behaviour work',
    'Make sure the police are part of the strategy meeting',
    'Invite the Youth Justice Service to the strategy meeting',
    'Ask about an AIM assessment',
    'Set a date to review the plan',
  ],
};
