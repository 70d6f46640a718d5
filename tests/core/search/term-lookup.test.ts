import { describe, expect, it } from 'vitest';
import { Bm25fIndex } from '../../../src/core/search/bm25f.js';
import { TermLookup } from '../../../src/core/search/term-lookup.js';

describe('TermLookup', () => {
  const lookup = new TermLookup(['compliance', 'hackett', 'continuum', 'safeguarding', 'safe', 'genogram']);

  it('finds known words one edit away: substitution, insertion, deletion, swap', () => {
    expect(lookup.near('complience')).toContain('compliance');
    expect(lookup.near('hacket')).toContain('hackett');
    expect(lookup.near('continum')).toContain('continuum');
    expect(lookup.near('gneogram')).toContain('genogram');
  });

  it('finds words a prefix extends, and nothing for unrelated words', () => {
    expect(lookup.near('safeguar')).toContain('safeguarding');
    expect(lookup.near('weather')).toEqual([]);
    expect(lookup.near('saf')).toEqual([]); // too short to guess at
  });
});

describe('Bm25fIndex', () => {
  it('ranks a title match above a body mention and rewards matching more question words', () => {
    const index = new Bm25fIndex(
      [
        { id: 'a', fields: { title: ['strategy', 'meeting'], body: ['police', 'invite'] } },
        { id: 'b', fields: { title: ['bail'], body: ['strategy', 'gp', 'surgery'] } },
        { id: 'c', fields: { title: ['other'], body: ['nothing'] } },
      ],
      { title: 2.5, body: 1 },
    );
    const q = (...words: string[]) => new Map(words.map((w) => [w, [1, w] as const]));
    expect(index.search(q('strategy'), 3).map((h) => index.ids[h.doc])).toEqual(['a', 'b']);
    expect(index.ids[index.search(q('strategy', 'gp', 'surgery'), 1)[0]!.doc]).toBe('b');
  });

  it('keeps a bounded champion list per term, so cost does not grow with every document using a word', () => {
    const docs = Array.from({ length: 500 }, (_, i) => ({
      id: `d${i}`,
      fields: { body: ['child', `topic${i}`] },
    }));
    const index = new Bm25fIndex(docs, { body: 1 }, 48);
    expect(index.search(new Map([['child', [1, 'child'] as const]]), 1000)).toHaveLength(48);
    expect(index.docTerms.filter((t) => t.has('child'))).toHaveLength(500); // coverage still sees every use
  });

  it('counts a question word a document holds even when the document is outside that word’s champion list', () => {
    // 'child' keeps only the two documents where it weighs most; 'dsl' reaches the one it leaves out.
    const docs = [
      { id: 'a', fields: { body: ['child', 'child', 'child'] } },
      { id: 'b', fields: { body: ['child', 'child', 'child'] } },
      { id: 'c', fields: { body: ['child', 'dsl', 'x', 'x', 'x', 'x', 'x', 'x'] } },
      { id: 'd', fields: { body: ['dsl', 'y', 'y', 'y', 'y', 'y', 'y', 'y'] } },
      { id: 'e', fields: { body: ['z'] } },
    ];
    const index = new Bm25fIndex(docs, { body: 1 }, 2);
    const q = (...words: string[]) => new Map(words.map((w) => [w, [1, w] as const]));
    const scores = new Map(index.search(q('child', 'dsl'), 5).map((h) => [index.ids[h.doc], h.score]));
    const alone = new Map(index.search(q('dsl'), 5).map((h) => [index.ids[h.doc], h.score]));
    // c matched both question words: its 'dsl' weight counts twice; d holds only 'dsl'.
    expect(scores.get('c')).toBeCloseTo(2 * alone.get('c')!);
    expect(scores.get('d')).toBeCloseTo(alone.get('d')!);
  });
});
