import { describe, expect, it } from 'vitest';
import { detectImmediateDanger } from '../../../src/core/safety/index.js';
import { questionSets } from '../../helpers/question-sets.js';

const SHOULD_ESCALATE: readonly string[] = [
  // teachers / DSLs
  'A year 8 girl has just told me she is too scared to go home because her stepdad hurts her',
  'A pupil says her dad will beat her when she gets home tonight, what do I do?',
  'One of my pupils has run off from school and is missing, she said she wanted to die this morning',
  "He's being attacked by a group of older boys on the field right now",
  'A boy in year 10 has a knife in his bag and is threatening another pupil',
  'A parent is dragging a crying child into a car at the school gate and the child is screaming',
  "A 13 year old told me she's meeting a man she met on Snapchat tonight after school",
  'She said she is going to kill herself tonight',
  'A pupil has told me she does not want to go home because her brother keeps touching her',
  "The child is not safe at home tonight, mum's partner has threatened to hurt her",
  // GPs / health
  'A 12 year old patient has taken an overdose of paracetamol and is in the waiting room',
  'The child in my surgery is bleeding and says her uncle did it, he is waiting outside with her now',
  'A 4 year old has a serious head injury and the explanation does not fit',
  'A teenage patient says she is going to jump off the bridge after she leaves',
  // police
  'Someone is dragging a child into a van outside school right now',
  'Two men are bundling a girl into the back of a white van on the high street',
  'A 15 year old has gone missing from her care home and is with an adult we believe is grooming her',
  'An adult he has been talking to online is going to meet him tonight at the park',
  'The suspect is at the house with the victim right now',
  'A girl has just been abducted outside the leisure centre',
  // social workers / youth justice
  'A 14 year old boy has just told me he raped his younger sister last night and she is at home with him now',
  'She is home alone with the man who abused her',
  'The mother has let him back in and the children are at home with him tonight even though he sexually abused them',
  'The child is in immediate danger, what do I do?',
  "It's happening right now, he is hurting her in the next room",
  'A young person I supervise says he will be stabbed when he goes home tonight',
  'A child is unconscious in the toilets',
  "We can't find her, she hasn't come home and her phone is off",
  'What do I do if someone is hurting a child right now?',
  'The 9 year old is currently being sexually assaulted by an older child in the flat next door',
];

const SHOULD_NOT_ESCALATE: readonly string[] = [
  // historical disclosures
  'A pupil told me about something sexual that happened on a school trip last month. Is it too late to report it?',
  'A girl disclosed that her uncle abused her years ago when she was 6',
  'She said she was scared to go home when she was little',
  'He threatened her with a knife last year and was charged',
  'A boy ran away from home in 2019, does that need to go on the referral?',
  'A child was abducted in 2015 and is now in therapy',
  'The young person was seriously injured in an assault last summer',
  'In the past she has taken overdoses, how do I record that?',
  // general / definitions
  'What is harmful sexual behaviour?',
  'Is it normal for a 3 year old to touch their own private parts?',
  "How do I make a referral to children's social care?",
  'What is the Under 10 Protocol?',
  'What does immediate danger mean in safeguarding?',
  'When should the police be called if a child is in danger?',
  'Who should be invited to a strategy meeting about harmful sexual behaviour?',
  // hypotheticals
  'What should I do if a child tells me they are scared to go home?',
  'What should I do if a child has a knife in school?',
  'If a child goes missing from care, who do I tell?',
  'What if a pupil says she is meeting someone from online tonight?',
  // past tense, no present risk; negated risk
  'Mum agrees to everything at the meeting and says things are fine at home, but nothing ever changes.',
  'The police investigation is taking months and nothing is happening for the child. Can we start any intervention?',
  'She is at home with her mum now and there is no immediate risk',
  'The child is safe now with foster carers, what happens next?',
  'He is not in danger now, the other boy has been moved to another school',
  'Two 15 year olds in a relationship have been sending each other nudes. Is that harmful sexual behaviour?',
  'A 9 year old is displaying sexualised behaviour towards a younger child. Will the police prosecute?',
  "I'm worried a colleague is behaving inappropriately with pupils",
  'A 12 year old patient is on bail for a sexual offence and has to come into the surgery. How do we manage that?',
  'A child in care is missing education and her attainment has dropped',
  'The boy is at home with his grandparents now and doing well',
  'I cannot find her records on the system',
  'We need a safety plan because he is living with his younger siblings',
  "I'm taking my daughter to the car after the meeting",
  'We are meeting the family online tomorrow to review the plan',
];

describe('detectImmediateDanger', () => {
  it.each(SHOULD_ESCALATE)('escalates: %s', (text) => {
    const result = detectImmediateDanger(text);
    expect(result.escalate).toBe(true);
    expect(result.reasons.length).toBeGreaterThan(0);
  });

  it.each(SHOULD_NOT_ESCALATE)('does not escalate: %s', (text) => {
    expect(detectImmediateDanger(text)).toEqual({ escalate: false, reasons: [] });
  });

  it('never puts the message text into its reasons', () => {
    for (const text of SHOULD_ESCALATE) {
      for (const reason of detectImmediateDanger(text).reasons) {
        expect(text.toLowerCase()).not.toContain(reason.toLowerCase());
        expect(reason).toMatch(/^[a-z][a-z ,'-]+$/);
      }
    }
  });

  it('handles curly apostrophes and capitals', () => {
    expect(detectImmediateDanger('HE’S BEING ATTACKED RIGHT NOW').escalate).toBe(true);
  });
});

describe.each(questionSets())('$name: expected escalation flag', ({ questions }) => {
  it('has enough questions', () => expect(questions.length).toBeGreaterThan(30));
  it.each(questions.map((q) => [q.q, q.escalation ?? false] as const))('%s → %s', (q, expected) => {
    expect(detectImmediateDanger(q).escalate).toBe(expected);
  });
});

describe('guidance-style wording is not a report', () => {
  it.each([
    'Be open and honest with the family about what you share and why, unless that is unsafe.',
    'The guidance lists when to refer straight away, including when a child is at immediate risk.',
    'Call 999 if a child is in immediate danger.',
    'Staff should act at once when a child is missing from care.',
  ])('%s', (text) => expect(detectImmediateDanger(text).escalate).toBe(false));

  it.each([
    'She is not safe at home, he is there with her now',
    'I am not safe, my dad is coming back tonight',
  ])('but a person being unsafe is: %s', (text) => expect(detectImmediateDanger(text).escalate).toBe(true));
});
