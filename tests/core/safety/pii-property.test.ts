import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { detectPii, redact, type PiiKind } from '../../../src/core/safety/index.js';
import { NOT_NAMES } from '../../../src/core/safety/name-lists.js';

// Practitioner sentences that carry no identifiers: identifiers are inserted between them.
const SENTENCES = [
  "I'm the DSL at a primary school in North Yorkshire.",
  'A 7 year old keeps touching other children at playtime.',
  'The Youth Justice Service has been involved since 2019.',
  'What should I do next?',
  'Mum agrees to everything at the meeting but nothing changes.',
  'We held a strategy meeting with Police and Children and Families Service last month.',
  'Is this harmful sexual behaviour under the Hackett continuum?',
  'The CPS review under the Under 10 Protocol took 8 weeks.',
  'Should I use the Brook Traffic Light Tool?',
  'The GP is worried about the 14 year old.',
  'Can we refer to FCAMHS or the NSPCC?',
  '',
];
const sentence = fc.constantFrom(...SENTENCES);

// Name-shaped words that are not in any list the detector uses (consonant-vowel syllables).
const syllable = fc
  .tuple(
    fc.constantFrom(...'bdfgklmnprstvz'),
    fc.constantFrom(...'aeiou'),
    fc.constantFrom('', 'n', 'r', 'l'),
  )
  .map((p) => p.join(''));
const nameWord = fc
  .array(syllable, { minLength: 2, maxLength: 3 })
  .map((s) => s.join(''))
  .filter((w) => !NOT_NAMES.has(w)) // "Person", "Baby": words practitioners use are not names by design
  .map((w) => w[0]!.toUpperCase() + w.slice(1));
const knownFirst = fc.constantFrom(
  'Tom',
  'Sarah',
  'Jack',
  'Priya',
  'Kwame',
  'Aoife',
  'Mohammed',
  'Zuzanna',
  'Chloe',
);
const fullName = fc.tuple(fc.oneof(knownFirst, nameWord), nameWord).map(([f, l]) => `${f} ${l}`);

const nameInContext = fc.oneof(
  fullName.map((n) => ({ text: `a boy called ${n}`, value: n })),
  fullName.map((n) => ({ text: `my pupil ${n} said`, value: n })),
  fullName.map((n) => ({ text: `${n}, aged 12, told me`, value: n })),
  fullName.map((n) => ({ text: `I spoke to ${n} (age 9)`, value: n })),
  nameWord.map((n) => ({ text: `a girl named ${n}`, value: n })),
  nameWord.map((n) => ({ text: `Mrs ${n} rang`, value: `Mrs ${n}` })),
  fc
    .tuple(knownFirst, nameWord)
    .map(([f, l]) => ({ text: `${f} ${l} has been sending messages`, value: `${f} ${l}` })),
);

const MONTHS = ['January', 'March', 'May', 'June', 'September', 'December', 'Feb', 'Oct'];
const day = fc.integer({ min: 1, max: 28 });
const month = fc.integer({ min: 1, max: 12 });
const year = fc.integer({ min: 1990, max: 2024 });
const pad = (n: number): string => String(n).padStart(2, '0');
const dob = fc.oneof(
  fc.tuple(day, month, year).map(([d, m, y]) => `${pad(d)}/${pad(m)}/${y}`),
  fc.tuple(day, month, year).map(([d, m, y]) => `${d}-${m}-${String(y).slice(2)}`),
  fc.tuple(day, fc.constantFrom(...MONTHS), year).map(([d, m, y]) => `${d} ${m} ${y}`),
  fc.tuple(day, fc.constantFrom(...MONTHS), year).map(([d, m, y]) => `${m} ${d}th ${y}`),
);
const dobInContext = fc.oneof(
  dob.map((d) => ({ text: `DOB ${d}`, value: d })),
  dob.map((d) => ({ text: `born on ${d}`, value: d })),
  dob.map((d) => ({ text: `(d.o.b. ${d})`, value: d })),
  dob.map((d) => ({ text: `seen ${d}`, value: d })),
);

