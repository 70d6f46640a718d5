import { readdir, rm } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readContentPack } from '../../../src/core/content/load.js';
import { Guide } from '../../../src/core/guide.js';
import { MemoryStore } from '../../../src/core/store/memory-store.js';
import { copyContent, editFile } from '../../helpers/content-fixture.js';

let guide: Guide;
let withoutYoungCarers: Guide;
let dir: string;
beforeAll(async () => {
  guide = await Guide.create({ contentDir: resolve('content'), store: new MemoryStore() });
  // The same pack without its young carers item: a young carer's situation is then a worry no item covers.
  dir = await copyContent();
  await rm(join(dir, 'guidance', 'young-carers.md'));
  for (const file of await readdir(join(dir, 'guidance')))
    await editFile(join(dir, 'guidance', file), (text) =>
      text.replace(/^(related: \[.*)\byoung-carers\b,? ?/m, '$1').replace(/, \]/, ']'),
    );
  withoutYoungCarers = await Guide.create({ contentDir: dir, store: new MemoryStore() });
});
afterAll(() => rm(dir, { recursive: true }));

const YOUNG_CARER =
  "I'm worried about a 12 yr old in my class who looks after his mum, she's disabled and he does all the cooking and her medication";

describe('the general route: a worry about a child that no item covers', () => {
  it('is answered with the general item, said to be general, low confidence, sourced', () => {
    expect(guide.ask(YOUNG_CARER).meta.itemIds[0]).toBe('young-carers');
    const reply = withoutYoungCarers.ask(YOUNG_CARER);
    expect(reply.meta.answered).toBe(true);
    expect(reply.meta.itemIds[0]).toBe('talking-to-your-dsl');
    expect(reply.meta.lowConfidence).toBe(true);
    expect(reply.summary).toMatch(/^I don't have guidance on this exact situation/);
    expect(reply.sources.length).toBeGreaterThan(0);
  });

  it.each([
    'how do i set up a recurring teams meeting for the yr 7 pastoral team every fortnight',
    "what's the calpol dose for a 3 year old who weighs about 14kg",
    'best strategies for a year 2 boy with ADHD who won\u2019t stay on the carpet?',
  ])('a question about a child naming no worry is not given it: "%s"', (q) => {
    const reply = guide.ask(q);
    expect(reply.meta.itemIds).not.toContain('talking-to-your-dsl');
    expect(reply.meta.answered).toBe(false);
  });

  it('an item that covers the worry still answers it', () => {
    const reply = guide.ask('worried a 15 yr old is being groomed by an older man she met online');
    expect(reply.meta.answered).toBe(true);
    expect(reply.meta.itemIds[0]).not.toBe('talking-to-your-dsl');
    expect(reply.summary).not.toMatch(/exact situation/);
  });

  it('asking whom to tell about a child is a worry, whatever words it uses for it', () => {
    const reply = guide.ask(
      'a girl in yr 10 says older lads keep sending her to parties at a flat. who do i tell',
    );
    expect(reply.meta.answered).toBe(true);
    expect(reply.sources.length).toBeGreaterThan(0);
  });

  it('a long account offers the items it shares strong domain evidence with as nearest guidance', () => {
    const reply = guide.ask(
      "one of our girls (15) came in at 4am last sunday with cigs, a new phone and bruises on her upper arms and wouldn't say where she'd been, what should we be doing about it",
    );
    expect(reply.meta.itemIds[0]).toBe('talking-to-your-dsl');
    const near = reply.sections.find((s) => s.heading === 'Nearest guidance');
    expect(near?.lines.some((l) => /exploit/i.test(l))).toBe(true);
  });
});

describe('content:check: general_item', () => {
  it('refuses a general_item that is not a guidance item', async () => {
    const dir = await copyContent();
    await editFile(join(dir, 'pack.yaml'), (text) =>
      text.replace('general_item: talking-to-your-dsl', 'general_item: no-such-item'),
    );
    const { pack, issues } = await readContentPack(dir);
    expect(pack).toBeUndefined();
    expect(issues.some((i) => i.field === 'general_item' && i.message.includes('no-such-item'))).toBe(true);
    await rm(dir, { recursive: true });
  });

  it('without a general_item, an uncovered worry gets the honest signpost', async () => {
    const dir = await copyContent();
    await rm(join(dir, 'guidance', 'young-carers.md'));
    await editFile(join(dir, 'pack.yaml'), (text) => text.replace('general_item: talking-to-your-dsl', ''));
    const bare = await Guide.create({ contentDir: dir, store: new MemoryStore() });
    const reply = bare.ask(YOUNG_CARER);
    expect(reply.meta.answered).toBe(false);
    await rm(dir, { recursive: true });
  });
});
