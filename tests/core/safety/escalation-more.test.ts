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
