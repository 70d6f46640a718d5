import { describe, expect, it } from 'vitest';
import { loadContentPack } from '../../../src/core/content/load.js';
import {
  acronymsOf,
  MAX_EXAMPLE_CHARS,
  questionTerms,
  redactQuestion,
} from '../../../src/core/insights/redact-question.js';
import { Vocabulary } from '../../../src/core/insights/vocabulary.js';
import { redact } from '../../../src/core/safety/index.js';
import { CONTENT_DIR } from '../../helpers/content-fixture.js';
import { EVERYTHING, findNeedles, IDENTIFIERS } from '../../privacy/identifiers.js';

const ACRONYMS = new Set(['MACE', 'HSB', 'LADO', 'DSL']);

describe('redactQuestion', () => {
  it('removes every identifier redact() finds', () => {
    const out = redactQuestion(EVERYTHING, ACRONYMS);
    expect(findNeedles(out)).toEqual([]);
    expect(out).toBe(
      '[name] (DOB [dob], NHS [nhs-number]) of [address], [postcode], mum on [phone] or [email], touched another pupil. What should I do?',
    );
  });

  it('also replaces possible names redact() lets through', () => {
    const text = 'Spoke to Marjorie and Quillfeather about a fight at the bus stop';
    expect(redact(text)).toBe(text); // no name context: redact() keeps them
    expect(redactQuestion(text)).toBe('Spoke to [name] and [name] about a fight at the bus stop');
    // A lone capitalised word opening a sentence is a sentence start, as in detectPiiStrict.
    expect(redactQuestion('Should I tell the DSL? Priya thinks so', ACRONYMS)).toBe(
      'Should I tell the DSL? [name] thinks so',
    );
  });

  it('treats words in capitals as names unless the guidance uses them as acronyms', () => {
    expect(redactQuestion(`WHAT IS MACE? ASKING FOR ${IDENTIFIERS.name.toUpperCase()}`, ACRONYMS)).toBe(
      'WHAT IS MACE? [name]',
    );
    expect(redactQuestion('is HSB the same as LADO', ACRONYMS)).toBe('is HSB the same as LADO');
    expect(redactQuestion('is HSB the same as QWERTY', ACRONYMS)).toBe('is HSB the same as [name]');
  });

  it('takes the acronyms from the guidance', async () => {
    const acronyms = acronymsOf(await loadContentPack(CONTENT_DIR));
    for (const a of ['MACE', 'HSB', 'LADO', 'DSL', 'CSAAC']) expect(acronyms).toContain(a);
    expect(acronyms).not.toContain('MARJORIE');
  });

  it('replaces known first names typed in lower case, and long numbers', () => {
    expect(redactQuestion('worried about jack and sarah, case ref CR20231234 from 2011')).toBe(
      'worried about [name] and [name], case ref [number] from [number]',
    );
    expect(redactQuestion('a 12 year old in year 7')).toBe('a 12 year old in year 7');
  });

  it('with the guidance allow-list, any word outside everyday English and the guidance becomes [word]', async () => {
    const pack = await loadContentPack(CONTENT_DIR);
    const vocabulary = Vocabulary.fromGuidance(pack);
    const redactWith = (text: string) => redactQuestion(text, acronymsOf(pack), vocabulary);
    // (A spelling no first-name list holds: a listed first name is found as a name before this.)
    expect(redactWith('jaxxen kowalczyk touched another pupil at school')).toBe(
      '[word] touched another pupil at school',
    );
    expect(redactWith('jaxon kowalczyk touched another pupil at school')).toBe(
      '[name] [word] touched another pupil at school',
    );
    // Everyday words, the guidance's terms and acronyms, known places and numbers rules are kept.
    expect(redactWith("is HSB the same as LADO? the pupil's mum isn't sure, we're worried")).toBe(
      "is HSB the same as LADO? the pupil's mum isn't sure, we're worried",
    );
    expect(redactWith('case ref CR20231234 in Harrogate, a 12 year old in year 7')).toBe(
      'case ref [number] in Harrogate, a 12 year old in year 7',
    );
    expect(vocabulary.unknownWords('Spoke to the DSL about sexualised behaviour')).toEqual([]);
    expect(vocabulary.unknownWords('zebulon')).toEqual([{ start: 0, end: 7 }]);
  });

  it('caps the length at a word boundary', () => {
    const out = redactQuestion(`${'what should I do about this '.repeat(20)}end`);
    expect(out.length).toBeLessThanOrEqual(MAX_EXAMPLE_CHARS);
    expect(out.endsWith('this…') || out.endsWith('do…') || /\w…$/.test(out)).toBe(true);
    expect(out).not.toMatch(/\s…$/);
  });

  it('gives stemmed content terms without placeholders', () => {
    expect(questionTerms('[name] asked about recipes for chocolate cakes')).toEqual([
      'ask',
      'cake',
      'chocol',
      'recip',
    ]);
  });
});
