import { describe, expect, it } from 'vitest';
import { detectPii, findPii, redact, type PiiKind } from '../../../src/core/safety/index.js';
import { questionSets } from '../../helpers/question-sets.js';

const kindsOf = (text: string): PiiKind[] => detectPii(text).kinds;
const found = (text: string, kind: PiiKind): string[] =>
  findPii(text)
    .filter((f) => f.kind === kind)
    .map((f) => text.slice(f.start, f.end));

describe('the worked example', () => {
  const text =
    'Tom Jenkins (DOB 04/05/2013) of 14 Station Road, Harrogate HG1 1AA has been sending sexual messages to younger pupils. What should I do?';

  it('finds the name, date of birth, address and postcode', () => {
    expect(detectPii(text)).toEqual({ found: true, kinds: ['dob', 'postcode', 'address', 'name'] });
  });

  it('redacts each identifier and keeps the question', () => {
    expect(redact(text)).toBe(
      '[name] (DOB [dob]) of [address], Harrogate [postcode] has been sending sexual messages to younger pupils. What should I do?',
    );
  });
});

describe('postcodes', () => {
  it.each([
    'HG1 1AA',
    'YO1 7HH',
    'SW1A 1AA',
    'm1 1ae',
    'LS11 5DP',
    'EC1A 1BB',
    'DL7 8AD',
    'yo17 7hh',
    'HG11AA',
  ])('finds %s', (pc) => expect(found(`They live at ${pc} now.`, 'postcode')).toEqual([pc]));

  it.each([
    'Is the AIM2 assessment still used?',
    'HSB in NG55 and the CP plan',
    'The S47 enquiry started on Monday',
    'Children in KS2 4th lessons',
    'Year Y6 1st term',
    'ISBN 978 0 85',
    'Room B12 and room C4',
  ])('no postcode in %s', (text) => expect(found(text, 'postcode')).toEqual([]));
});

describe('dates of birth', () => {
  it.each([
    ['DOB 04/05/2013', '04/05/2013'],
    ['d.o.b. 4/5/13', '4/5/13'],
    ['date of birth: 4th May', '4th May'],
    ['she was born on 12 March 2014', '12 March 2014'],
    ['born in May 2013', 'May 2013'],
    ['his birthday is 21/11', '21/11'],
    ['seen on 4 May 2013', '4 May 2013'],
    ['May 4th 2013 is when', 'May 4th 2013'],
    ['on 04-05-13 he', '04-05-13'],
    ['dated 2013-05-04', '2013-05-04'],
    ['the 1st of June, 2012', '1st of June, 2012'],
  ])('finds the date in %s', (text, date) => expect(found(text, 'dob')).toEqual([date]));

  it.each([
    'a 7 year old in reception',
    'it happened in 2015',
    'it happened last month',
    'an 8-week window for the CPS',
    'ages 5-9 and 9-13',
    'a strategy meeting within 24 h',
    'review every 6–12 months',
    'Working Together 2023 and KCSIE 2025',
    'KCSIE in force from 1 September 2025',
    'a 14 year old born abroad',
    'version 1.2.3 of the tool',
    'She is 15, he is 17',
  ])('no date of birth in %s', (text) => expect(found(text, 'dob')).toEqual([]));
});

