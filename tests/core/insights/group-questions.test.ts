import { describe, expect, it } from 'vitest';
import { groupQuestions, jaccard, type DatedExample } from '../../../src/core/insights/group-questions.js';
import { questionTerms, redactQuestion } from '../../../src/core/insights/redact-question.js';

const ex = (date: string, text: string, kind: DatedExample['kind'] = 'signposted', itemId?: string) => {
  const redacted = redactQuestion(text);
  return { date, kind, text: redacted, terms: questionTerms(redacted), ...(itemId ? { itemId } : {}) };
};
const title = (id: string) => `Title of ${id}`;

describe('groupQuestions', () => {
  it('merges paraphrases and keeps different topics apart, most asked first', () => {
    const groups = groupQuestions(
      [
        ex('2025-10-01', 'How do I make a referral to the youth offending team?'),
        ex('2025-10-03', 'Referral to youth offending team - how?'),
        ex('2025-10-02', 'how do i refer to the youth offending team'),
        ex('2025-10-05', 'where can I get a recipe for chocolate cake'),
        ex('2025-10-04', 'chocolate cake recipe please'),
        ex('2025-10-06', 'Can a child be excluded for vaping in school'),
        ex('2025-10-07', 'what time does the school office open'),
      ],
      20,
      title,
    );
    expect(groups.map((g) => [g.example, g.count, g.lastAsked])).toEqual([
      ['Referral to youth offending team - how?', 3, '2025-10-03'],
      ['where can I get a recipe for chocolate cake', 2, '2025-10-05'],
      ['what time does the school office open', 1, '2025-10-07'],
      ['Can a child be excluded for vaping in school', 1, '2025-10-06'],
    ]);
  });

  it('never mixes signposted with low-confidence questions, nor low-confidence answers with different items', () => {
    const groups = groupQuestions(
      [
        ex('2025-10-01', 'how many weeks holiday do teachers get', 'low-confidence', 'lado'),
        ex('2025-10-02', 'how many weeks of holiday do teachers get', 'low-confidence', 'lado'),
        ex('2025-10-03', 'how many weeks holiday do teachers get', 'low-confidence', 'other-item'),
        ex('2025-10-04', 'how many weeks holiday do teachers get', 'signposted'),
      ],
      20,
      title,
    );
    expect(groups).toEqual([
      {
        kind: 'low-confidence',
        example: 'how many weeks of holiday do teachers get',
        count: 2,
        lastAsked: '2025-10-02',
        answeredWith: { itemId: 'lado', title: 'Title of lado' },
      },
      {
        kind: 'signposted',
        example: 'how many weeks holiday do teachers get',
        count: 1,
        lastAsked: '2025-10-04',
      },
      {
        kind: 'low-confidence',
        example: 'how many weeks holiday do teachers get',
        count: 1,
        lastAsked: '2025-10-03',
        answeredWith: { itemId: 'other-item', title: 'Title of other-item' },
      },
    ]);
  });

  it('groups wholly redacted questions together and caps the number of groups', () => {
    const many = Array.from({ length: 30 }, (_, i) =>
      ex('2025-10-01', `unrelatedword${'x'.repeat(i)} topic${i}`),
    );
    expect(groupQuestions(many, 20, title)).toHaveLength(20);
    const redacted = groupQuestions(
      [ex('2025-10-01', 'Marjorie Quillfeather'), ex('2025-10-02', 'Tom Jenkins')],
      20,
      title,
    );
    expect(redacted).toEqual([{ kind: 'signposted', example: '[name]', count: 2, lastAsked: '2025-10-02' }]);
  });

  it('uses Jaccard similarity of term sets', () => {
    expect(jaccard(new Set(['a', 'b']), new Set(['b', 'c']))).toBeCloseTo(1 / 3);
    expect(jaccard(new Set(['strategy', 'meet']), new Set(['strategy', 'meet', 'happen']))).toBeCloseTo(
      2 / 3,
    );
    expect(jaccard(new Set(), new Set(['a']))).toBe(0);
  });
});
