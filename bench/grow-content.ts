import type { ContentPack, GuidanceItem } from '../src/core/content/types.js';

export const GROWTH_MODEL =
  "each synthetic item keeps a real item's shape and about a third of its words (the shared safeguarding vocabulary) and replaces the rest with new topic words, as a partnership adding guidance on new topics would";

/**
 * Grows a pack n-fold with synthetic items on new topics: each copy of a real item keeps its structure
 * and roughly a third of its words, and swaps the rest for made-up topic words (a new vocabulary per
 * copy), so the index gets n× the documents, a much larger vocabulary, and common domain words whose
 * posting lists grow n× as well.
 */
export function growPack(pack: ContentPack, factor: number, seed = 1): ContentPack {
  let state = seed;
  const random = () => (state = (state * 1103515245 + 12345) % 2 ** 31) / 2 ** 31;
  const madeUp = new Map<string, string>();
  const word = () =>
    Array.from(
      { length: 5 + Math.floor(random() * 6) },
      () => 'abcdefghijklmnopqrstuvwxyz'[Math.floor(random() * 26)],
    ).join('');
  const rewrite = (text: string, copy: number) =>
    text
      .split(' ')
      .map((w) => {
        if (random() < 0.35) return w;
        const key = `${copy}:${w.toLowerCase()}`;
        if (!madeUp.has(key)) madeUp.set(key, word());
        return madeUp.get(key);
      })
      .join(' ');
  const items: GuidanceItem[] = [...pack.items];
  for (let copy = 1; copy < factor; copy++) {
    for (const item of pack.items) {
      items.push({
        ...item,
        id: `${item.id}-synthetic-${copy}`,
        title: rewrite(item.title, copy),
        summary: rewrite(item.summary, copy),
        questions: item.questions.map((q) => rewrite(q, copy)),
        steps: item.steps.map((s) => rewrite(s, copy)),
        contactLines: item.contactLines.map((s) => rewrite(s, copy)),
        why: rewrite(item.why, copy),
        intro: rewrite(item.intro, copy),
        sections: item.sections.map((s) => ({
          ...s,
          heading: rewrite(s.heading, copy),
          lines: s.lines.map((l) => rewrite(l, copy)),
        })),
        tags: item.tags.map((t) => rewrite(t, copy)),
        related: [],
      });
    }
  }
  return { ...pack, items, byId: new Map(items.map((i) => [i.id, i])) };
}
