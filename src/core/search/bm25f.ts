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
  /** Every document holding each term (ascending), champion or not. */
  private readonly containing = new Map<string, Int32Array>();
  // Per-document scratch for search(), cleared for the documents each search touched.
  private scores = new Float64Array(0);
  private seen = new Uint8Array(0);
  private wordCount = new Uint32Array(0);
  private wordStamp = new Uint32Array(0);

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
    for (const [t, list] of all) {
      this.containing.set(
        t,
        Int32Array.from(list, (p) => p.doc),
      );
      this.postings.set(t, list.sort((a, b) => b.weight - a.weight).slice(0, championsPerTerm));
    }
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
    const n = this.ids.length;
    if (this.scores.length !== n) {
      this.scores = new Float64Array(n);
      this.seen = new Uint8Array(n);
      this.wordCount = new Uint32Array(n);
      this.wordStamp = new Uint32Array(n);
    }
    const { scores, seen, wordCount, wordStamp } = this;
    // Indexed by document number, reused across searches: no per-search allocation the pack's size.
    const touched: number[] = [];
    const wordIndex = new Map<string, number>();
    for (const [term, [factor, word]] of terms) {
      if (!wordIndex.has(word)) wordIndex.set(word, wordIndex.size);
      for (const p of this.postings.get(term) ?? []) {
        if (seen[p.doc] === 0) {
          seen[p.doc] = 1;
          touched.push(p.doc);
        }
        scores[p.doc] = (scores[p.doc] as number) + factor * p.weight;
      }
    }
    // The question words each touched document holds, in or outside a term's champion list: each
    // word's terms walk their full (integer) document lists, stamping a document once per word.
    const byWord: string[][] = Array.from({ length: wordIndex.size }, () => []);
    for (const [term, [, word]] of terms) byWord[wordIndex.get(word) as number]?.push(term);
    byWord.forEach((wordTerms, w) => {
      const stamp = w + 1;
      for (const term of wordTerms) {
        const docs = this.containing.get(term);
        if (!docs) continue;
        for (let i = 0; i < docs.length; i++) {
          const doc = docs[i] as number;
          if (seen[doc] === 1 && wordStamp[doc] !== stamp) {
            wordStamp[doc] = stamp;
            wordCount[doc] = (wordCount[doc] as number) + 1;
          }
        }
      }
    });
    // Top `limit` by score, then document number (a total order, so the same as sorting them all).
    const top: { doc: number; score: number }[] = [];
    for (const doc of touched) {
      const score = (scores[doc] as number) * (wordCount[doc] as number);
      scores[doc] = 0;
      seen[doc] = 0;
      wordCount[doc] = 0;
      wordStamp[doc] = 0;
      if (limit <= 0) continue;
      const last = top[top.length - 1];
      if (top.length >= limit && last && !(score > last.score || (score === last.score && doc < last.doc)))
        continue;
      let at = top.length;
      while (at > 0) {
        const before = top[at - 1] as { doc: number; score: number };
        if (score > before.score || (score === before.score && doc < before.doc)) at--;
        else break;
      }
      top.splice(at, 0, { doc, score });
      if (top.length > limit) top.pop();
    }
    return top;
  }
}
