import type { ContentPack, GuidanceItem } from '../src/core/content/types.js';

/**
 * Grows a pack n-fold with synthetic items: each real item is copied with its words reshuffled and a
 * set of made-up terms mixed in, so the index gets n× the documents and a much larger vocabulary.
 */
export function growPack(pack: ContentPack, factor: number, seed = 1): ContentPack {
  let state = seed;
  const random = () => (state = (state * 1103515245 + 12345) % 2 ** 31) / 2 ** 31;
  const word = () =>
    Array.from(
      { length: 5 + Math.floor(random() * 6) },
      () => 'abcdefghijklmnopqrstuvwxyz'[Math.floor(random() * 26)],
    ).join('');
  const shuffle = (text: string) => {
    const words = text.split(' ');
    for (let i = words.length - 1; i > 0; i--) {
      const j = Math.floor(random() * (i + 1));
      [words[i], words[j]] = [words[j] as string, words[i] as string];
    }
    return words.join(' ') + ' ' + Array.from({ length: 8 }, word).join(' ');
  };
  const items: GuidanceItem[] = [...pack.items];
  for (let copy = 1; copy < factor; copy++) {
    for (const item of pack.items) {
      items.push({
        ...item,
        id: `${item.id}-synthetic-${copy}`,
        title: shuffle(item.title),
        summary: shuffle(item.summary),
        questions: item.questions.map(shuffle),
        steps: item.steps.map(shuffle),
        related: [],
      });
    }
  }
  return { ...pack, items, byId: new Map(items.map((i) => [i.id, i])) };
}
