import { describe, expect, it } from 'vitest';
import { Bm25fIndex, type FieldedDoc } from '../../../src/core/search/bm25f.js';

const BOOSTS = { title: 2.5, body: 1 };

/** A seeded corpus: few common words (long posting lists) and many rare ones. */
function corpus(size: number, seed: number): { docs: FieldedDoc[]; vocabulary: string[] } {
  let state = seed;
  const random = () => (state = (state * 1103515245 + 12345) % 2 ** 31) / 2 ** 31;
  const vocabulary = Array.from({ length: 60 }, (_, i) => `w${i}`);
  // Skewed: low-numbered words are common.
  const word = () => vocabulary[Math.floor(random() ** 2 * vocabulary.length)] as string;
  const docs = Array.from({ length: size }, (_, i) => ({
    id: `d${i}`,
    fields: {
      title: Array.from({ length: 1 + Math.floor(random() * 4) }, word),
      body: Array.from({ length: 5 + Math.floor(random() * 30) }, word),
    },
  }));
  return { docs, vocabulary };
}

/**
 * The search as first written: a document's champion weights (read back one term at a time) summed
 * in the question's term order, times the question words it holds anywhere, every candidate sorted.
 */
function reference(
  index: Bm25fIndex,
  terms: ReadonlyMap<string, readonly [number, string]>,
  limit: number,
): { doc: number; score: number }[] {
  const scores = new Map<number, number>();
  for (const [term, [factor]] of terms)
    for (const { doc, score: weight } of index.search(new Map([[term, [1, term]]]), index.size))
      scores.set(doc, (scores.get(doc) ?? 0) + factor * weight);
  return [...scores]
    .map(([doc, sum]) => {
      const words = new Set<string>();
      for (const [term, [, word]] of terms) if (index.docTerms[doc]?.has(term)) words.add(word);
      return { doc, score: sum * words.size };
    })
    .sort((a, b) => b.score - a.score || a.doc - b.doc)
    .slice(0, limit);
}

describe('BM25F search', () => {
  it('ranks exactly as scoring and sorting every candidate would, with champion lists of any length', () => {
    for (const [size, champions, seed] of [
      [40, 48, 1],
      [300, 48, 2],
      [300, 5, 3],
    ] as const) {
      const { docs, vocabulary } = corpus(size, seed);
      const index = new Bm25fIndex(docs, BOOSTS, champions);
      let state = seed * 7;
      const random = () => (state = (state * 1103515245 + 12345) % 2 ** 31) / 2 ** 31;
      for (let q = 0; q < 60; q++) {
        // Some terms stand for the same question word (as a typo's guesses do), at half weight.
        const terms = new Map<string, readonly [number, string]>();
        const count = 1 + Math.floor(random() * 12);
        for (let i = 0; i < count; i++) {
          const term = vocabulary[Math.floor(random() * vocabulary.length)] as string;
          const word = random() < 0.3 ? `q${Math.floor(random() * 3)}` : term;
          if (!terms.has(term)) terms.set(term, [word === term ? 1 : 0.5, word]);
        }
        if (random() < 0.2) terms.set('unknown', [1, 'unknown']);
        for (const limit of [1, 3, 5, 10])
          expect(index.search(terms, limit)).toEqual(reference(index, terms, limit));
      }
    }
  });

  it('leaves no trace of one search in the next', () => {
    const { docs } = corpus(50, 9);
    const index = new Bm25fIndex(docs, BOOSTS);
    const query = new Map<string, readonly [number, string]>([
      ['w1', [1, 'w1']],
      ['w5', [1, 'w5']],
    ]);
    const first = index.search(query, 5);
    index.search(new Map([['w2', [1, 'w2']]]), 5);
    expect(index.search(query, 5)).toEqual(first);
    expect(index.search(new Map(), 5)).toEqual([]);
  });
});
