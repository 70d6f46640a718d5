import type { ReplyWarning } from '../reply.js';

export const EMERGENCY_WARNING: ReplyWarning = {
  level: 'emergency',
  title: 'Call 999 now if a child is in immediate danger',
  text: 'If a child is at risk of harm right now, call 999 and ask for the police before anything else. Stay with the child if it is safe to do so, then tell your designated safeguarding lead (DSL).',
};

export const PII_WARNING: ReplyWarning = {
  level: 'caution',
  title: 'Please do not share identifiable details here',
  text: 'Your message looks like it contains identifying details (such as a name, date of birth, address, postcode, NHS number, phone number or email). I have not stored it. Please leave these out of your questions and keep case details in your own case record.',
};