describe('phones, emails, NHS numbers', () => {
  it.each([
    '07700 900123',
    '07700900123',
    '07700 900 123',
    '+44 7700 900123',
    '+447700900123',
    '+44 (0)7700 900123',
    '01423 123456',
    '(01423) 123456',
    '0113 496 0000',
    '020 7946 0958',
    '0808 800 5000',
  ])('finds phone %s', (phone) => expect(found(`ring ${phone} please`, 'phone')).toEqual([phone]));

  it('finds a hyphenated first name with its surname', () => {
    expect(found('Rosie-Mae Clarke in Year 2 said', 'name')).toEqual(['Rosie-Mae Clarke']);
  });

  it('treats a 10-digit landline as a phone even when it passes the NHS check', () => {
    expect(kindsOf('call 0142312345')).toEqual(['phone']);
  });

  it.each(['a 12 year old', 'case ref 12345', '999 or 101', '1234567890'])('no phone in %s', (text) =>
    expect(found(text, 'phone')).toEqual([]),
  );

  it.each(['tom.jenkins@example.org', 'j_smith+school@mail.example.co.uk'])('finds email %s', (email) =>
    expect(found(`email ${email}.`, 'email')).toEqual([email]),
  );

  it('finds a valid NHS number but not a random 10-digit number', () => {
    expect(kindsOf('NHS no 943 476 5919')).toEqual(['nhs-number']);
    expect(kindsOf('ref 9434765918')).toEqual([]);
  });

  it.each(['NHS no 485 777 3456', 'nhs number: 4857773456', 'NHS # 485-777-3456'])(
    'finds a labelled NHS number even when its check digit fails: %s',
    (text) => expect(kindsOf(`${text} - 10yo`)).toEqual(['nhs-number']),
  );
});

describe('addresses', () => {
  it.each([
    ['of 14 Station Road, Harrogate', '14 Station Road'],
    ['at Flat 2, 3 Mill Lane', 'Flat 2, 3 Mill Lane'],
    ['lives at 27b Queen Street', '27b Queen Street'],
    ['at 5 Church View Close', '5 Church View Close'],
    ['moved to 9 elm tree avenue', '9 elm tree avenue'],
    ['at 14 station road', '14 station road'],
  ])('finds the address in %s', (text, address) => expect(found(text, 'address')).toEqual([address]));

  it.each([
    'a 7 year old walk to school',
    '3 children drive me mad',
    'the Under 10 Protocol',
    'two 15 year olds',
    '5 minutes walk from school',
    'Year 9 Park visit',
  ])('no address in %s', (text) => expect(found(text, 'address')).toEqual([]));
});

describe('names', () => {
  it.each([
    ['Tom Jenkins has been sending messages', 'Tom Jenkins'],
    ['a boy called Jack Smith', 'Jack Smith'],
    ['a boy called Jack', 'Jack'],
    ['a girl named Zuri', 'Zuri'],
    ['my pupil Sarah Ahmed said', 'Sarah Ahmed'],
    ['my pupil Sarah told me', 'Sarah'],
    ['Jack Smith, aged 12, told me', 'Jack Smith'],
    ['Mrs Patel came in', 'Mrs Patel'],
    ['Dr O’Neill referred him', 'Dr O’Neill'],
    ['I spoke to Kwame Mensah (age 14)', 'Kwame Mensah'],
    ['Kwame Mensah, aged 12, is', 'Kwame Mensah'],
    ['her brother Liam McDonald', 'Liam McDonald'],
    ['yesterday Priya Sharma-Jones disclosed', 'Priya Sharma-Jones'],
    ['the child’s name is Ellie-May', 'Ellie-May'],
  ])('finds the name in %s', (text, name) => expect(found(text, 'name')).toEqual([name]));

  it.each([
    'The Youth Justice Service and the Crown Prosecution Service',
    'Child Sexual Assault Assessment Centre',
    'What is the Under 10 Protocol in North Yorkshire?',
    'Working Together to Safeguard Children',
    'Keeping Children Safe in Education',
    'NSPCC and Brook and the Hackett continuum',
    'I called Childline and Stop It Now',
    'Police and the GP were told',
    'We are in Harrogate and York',
    'On Monday in September',
    'Mum agrees to everything at the meeting',
    'Miss said I could go',
    'Sir told us off',
    'Dad and Nan were there',
    'A 14 Year Old Boy',
    'The child Protection Plan',
    'Looked After Children',
    'Harmful Sexual Behaviour Framework',
    'Is Brook Traffic Light Tool useful?',
    'Can Designated Safeguarding Leads refer?',
    'Multi-Agency Child Exploitation meetings',
  ])('no name in %s', (text) => expect(found(text, 'name')).toEqual([]));
});

describe.each(questionSets())('$name: expected pii flag', ({ questions }) => {
  it.each(questions.map((q) => [q.q, q.pii ?? false] as const))('%s → %s', (q, expected) => {
    expect(detectPii(q).found).toBe(expected);
  });
});
