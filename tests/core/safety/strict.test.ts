import { describe, expect, it } from 'vitest';
import { detectPii, detectPiiStrict } from '../../../src/core/safety/index.js';

describe('detectPiiStrict (free text that would be stored)', () => {
  it.each([
    'Marjorie Quillfeather-Tansley',
    'Spoke to Marjorie about it',
    'Tom',
    'agreed with Kwabena that school will supervise',
    'DOB 04/05/2013',
  ])('refuses %j', (text) => {
    expect(detectPiiStrict(text).found).toBe(true);
  });

  it.each([
    'Spoke to the DSL and the Police',
    'Referral made to Children and Families Service',
    'no concerns',
    'Strategy meeting booked with YJS and CAMHS',
    'Discussed with Mum',
    'Awaiting AIM2 assessment',
    'Safety plan agreed. Review in two weeks.',
  ])('accepts %j', (text) => {
    expect(detectPiiStrict(text).found).toBe(false);
  });

  it('is at least as strict as detectPii', () => {
    for (const text of ['Tom Jenkins (DOB 04/05/2013)', 'call 07700 900123', 'HG1 1AA', 'a@b.org']) {
      expect(detectPii(text).found).toBe(true);
      expect(detectPiiStrict(text).found).toBe(true);
    }
  });
});
