import { describe, expect, it } from 'vitest';
import { withAgeBands } from '../../../src/core/content/age-bands.js';
import { Answerer } from '../../../src/core/answer/answerer.js';
import { GuidanceIndex } from '../../../src/core/search/index.js';
import { SynonymTable } from '../../../src/core/search/synonyms.js';
import { stem, terms } from '../../../src/core/search/text.js';
import { realGuide } from '../../helpers/guide.js';

describe('text normalisation', () => {
  it('meets UK/US spellings and word forms at one term', () => {
    expect(terms('behaviour')).toEqual(terms('behavior'));
    expect(terms('recognised')).toEqual(terms('recognized'));
    expect(terms('sexualised')).toEqual(terms('sexualized'));
    expect(stem('referrals')).toBe(stem('referral'));
    expect(stem('worried')).toBe(stem('worry'));
    expect(stem('worries')).toBe(stem('worry'));
    expect(stem('bullied')).toBe(stem('bullying'));
    expect(terms('What is the')).toEqual([]);
  });
});

/** The index and answerer over the real content pack, built as Guide builds them. */
async function realSearch(): Promise<{ index: GuidanceIndex; answerer: Answerer }> {
  const { pack } = await realGuide();
  const index = new GuidanceIndex(pack.items, new SynonymTable(pack.settings.synonyms));
  return { index, answerer: new Answerer(pack, index) };
}

describe('guidance search', () => {
  const search = realSearch();
  const top = async (q: string) => (await search).index.search(q, 3)[0]?.id;

  it('expands acronyms both ways', async () => {
    expect(await top('What does CSAAC stand for?')).toMatch(/^csaac/);
    expect(await top('child sexual assault assessment centre referral for the child who was harmed')).toMatch(
      /^csaac/,
    );
    expect(await top('what is MAPPA')).toBe('mappa');
    expect(await top('multi-agency public protection arrangements')).toBe('mappa');
  });

  it('meets a written age with the age band it falls in (pack.yaml age_bands)', async () => {
    const table = new SynonymTable(
      withAgeBands({ 'under 10': ['under ten'] }, { 'under 10': { from: 0, to: 9 } }),
    );
    const markers = (q: string) => [...table.analyse(q).markers.keys()];
    const band = markers('children under ten');
    expect(band).toHaveLength(1);
    for (const q of ['a 9 yr old', 'aged nine', 'my 7yo', 'a 3 year old', 'two years old'])
      expect(markers(q), q).toEqual(band);
    for (const q of ['a 10 year old', 'aged 14', '19 yrs old', 'page 9']) expect(markers(q), q).toEqual([]);

    const { index } = await search;
    const ids = (q: string) => index.search(q, 3).map((h) => h.id);
    expect(ids('9 yr old suspect in a sexual assault, can he be prosecuted')).toContain(
      'age-of-criminal-responsibility',
    );
    expect(ids('aged nine, accused of a sexual offence, police options')).toContain('under-10-protocol');
  });

  it('tolerates typos', async () => {
    expect(await top('disguised complience')).toBe('disguised-compliance');
    expect(await top('hacket continum')).toBe('hackett-continuum');
  });

  it('finds items by the words practitioners use, not only their titles', async () => {
    expect(await top('yp in care displaying hsb')).toBe('looked-after-children-hsb');
    expect(await top('teen on police bail needs a GP appointment')).toBe('bail-conditions-health-settings');
  });

  it('gives off-topic questions low coverage', async () => {
    const { index, answerer } = await search;
    for (const q of [
      'recipe for chocolate cake',
      'translate hello into French',
      "what's the weather in York",
    ]) {
      const hit = index.search(q, 1)[0];
      expect(answerer.confidentHits(q), q).toEqual([]);
      if (hit) expect(hit.anchorWeight < 2 || hit.coverage < 0.45, q).toBe(true);
    }
  });
});
