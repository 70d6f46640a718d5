import { describe, expect, it } from 'vitest';
import { detectImmediateDanger } from '../../../src/core/safety/index.js';

describe('immediate danger: more present-tense situations', () => {
  it.each([
    'a boy is sexually assaulting a girl in the toilets right now',
    'a pupil just told me her uncle is picking her up tonight and he abuses her',
    "there's a man trying to grab a pupil at the school gate right now",
    'The child ran away from the unit an hour ago and has not been found',
    'she went missing from her placement this morning and is still missing',
    "She's locked in a room with him right now and screaming",
  ])('escalates %j', (text) => {
    expect(detectImmediateDanger(text).escalate).toBe(true);
  });

  it.each([
    'the pupil is being picked up by her mum today',
    'what should I do if someone tries to grab a child',
    'a man tried to grab a pupil last week',
    'the file has not been found',
    'the referral form has still not been found',
    'A boy is touching other children, what should I do?',
    'the medication is locked in the cupboard',
    'he was locked in his room as a punishment last year',
  ])('does not escalate %j', (text) => {
    expect(detectImmediateDanger(text).escalate).toBe(false);
  });
});

describe('immediate danger: session 14 classes (resolution, dating, roles, punishment threats)', () => {
  it.each([
    // A punishment promised for later today.
    'a 9 year old says his stepdad slapped him at breakfast and told him he will get it worse tonight',
    "she's 12 and says her dad said she'll get a hiding when he's home later",
    // Being at a relative's is not safety when the one who harmed arrives there.
    "she's 9 and at her nan's now, and the uncle who abused her has just turned up there",
  ])('escalates %j', (text) => {
    expect(detectImmediateDanger(text).escalate).toBe(true);
  });

  it.each([
    // The one who harmed removed by police, or the child returned or taken home by a safe parent.
    'the uncle who was shouting at the door has been taken away by police, the children are with us',
    'we called the police and they took him away, what do we write up',
    'a 14 year old ran from the unit last night, police brought her back at 5 and she is asleep',
    "his dad was pulling him about outside, his gran came and took him home and he's at his gran's now",
    // A dated record, a role held at a place, a pattern of turning up.
    'going through old files there is a 2019 referral of a 10 year old being touched by a neighbour',
    "a former pupil told me the PE teacher abused her years ago, he's still teaching at a school in town",
    "her brother's friend did things to her last year and he's still around at family parties",
    'her ex has been turning up at the school and the child said he touched her',
    // Harm said not to have happened; handling, not a taking; what a record may hold.
    'a year 6 boy showed others a video at lunch, nobody hurt, what do I record',
    'a parent alleges a lunchtime supervisor dragged her son by the arm, who do I tell',
    "are we allowed to photograph a child's bruises for the file",
    'patrol officer, a report on my beat about a 13 year old, what now',
  ])('does not escalate %j', (text) => {
    expect(detectImmediateDanger(text).escalate).toBe(false);
  });
});
