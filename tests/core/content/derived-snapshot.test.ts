import { afterEach, describe, expect, it } from 'vitest';
import { checkedBefore, parseCached, useDerivedSnapshot } from '../../../src/core/content/derived-snapshot.js';
import { parse } from '../../../src/core/understanding/nlp.js';

describe('derived snapshot', () => {
  afterEach(() => useDerivedSnapshot(false));

  it('is off outside the bundled server: parses are the parser’s and every check runs', () => {
    useDerivedSnapshot(false);
    expect(parseCached('A child is at risk of harm.')).toEqual(parse('A child is at risk of harm.'));
    let runs = 0;
    for (let i = 0; i < 2; i++) checkedBefore('test', { a: 1 }, () => (runs++, true));
    expect(runs).toBe(2);
  });

  it('never skips a check that failed', () => {
    useDerivedSnapshot(true);
    let runs = 0;
    for (let i = 0; i < 2; i++) checkedBefore('test-failing', { a: 1 }, () => (runs++, false));
    expect(runs).toBe(2);
  });
});
