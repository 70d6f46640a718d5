import { isContentTerm, stems as stemAll, terms } from './text.js';

/**
 * Synonym groups from pack.yaml. Any phrase of a group found in a text adds the group's marker term
 * (e.g. "syn:hsb"), so "HSB" in a question meets "harmful sexual behaviour" in an item and vice versa.
 */
export interface Analysis {
  terms: string[];
  markers: Map<string, Set<string>>;
}

export class SynonymTable {
  private readonly phrases: { stems: string[]; marker: string }[] = [];
  /** Phrase positions (in `phrases`) by their first stem, so a text is checked only against phrases it could hold. */
  private readonly byFirstStem = new Map<string, number[]>();
  private last?: { text: string; result: Analysis };

  constructor(groups: Record<string, string[]>) {
    for (const [key, variants] of Object.entries(groups)) {
      const marker = this.markerOf(key);
      for (const phrase of [key, ...variants]) {
        const stems = stemAll(phrase);
        if (stems.some(isContentTerm)) this.phrases.push({ stems, marker });
      }
    }
    // Longest phrases first so multi-word phrases win over their parts.
    this.phrases.sort((a, b) => b.stems.length - a.stems.length);
    this.phrases.forEach(({ stems }, i) => {
      const first = stems[0] as string;
      const list = this.byFirstStem.get(first);
      if (list) list.push(i);
      else this.byFirstStem.set(first, [i]);
    });
  }

  /** The marker term a group's key stands for in analysed text ("HSB" → "synhsb"). */
  markerOf(key: string): string {
    return `syn${terms(key).join('') || key.toLowerCase().replace(/\W/g, '')}`;
  }

  /** Each synonym marker present in the (already stemmed) term list, with the terms of the phrase that matched. */
  markers(stemmed: readonly string[]): Map<string, Set<string>> {
    const candidates = new Set<number>();
    for (const s of stemmed) for (const i of this.byFirstStem.get(s) ?? []) candidates.add(i);
    const found = new Map<string, Set<string>>();
    // In phrase order (longest first), as a scan of every phrase would find them.
    for (const i of [...candidates].sort((a, b) => a - b)) {
      const { stems, marker } = this.phrases[i] as { stems: string[]; marker: string };
      if (!containsSequence(stemmed, stems)) continue;
      const covered = found.get(marker) ?? new Set<string>();
      for (const s of stems) covered.add(s);
      found.set(marker, covered);
    }
    return found;
  }

  /** Every marker and every content term of every phrase: the domain words the table knows. */
  vocabulary(): Set<string> {
    const out = new Set<string>();
    for (const { stems, marker } of this.phrases) {
      out.add(marker);
      for (const s of stems) if (isContentTerm(s)) out.add(s);
    }
    return out;
  }

  /** Terms of the text plus its synonym markers. */
  expand(text: string): string[] {
    return this.analyse(text).terms;
  }

  analyse(text: string): Analysis {
    // A search analyses the same query twice (our coverage, MiniSearch's tokenizer): remember the last one.
    if (this.last?.text === text) return this.last.result;
    const all = stemAll(text);
    const markers = this.markers(all);
    const result = { terms: [...all.filter(isContentTerm), ...markers.keys()], markers };
    this.last = { text, result };
    return result;
  }
}

function containsSequence(haystack: readonly string[], needle: readonly string[]): boolean {
  const first = needle[0];
  outer: for (let i = 0; i + needle.length <= haystack.length; i++) {
    if (haystack[i] !== first) continue;
    for (let j = 1; j < needle.length; j++) if (haystack[i + j] !== needle[j]) continue outer;
    return true;
  }
  return false;
}
