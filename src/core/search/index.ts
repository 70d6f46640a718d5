import { Bm25fIndex, type FieldedDoc } from './bm25f.js';
import type { GuidanceItem } from '../content/types.js';
import { SynonymTable } from './synonyms.js';
import { TermLookup } from './term-lookup.js';

export interface SearchHit {
  id: string;
  score: number;
  /** Share of the question's meaning (IDF-weighted query terms) found in this item, in [0,1]. */
  coverage: number;
  /**
   * IDF weight of the matched query terms that belong to the domain vocabulary (item titles, tags,
   * practitioner phrasings, synonyms). Off-topic questions match, at most, words that only occur in
   * passing in an item body, so this stays near zero for them.
   */
  anchorWeight: number;
}

/** Unknown terms weigh like a term found in this many items. */
const UNKNOWN_TERM_DF = 3;

/** A typo's guessed correction counts half (for ranking and for coverage). */
const FUZZY_MATCH_WEIGHT = 0.5;

const FIELD_BOOSTS = { questions: 3, title: 2.5, tags: 1.5, summary: 1.5, body: 1 };

/** In-process full-text index over guidance items: BM25F with field boosts, synonyms, stemming, typo tolerance. */
export class GuidanceIndex {
  private readonly bm25: Bm25fIndex;
  private readonly lookup: TermLookup;
  private readonly docCount: number;
  private readonly anchors = new Set<string>();

  constructor(
    items: readonly GuidanceItem[],
    /** The pack's synonym table, shared with whatever else reads the same messages (the scope check). */
    readonly synonyms: SynonymTable,
  ) {
    const docs = items.map((item) => toDoc(item, (text) => this.synonyms.expand(text)));
    this.bm25 = new Bm25fIndex(docs, FIELD_BOOSTS);
    this.lookup = new TermLookup(this.bm25.df.keys());
    this.docCount = Math.max(docs.length, 1);
    for (const d of docs)
      for (const t of [...d.fields.title!, ...d.fields.questions!, ...d.fields.tags!]) this.anchors.add(t);
    for (const t of this.synonyms.vocabulary()) this.anchors.add(t);
  }

  /**
   * Inverse document frequency. A term no item uses (a typo, a place name, an incidental word) is
   * capped at the weight of a rare term, so one stray word cannot sink an otherwise clear question.
   */
  idf(term: string): number {
    const df = this.bm25.df.get(term) ?? 0;
    return Math.log(1 + (this.docCount + 1) / (Math.max(df, UNKNOWN_TERM_DF) + 0.5));
  }

  /** Whether the text names any of the pack's domain concepts (a synonym group: HSB, DSL, LADO…). */
  mentionsDomain(text: string): boolean {
    return this.synonyms.analyse(text).markers.size > 0;
  }

  search(query: string, limit = 5): SearchHit[] {
    const { terms, markers } = this.synonyms.analyse(query);
    // Bare numbers (ages, school years) locate a question but carry little of its meaning.
    const plain = [...new Set(terms.filter((t) => !markers.has(t) && !/^\d+$/.test(t)))];
    if (plain.length === 0 && markers.size === 0) return [];
    // Words the pack doesn't know may be typos: look for known words one edit away or extending them.
    const guesses = new Map<string, string[]>();
    const weighted = new Map<string, readonly [number, string]>();
    for (const t of new Set(terms)) {
      if (this.bm25.df.has(t)) weighted.set(t, [1, t]);
      else if (!t.startsWith('syn')) {
        const near = this.lookup.near(t);
        guesses.set(t, near);
        for (const n of near) if (!weighted.has(n)) weighted.set(n, [FUZZY_MATCH_WEIGHT, t]);
      }
    }
    // Per question, not per hit: each term's idf, and the synonym markers as a list.
    const plainIdf = plain.map((t) => this.idf(t));
    const markerList = [...markers];
    const total = plainIdf.reduce((sum, w) => sum + w, 0);
    return this.bm25.search(weighted, limit).map(({ doc, score }) => {
      const has = this.bm25.docTerms[doc] ?? new Set<string>();
      const exact = (t: string) =>
        has.has(t) || markerList.some(([marker, stems]) => stems.has(t) && has.has(marker));
      const guessed = (t: string) => (guesses.get(t) ?? []).some((g) => has.has(g));
      // Sums run in the same order as before (plain terms, then markers), so scores are bit-identical.
      let weight = 0;
      let anchorWeight = 0;
      const anchored: boolean[] = [];
      for (let i = 0; i < plain.length; i++) {
        const t = plain[i] as string;
        const isExact = exact(t);
        weight += (isExact ? 1 : guessed(t) ? FUZZY_MATCH_WEIGHT : 0) * (plainIdf[i] as number);
        anchored.push(isExact && this.anchors.has(t));
      }
      for (let i = 0; i < plain.length; i++) if (anchored[i]) anchorWeight += plainIdf[i] as number;
      for (const [marker] of markerList) if (has.has(marker)) anchorWeight += this.idf(marker);
      return {
        id: this.bm25.ids[doc] as string,
        score,
        coverage: total > 0 ? Math.min(1, weight / total) : 1,
        anchorWeight,
      };
    });
  }
}

function toDoc(item: GuidanceItem, tokenize: (text: string) => string[]): FieldedDoc {
  const body = [
    item.intro,
    ...item.steps,
    ...item.contactLines,
    item.why,
    ...item.sections.flatMap((s) => [s.heading, ...s.lines]),
  ]
    .join('\n')
    .replace(/\{\{contact:([a-z0-9_]+)\}\}/g, (_m, k: string) => k.replace(/_/g, ' '));
  return {
    id: item.id,
    fields: {
      title: tokenize(item.title),
      questions: item.questions.flatMap(tokenize),
      tags: item.tags.flatMap((t) => tokenize(t.replace(/-/g, ' '))),
      summary: tokenize(item.summary),
      body: tokenize(body),
    },
  };
}
