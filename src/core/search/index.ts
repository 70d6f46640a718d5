import MiniSearch from 'minisearch';
import type { GuidanceItem } from '../content/types.js';
import { SynonymTable } from './synonyms.js';

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

interface IndexedDoc {
  id: string;
  title: string;
  questions: string;
  tags: string;
  summary: string;
  body: string;
}

/** Unknown terms weigh like a term found in this many items. */
const UNKNOWN_TERM_DF = 3;

const FUZZY_MATCH_WEIGHT = 0.5;

const FIELD_BOOSTS = { questions: 3, title: 2.5, tags: 1.5, summary: 1.5, body: 1 };

/** In-process full-text index over guidance items: BM25 with field boosts, synonyms, stemming, fuzzy. */
export class GuidanceIndex {
  private readonly mini: MiniSearch<IndexedDoc>;
  private readonly df = new Map<string, number>();
  private readonly docCount: number;
  private readonly anchors = new Set<string>();

  constructor(
    items: readonly GuidanceItem[],
    private readonly synonyms: SynonymTable,
  ) {
    const tokenize = (text: string) => this.synonyms.expand(text);
    this.mini = new MiniSearch<IndexedDoc>({
      fields: Object.keys(FIELD_BOOSTS),
      storeFields: [],
      tokenize,
      processTerm: (t) => t,
      searchOptions: {
        tokenize,
        processTerm: (t) => t,
        boost: FIELD_BOOSTS,
        // Fuzzy and prefix matching only for words the pack doesn't know (typos, odd forms): known words
        // match exactly, which keeps answers fast and stops "abuse" fuzzily matching "abusive" noise.
        fuzzy: (term) => (term.length >= 5 && !this.df.has(term) ? 0.25 : false),
        prefix: (term) => term.length >= 6 && !this.df.has(term),
        combineWith: 'OR',
      },
    });
    const docs = items.map(toDoc);
    this.mini.addAll(docs);
    for (const d of docs) {
      const seen = new Set(tokenize([d.title, d.questions, d.tags, d.summary, d.body].join('\n')));
      for (const t of seen) this.df.set(t, (this.df.get(t) ?? 0) + 1);
    }
    this.docCount = Math.max(docs.length, 1);
    for (const d of docs)
      for (const t of tokenize([d.title, d.questions, d.tags].join('\n'))) this.anchors.add(t);
    for (const t of this.synonyms.vocabulary()) this.anchors.add(t);
  }

  /**
   * Inverse document frequency. A term no item uses (a typo, a place name, an incidental word) is
   * capped at the weight of a rare term, so one stray word cannot sink an otherwise clear question.
   */
  idf(term: string): number {
    const df = this.df.get(term) ?? 0;
    return Math.log(1 + (this.docCount + 1) / (Math.max(df, UNKNOWN_TERM_DF) + 0.5));
  }

  search(query: string, limit = 5): SearchHit[] {
    const { terms, markers } = this.synonyms.analyse(query);
    // Bare numbers (ages, school years) locate a question but carry little of its meaning.
    const plain = [...new Set(terms.filter((t) => !markers.has(t) && !/^\d+$/.test(t)))];
    if (plain.length === 0 && markers.size === 0) return [];
    const total = plain.reduce((sum, t) => sum + this.idf(t), 0);
    const results = this.mini.search(query).slice(0, limit);
    return results.map((r) => {
      const exact = new Set(r.terms);
      const matched = new Set(r.queryTerms);
      const viaSynonym = (t: string) =>
        [...markers].some(([marker, stems]) => stems.has(t) && exact.has(marker));
      // Exact (or synonym) matches count fully; a fuzzy/prefix match is a guess at a typo and counts half.
      const weightOf = (t: string) =>
        (exact.has(t) || viaSynonym(t) ? 1 : matched.has(t) ? FUZZY_MATCH_WEIGHT : 0) * this.idf(t);
      const weight = plain.reduce((sum, t) => sum + weightOf(t), 0);
      const anchorTerms = [
        ...plain.filter((t) => this.anchors.has(t) && (exact.has(t) || viaSynonym(t))),
        ...[...markers.keys()].filter((m) => exact.has(m)),
      ];
      const anchorWeight = anchorTerms.reduce((sum, t) => sum + this.idf(t), 0);
      return {
        id: String(r.id),
        score: r.score,
        coverage: total > 0 ? Math.min(1, weight / total) : 1,
        anchorWeight,
      };
    });
  }
}

function toDoc(item: GuidanceItem): IndexedDoc {
  return {
    id: item.id,
    title: item.title,
    questions: item.questions.join('\n'),
    tags: item.tags.map((t) => t.replace(/-/g, ' ')).join('\n'),
    summary: item.summary,
    body: [
      item.intro,
      ...item.steps,
      ...item.contactLines,
      item.why,
      ...item.sections.flatMap((s) => [s.heading, ...s.lines]),
    ]
      .join('\n')
      .replace(/\{\{contact:([a-z0-9_]+)\}\}/g, (_m, k: string) => k.replace(/_/g, ' ')),
  };
}
