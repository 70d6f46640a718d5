import type { QuestionGroup } from './report-data.js';

export interface DatedExample {
  date: string;
  kind: QuestionGroup['kind'];
  text: string;
  terms: readonly string[];
  itemId?: string;
}

/**
 * Two questions are grouped when their stemmed content terms overlap with Jaccard ≥ 0.5: at least half
 * of all the distinct content words between them are shared. Short paraphrases ("what is a strategy
 * meeting" / "what happens at a strategy meeting": 2 of 3) clear it; different topics that share one
 * generic word ("child online game" / "child school toilet": 1 of 5) do not. Lower thresholds chained
 * unrelated questions through "child" and "school" in trials; higher ones split plain rewordings.
 */
export const SIMILARITY_THRESHOLD = 0.5;

export function jaccard(a: ReadonlySet<string>, b: ReadonlySet<string>): number {
  if (a.size === 0 && b.size === 0) return 1; // wholly redacted questions belong together
  let shared = 0;
  for (const t of a) if (b.has(t)) shared++;
  return shared / (a.size + b.size - shared);
}

interface Building {
  group: QuestionGroup;
  seed: ReadonlySet<string>;
  key: string;
}

/**
 * Greedy grouping, newest first: each question joins the most similar group whose first (newest)
 * question it matches by SIMILARITY_THRESHOLD, else starts one. Signposted and low-confidence
 * questions never mix, and low-confidence ones group per item given. Candidate groups are found
 * through an inverted index of terms, so a large log costs little more than one pass.
 * Returns the groups most asked first (then most recent), at most `limit`.
 */
export function groupQuestions(
  examples: readonly DatedExample[],
  limit: number,
  titleOf: (itemId: string) => string,
): QuestionGroup[] {
  const newestFirst = [...examples].sort((a, b) => (a.date < b.date ? 1 : a.date > b.date ? -1 : 0));
  const groups: Building[] = [];
  const byTerm = new Map<string, Building[]>();
  const emptyByKey = new Map<string, Building>();
  for (const ex of newestFirst) {
    const key = `${ex.kind}|${ex.itemId ?? ''}`;
    const terms = new Set(ex.terms);
    let best: Building | undefined = terms.size === 0 ? emptyByKey.get(key) : undefined;
    let bestScore = 0;
    const seen = new Set<Building>();
    for (const t of terms) {
      for (const g of byTerm.get(t) ?? []) {
        if (seen.has(g) || g.key !== key) continue;
        seen.add(g);
        const score = jaccard(terms, g.seed);
        if (score >= SIMILARITY_THRESHOLD && score > bestScore) [best, bestScore] = [g, score];
      }
    }
    if (best) {
      best.group.count++;
      continue;
    }
    const group: QuestionGroup = { kind: ex.kind, example: ex.text, count: 1, lastAsked: ex.date };
    if (ex.itemId) group.answeredWith = { itemId: ex.itemId, title: titleOf(ex.itemId) };
    const building = { group, seed: terms, key };
    groups.push(building);
    if (terms.size === 0) emptyByKey.set(key, building);
    for (const t of terms) {
      const list = byTerm.get(t);
      if (list) list.push(building);
      else byTerm.set(t, [building]);
    }
  }
  return groups
    .map((g) => g.group)
    .sort((a, b) => b.count - a.count || (a.lastAsked < b.lastAsked ? 1 : a.lastAsked > b.lastAsked ? -1 : 0))
    .slice(0, limit);
}
