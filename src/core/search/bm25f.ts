/**
 * BM25F over a few weighted fields, with champion lists: each term keeps only the documents where
 * it weighs most (Manning, Raghavan & Schütze, "Introduction to Information Retrieval", 7.1.3). A
 * question's cost then depends on its words, not on the size of the content pack, which is how answers
 * stay fast as the partnership adds guidance.
 */
export interface FieldedDoc {
  id: string;
  /** Field name → its terms (already tokenised, stemmed and synonym-expanded). */
  fields: Record<string, readonly string[]>;
}

interface Posting {
  doc: number;
  weight: number;
}

// BM25+ (Lv & Zhai, 2011): DELTA lower-bounds a matched term's weight so long fields don't drown it.
const K1 = 1.2;
const B = 0.7;
const DELTA = 0.5;

export class Bm25fIndex {
  readonly ids: string[];
  /** Every term of each document, for checking what a question's words cover. */
  readonly docTerms: Set<string>[];
  readonly df = new Map<string, number>();
  private readonly postings = new Map<string, Posting[]>();

  constructor(docs: readonly FieldedDoc[], boosts: Readonly<Record<string, number>>, championsPerTerm = 48) {
    this.ids = docs.map((d) => d.id);
    this.docTerms = docs.map((d) => new Set(Object.values(d.fields).flat()));
    for (const terms of this.docTerms) for (const t of terms) this.df.set(t, (this.df.get(t) ?? 0) + 1);

    const avgLength: Record<string, number> = {};
    for (const field of Object.keys(boosts)) {
      avgLength[field] =
        docs.reduce((n, d) => n + (d.fields[field]?.length ?? 0), 0) / Math.max(docs.length, 1) || 1;
    }
    // Each field's idf comes from how many documents use the term in that field: a word rare in titles
    // says more in a title than a word every title has.
    const fieldDf: Record<string, Map<string, number>> = {};
    for (const field of Object.keys(boosts)) {
      const counts = new Map<string, number>();
      for (const d of docs)
        for (const t of new Set(d.fields[field] ?? [])) counts.set(t, (counts.get(t) ?? 0) + 1);
      fieldDf[field] = counts;
    }
    const n = Math.max(docs.length, 1);
    const all = new Map<string, Posting[]>();
    docs.forEach((d, doc) => {
      const weights = new Map<string, number>();
      for (const [field, boost] of Object.entries(boosts)) {
        const terms = d.fields[field] ?? [];
        const tf = new Map<string, number>();
        for (const t of terms) tf.set(t, (tf.get(t) ?? 0) + 1);
        const norm = 1 - B + (B * terms.length) / (avgLength[field] ?? 1);
        for (const [t, f] of tf) {
          const df = fieldDf[field]?.get(t) ?? 1;
          const idf = Math.log(1 + (n - df + 0.5) / (df + 0.5));
          weights.set(t, (weights.get(t) ?? 0) + boost * idf * (DELTA + (f * (K1 + 1)) / (f + K1 * norm)));
        }
      }
      for (const [t, weight] of weights) {
        const list = all.get(t);
        if (list) list.push({ doc, weight });
        else all.set(t, [{ doc, weight }]);
      }
    });
    for (const [t, list] of all)
      this.postings.set(t, list.sort((a, b) => b.weight - a.weight).slice(0, championsPerTerm));
  }

  get size(): number {
    return this.ids.length;
  }

  /**
   * Top `limit` documents. `terms` maps each term to [its weight, the question word it stands for];
   * a document's score is the sum of its champion weights times the number of question words it
   * matched, so matching more of the question beats matching one word many times.
   */
  search(
    terms: ReadonlyMap<string, readonly [number, string]>,
    limit: number,
  ): { doc: number; score: number }[] {
    // Indexed by document number: no per-posting map lookups or entry objects.
    const scores = new Float64Array(this.ids.length);
    const words: (Set<string> | undefined)[] = new Array<Set<string> | undefined>(this.ids.length);
    const touched: number[] = [];
    for (const [term, [factor, word]] of terms) {
      for (const p of this.postings.get(term) ?? []) {
        let matched = words[p.doc];
        if (!matched) {
          matched = new Set<string>();
          words[p.doc] = matched;
          touched.push(p.doc);
        }
        scores[p.doc] = (scores[p.doc] as number) + factor * p.weight;
        matched.add(word);
      }
    }
    // A document outside a term's champion list still holds that word of the question: count it.
    for (const doc of touched) {
      const matched = words[doc] as Set<string>;
      const has = this.docTerms[doc] as Set<string>;
      for (const [term, [, word]] of terms) if (!matched.has(word) && has.has(term)) matched.add(word);
    }
    return touched
      .map((doc) => ({ doc, score: (scores[doc] as number) * (words[doc] as Set<string>).size }))
      .sort((a, b) => b.score - a.score || a.doc - b.doc)
      .slice(0, limit);
  }
}
