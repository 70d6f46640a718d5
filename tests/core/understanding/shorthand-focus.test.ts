import { describe, expect, it } from 'vitest';
import { Shorthand } from '../../../src/core/understanding/shorthand.js';
import { focusOf } from '../../../src/core/understanding/focus.js';
import { parse } from '../../../src/core/understanding/nlp.js';

describe('shorthand', () => {
  const sh = new Shorthand({ strat: 'strategy', mtg: 'meeting', tmrw: 'tomorrow', pic: 'picture' });
  it('writes out the pack lexicon as whole words only', () => {
    expect(sh.expand('strat mtg tmrw about a pic')).toBe('strategy meeting tomorrow about a picture');
    expect(sh.expand('strategic picnic')).toBe('strategic picnic');
  });
  it('reads ages and school years glued to their numbers, not durations', () => {
    expect(sh.expand('a 15yo in yr8')).toBe('a 15 year old in year 8');
    expect(sh.expand('12 y/o and a 9 yr old')).toBe('12 year old and a 9 year old');
    expect(sh.expand('3 yrs ago')).toBe('3 yrs ago');
  });
  it("reads babies' ages in months and weeks, not durations or distances", () => {
    expect(sh.expand('her 18m old')).toBe('her 18 month old');
    expect(sh.expand('a 4 mth old and a 6 wk old')).toBe('a 4 month old and a 6 week old');
    expect(sh.expand('missing for 6 mths')).toBe('missing for 6 mths');
    expect(sh.expand('lives 18m away')).toBe('lives 18m away');
  });
  it('puts back the apostrophe a family word lost before "here", "outside" or a partner', () => {
    expect(sh.expand('stepdads here')).toBe("stepdad's here");
    expect(sh.expand('mums boyfriend')).toBe("mum's boyfriend");
    expect(sh.expand('the dads football team')).toBe('the dads football team');
  });
});

describe('message focus', () => {
  const focus = (text: string) => focusOf(text, parse(text));
  it('drops role, greeting and apology preambles', () => {
    expect(focus('GP partner here - what is a strategy meeting?').body).toBe('what is a strategy meeting?');
    expect(focus('deputy head: who is the LADO?').body).toBe('who is the LADO?');
    expect(focus('Morning all. Sorry long one. What is the Under 10 Protocol?').body).toBe(
      'What is the Under 10 Protocol?',
    );
  });
  it('keeps a role that is the topic', () => {
    expect(focus('a teacher has been accused of touching a pupil, what do I do?').body).toContain('teacher');
  });
  it('finds each question sentence of a long message', () => {
    const f = focus(
      'Long story about a pupil and a trip. What is section 47? And who chairs a strategy meeting?',
    );
    expect(f.questions).toEqual(['What is section 47?', 'And who chairs a strategy meeting?']);
  });
  it('splits one sentence that asks two questions, but not a question with "also" inside it', () => {
    expect(focus('what are bail conditions and can they stop him coming in').questions).toEqual([
      'what are bail conditions',
      'and can they stop him coming in',
    ]);
    expect(focus('can the boy who did it also be referred?').questions).toEqual([
      'can the boy who did it also be referred?',
    ]);
  });
  it('reads a question after a dash with the story before it, and "2 qs sorry" as a preamble', () => {
    const f = focus(
      'strat tmrw re two yr 5s in the same class - do I need a safety plan, and can they stay?',
    );
    expect(f.questions[0]).toMatch(/^strat tmrw .* do I need a safety plan/);
    expect(f.questions).toHaveLength(2);
    expect(f.askedAlone[0]).toBe('do I need a safety plan,');
    expect(focus('2 qs sorry - who is the LADO?').body).toBe('who is the LADO?');
  });
  it('reads a question the writer asks after a comma, alone only when it names a topic', () => {
    const f = focus(
      'doing induction for new night staff next week, what should i tell them to do if a YP goes missing',
    );
    expect(f.askedAlone[0]).toBe('what should i tell them to do if a YP goes missing');
    // No topic of its own: read with the story, never alone.
    expect(
      focus('if a kid discloses abuse after school, what should staff do first?').askedAlone[0],
    ).toBeUndefined();
    // A clause that only starts with a question word is not a question.
    expect(focus('she was fine until lunch, when she got upset').questions).toEqual([]);
  });
});