function checkDigit(stem: string): number | undefined {
  const c = 11 - ([...stem].reduce((a, d, i) => a + Number(d) * (10 - i), 0) % 11);
  return c === 11 ? 0 : c === 10 ? undefined : c;
}
const nhs = fc
  .stringMatching(/^[1-9]\d{8}$/)
  .filter((s) => checkDigit(s) !== undefined)
  .chain((s) => {
    const n = `${s}${checkDigit(s)}`;
    return fc.constantFrom(
      n,
      `${n.slice(0, 3)} ${n.slice(3, 6)} ${n.slice(6)}`,
      `${n.slice(0, 3)}-${n.slice(3, 6)}-${n.slice(6)}`,
    );
  })
  .map((n) => ({ text: `NHS number ${n}`, value: n }));

const L = 'ABDEFGHJLMNPRSTUWYZ';
const letter = fc.constantFrom(...L);
const inward = fc
  .tuple(
    fc.integer({ min: 0, max: 9 }),
    fc.constantFrom(...'ABDEFGHJLNPQRSTUWXYZ'),
    fc.constantFrom(...'ABDEFGHJLNPQRSTUWXYZ'),
  )
  .map((p) => p.join(''));
const postcode = fc
  .tuple(letter, fc.option(letter, { nil: '' }), fc.integer({ min: 1, max: 29 }), inward, fc.boolean())
  .map(([a, b, n, i, lower]) => {
    const pc = `${a}${b}${n} ${i}`;
    // Known limitation: lower-case inward codes that read as ordinals ("y6 1st") are not postcodes.
    return lower && !/^(?:1st|2nd|3rd|[4-9]th)$/i.test(i) ? pc.toLowerCase() : pc;
  })
  .map((pc) => ({ text: `lives near ${pc} now`, value: pc }));

const digits = (n: number) => fc.stringMatching(new RegExp(`^\\d{${n}}$`));
const phone = fc
  .oneof(
    digits(9).map((d) => `07${d.slice(0, 3)} ${d.slice(3)}`),
    digits(9).map((d) => `+44 7${d.slice(0, 3)} ${d.slice(3)}`),
    digits(9).map((d) => `07${d}`),
    digits(8).map((d) => `01423 ${d.slice(0, 6)}`),
    digits(8).map((d) => `020 ${d.slice(0, 4)} ${d.slice(4)}`),
  )
  .map((p) => ({ text: `call ${p} later`, value: p }));

const email = fc
  .tuple(
    fc.stringMatching(/^[a-z][a-z0-9._]{1,12}$/),
    fc.constantFrom('example.org', 'school.sch.uk', 'nhs.net'),
  )
  .map(([local, domain]) => `${local}@${domain}`)
  .map((e) => ({ text: `email ${e} today`, value: e }));

const address = fc
  .tuple(
    fc.integer({ min: 1, max: 300 }),
    nameWord,
    fc.constantFrom('Road', 'Street', 'Lane', 'Avenue', 'Close', 'Drive', 'Crescent'),
  )
  .map(([n, w, s]) => `${n} ${w} ${s}`)
  .map((a) => ({ text: `lives at ${a} with mum`, value: a }));

const identifiers: [PiiKind, fc.Arbitrary<{ text: string; value: string }>][] = [
  ['name', nameInContext],
  ['dob', dobInContext],
  ['nhs-number', nhs],
  ['postcode', postcode],
  ['phone', phone],
  ['email', email],
  ['address', address],
];

describe('identifiers inserted into practitioner text', () => {
  it.each(identifiers)('always detects and redacts a %s', (kind, arb) => {
    fc.assert(
      fc.property(sentence, arb, sentence, (before, id, after) => {
        const text = `${before} ${id.text} ${after}`;
        expect(detectPii(text).kinds).toContain(kind);
        const out = redact(text);
        expect(out).not.toContain(id.value);
        expect(out).toContain(`[${kind}]`);
        expect(detectPii(out).found).toBe(false);
      }),
      { numRuns: 200 },
    );
  });

  it('redacts several kinds in one message', () => {
    fc.assert(
      fc.property(nameInContext, dobInContext, nhs, postcode, phone, email, (...ids) => {
        const text = ids.map((id) => id.text).join('. ');
        const out = redact(text);
        for (const id of ids) expect(out).not.toContain(id.value);
      }),
      { numRuns: 200 },
    );
  });

  it('finds nothing in the identifier-free sentences', () => {
    fc.assert(
      fc.property(fc.array(sentence, { maxLength: 6 }), (parts) => {
        const text = parts.join(' ');
        expect(detectPii(text)).toEqual({ found: false, kinds: [] });
        expect(redact(text)).toBe(text);
      }),
    );
  });
});
