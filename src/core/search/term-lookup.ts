/**
 * Finds known terms close to an unknown one: within one edit (a typo: "complience" → "compliance")
 * through a deletion index (SymSpell's idea: two words are one edit apart only if deleting at most one
 * letter from each makes them equal), or starting with it ("safeguar" → "safeguarding").
 */
export class TermLookup {
  private readonly deletes = new Map<string, string[]>();
  private readonly sorted: string[];

  constructor(
    vocabulary: Iterable<string>,
    private readonly minFuzzyLength = 5,
    private readonly minPrefixLength = 6,
  ) {
    this.sorted = [...vocabulary].sort();
    for (const term of this.sorted) {
      if (term.length < this.minFuzzyLength - 1) continue;
      for (const key of [term, ...deletionsOf(term)]) {
        const list = this.deletes.get(key);
        if (list) list.push(term);
        else this.deletes.set(key, [term]);
      }
    }
  }

  /** Known terms within one edit of `term`, or starting with it; `term` itself is not included. */
  near(term: string, limit = 12): string[] {
    const found = new Set<string>();
    if (term.length >= this.minFuzzyLength) {
      for (const key of [term, ...deletionsOf(term)]) {
        for (const candidate of this.deletes.get(key) ?? []) {
          if (candidate !== term && withinOneEdit(term, candidate)) found.add(candidate);
        }
      }
    }
    if (term.length >= this.minPrefixLength) {
      for (let i = lowerBound(this.sorted, term); i < this.sorted.length && found.size < limit; i++) {
        const candidate = this.sorted[i] as string;
        if (!candidate.startsWith(term)) break;
        if (candidate !== term) found.add(candidate);
      }
    }
    return [...found].slice(0, limit);
  }
}

function deletionsOf(term: string): string[] {
  const out: string[] = [];
  for (let i = 0; i < term.length; i++) out.push(term.slice(0, i) + term.slice(i + 1));
  return out;
}

/** Levenshtein distance ≤ 1, or one swap of neighbouring letters. */
function withinOneEdit(a: string, b: string): boolean {
  if (Math.abs(a.length - b.length) > 1) return false;
  let i = 0;
  while (i < a.length && i < b.length && a[i] === b[i]) i++;
  if (a.length === b.length) {
    if (a.slice(i + 1) === b.slice(i + 1)) return true; // one substitution
    return a[i] === b[i + 1] && a[i + 1] === b[i] && a.slice(i + 2) === b.slice(i + 2); // one swap
  }
  return a.length > b.length ? a.slice(i + 1) === b.slice(i) : a.slice(i) === b.slice(i + 1);
}

function lowerBound(sorted: string[], value: string): number {
  let lo = 0;
  let hi = sorted.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if ((sorted[mid] as string) < value) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}
