import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { detectImmediateDanger, detectPii, findNhsNumbers, redact } from '../../../src/core/safety/index.js';

const KB100 = 100 * 1024;
const repeatTo = (unit: string, size: number): string =>
  unit.repeat(Math.ceil(size / unit.length)).slice(0, size);

// Inputs shaped to make a backtracking regex blow up: long runs of what the patterns partly match.
const HOSTILE: readonly [string, string][] = [
  ['empty', ''],
  ['whitespace', ' \n\t '.repeat(10)],
  ['emoji only', '😀🧒🏽👨‍👩‍👧‍👦🚨'.repeat(20)],
  ['binary junk', Array.from({ length: 4096 }, (_, i) => String.fromCharCode((i * 7919) % 65536)).join('')],
  ['lone surrogates', '\ud800\udc00\ud800'.repeat(100)],
  ['100 KB of letters', repeatTo('a', KB100)],
  ['100 KB of digits', repeatTo('1', KB100)],
  ['100 KB of spaced digits', repeatTo('123 456 ', KB100)],
  ['100 KB of capitalised words', repeatTo('Tom Jenkins Harrogate ', KB100)],
  ['100 KB of one long capitalised word', `T${repeatTo('o', KB100)}`],
  ['100 KB of at-signs and dots', repeatTo('a.b@c.', KB100)],
  ['100 KB of date fragments', repeatTo('12/12/', KB100)],
  ['100 KB of street-like text', repeatTo('14 Station ', KB100)],
  ['100 KB of birth cues', repeatTo('born on ', KB100)],
  ['100 KB of danger words', repeatTo('is being attacked right now and ', KB100)],
  ['100 KB without sentence breaks', repeatTo('she is at home with him ', KB100)],
  ['100 KB of postcode-ish', repeatTo('HG1 1A', KB100)],
  ['100 KB of phone-ish', repeatTo('+44 7700 ', KB100)],
];

describe('hostile and odd input', () => {
  it.each(HOSTILE)('%s: completes without throwing', (_label, text) => {
    const pii = detectPii(text);
    expect(Array.isArray(pii.kinds)).toBe(true);
    expect(typeof redact(text)).toBe('string');
    expect(Array.isArray(findNhsNumbers(text))).toBe(true);
    expect(typeof detectImmediateDanger(text).escalate).toBe('boolean');
  });

  it('finds nothing in empty, emoji-only or whitespace input', () => {
    for (const text of ['', '   ', '😀🚨🧒🏽']) {
      expect(detectPii(text)).toEqual({ found: false, kinds: [] });
      expect(detectImmediateDanger(text)).toEqual({ escalate: false, reasons: [] });
      expect(redact(text)).toBe(text);
    }
  });

  it('still finds identifiers at the end of a 100 KB message', () => {
    const text = `${repeatTo('the DSL met the family. ', KB100)}Contact tom@example.org or 07700 900123.`;
    expect(detectPii(text).kinds).toEqual(['email', 'phone']);
    expect(redact(text).endsWith('Contact [email] or [phone].')).toBe(true);
  });

  it('redact() only replaces identifier spans: everything else is kept in order', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'binary', maxLength: 300 }), (text) => {
        const out = redact(text);
        const kept = out.split(/\[(?:name|dob|nhs-number|postcode|address|phone|email)\]/);
        let at = 0;
        for (const part of kept) {
          const i = text.indexOf(part, at);
          expect(i).toBeGreaterThanOrEqual(0);
          at = i + part.length;
        }
      }),
    );
  });
});
