import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { findNhsNumbers, isValidNhsNumber, nhsCheckDigit } from '../../../src/core/safety/index.js';

// Independent reference for the check digit: 11 − (Σ dᵢ × (11 − i) mod 11), 11 → 0, 10 → none.
function referenceCheck(stem: string): number | undefined {
  const sum = [...stem].reduce((acc, d, i) => acc + Number(d) * (10 - i), 0);
  const check = 11 - (sum % 11);
  return check === 11 ? 0 : check === 10 ? undefined : check;
}

const stem = fc.stringMatching(/^\d{9}$/);
const validNumber = stem
  .map((s) => ({ s, c: referenceCheck(s) }))
  .filter((x) => x.c !== undefined)
  .map(({ s, c }) => `${s}${c}`);

describe('isValidNhsNumber', () => {
  it.each(['9434765919', '943 476 5919', '943-476-5919', '4010232137', '4505577104'])('accepts %s', (n) =>
    expect(isValidNhsNumber(n)).toBe(true),
  );

  it.each([
    ['9434765918', 'wrong check digit'],
    ['1234567890', 'check digit is 10 for this stem'],
    ['943476591', 'nine digits'],
    ['94347659190', 'eleven digits'],
    ['943476591A', 'a letter'],
    ['', 'empty'],
  ])('rejects %s (%s)', (n) => expect(isValidNhsNumber(n)).toBe(false));

  it('accepts every stem with its computed check digit', () => {
    fc.assert(fc.property(validNumber, (n) => isValidNhsNumber(n)));
  });

  it('rejects every other final digit', () => {
    fc.assert(
      fc.property(validNumber, fc.integer({ min: 1, max: 9 }), (n, delta) => {
        const wrong = (Number(n[9]) + delta) % 10;
        return !isValidNhsNumber(`${n.slice(0, 9)}${wrong}`);
      }),
    );
  });

  it('rejects stems whose remainder gives 10, whatever the last digit', () => {
    fc.assert(
      fc.property(
        stem.filter((s) => referenceCheck(s) === undefined),
        fc.integer({ min: 0, max: 9 }),
        (s, d) => nhsCheckDigit(s) === undefined && !isValidNhsNumber(`${s}${d}`),
      ),
    );
  });

  it('agrees with the reference check digit', () => {
    fc.assert(fc.property(stem, (s) => nhsCheckDigit(s) === referenceCheck(s)));
  });
});

describe('findNhsNumbers', () => {
  it('finds the three written forms and gives their spans', () => {
    const text = 'ids 9434765919, 943 476 5919 and 943-476-5919.';
    expect(findNhsNumbers(text).map((s) => text.slice(s.start, s.end))).toEqual([
      '9434765919',
      '943 476 5919',
      '943-476-5919',
    ]);
  });

  it.each([
    'ref 9434765918',
    'case 1234567890',
    'mixed separators 943 476-5919',
    'inside a longer number 194347659190',
    'part of 12-943-476-5919',
  ])('ignores %s', (text) => expect(findNhsNumbers(text)).toEqual([]));
});
