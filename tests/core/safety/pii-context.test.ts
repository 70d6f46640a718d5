import { describe, expect, it } from 'vitest';
import { detectPii } from '../../../src/core/safety/pii.js';
import { realGuide } from '../../helpers/guide.js';

describe('identifiers in context, whatever their case', () => {
  it.each([
    ['jaxon kowalczyk told me his stepdad hits him', 'name'],
    ['her daughter amelia wright (yr 9) was groped on the bus', 'name'],
    ['I spoke to mr okafor about it', 'name'],
    ["Mrs Patel's son is 12", 'name'],
    ['a boy called jayden keeps doing it', 'name'],
    ['jayden smith in yr 8 at oakfield told me', 'name'],
    // Capitalised, with a first name the list did not know, placed by a school year.
    ['Brogan Hartley in yr 9 says older lads keep texting her', 'name'],
    ['Kayleigh Morris told me at break', 'name'],
    ['tyler brown, dob 03/07/2010, came back', 'name'],
    ['ring her on 01632 960 123', 'phone'],
    ['or on +44 7911 123456', 'phone'],
    ['born 3rd March 2014', 'dob'],
    // A title makes the next word a surname even when it is also an English word.
    ["mrs khan's son in yr 3 keeps doing it", 'name'],
    ['mrs smith said he was fine', 'name'],
    // An adult named after their role.
    ['our caretaker Mark Steele was seen hugging her', 'name'],
    ['his coach Dean Price messages him at night', 'name'],
  ])('%s → %s', (text, kind) => expect(detectPii(text).kinds).toContain(kind));

  it.each([
    'Miss said I could go',
    'we called the police straight away',
    'the school bus driver told me',
    'a 9 year old in year 4 at 3.15 today',
    'the strategy meeting is on 12 May',
    'the boy in yr 8 told me at break',
    'we met on ms teams and mr and mrs were both there',
    'the teacher Safeguarding Lead said to wait',
    'she had a dr appointment and will miss school',
    'Summer Term in year 7 starts after Easter',
    'a Mark Scheme for year 10 mocks',
    // Texting forms and a possessive typed without its apostrophe are not a name.
    'yr 10 girl just told me mums bf is the one who comes in her room',
  ])('no identifier in: %s', (text) => expect(detectPii(text).found).toBe(false));

  it('the numbers the bot itself prints are not identifiers', async () => {
    const guide = await realGuide();
    for (const q of [
      'is the NSPCC helpline 0808 800 5000 for professionals too?',
      'can I give a 15 year old the Childline number 0800 1111?',
      'when do we use 101 and when 999?',
    ])
      expect(guide.ask(q).meta.pii, q).toBe(false);
    expect(guide.ask('mum is on 07700 900123, what do I do?').meta.pii).toBe(true);
    // Any freephone line is an organisation's, listed in the pack or not.
    expect(guide.ask('should staff ring the whistleblowing advice line on 0800 028 0285?').meta.pii).toBe(
      false,
    );
  });
});
