import { resolve } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { Guide } from '../../../src/core/guide.js';
import { MemoryStore } from '../../../src/core/store/memory-store.js';
import { staffActs, staffWordsOf } from '../../../src/core/understanding/actor.js';
import { parse } from '../../../src/core/understanding/nlp.js';

const STAFF = staffWordsOf({ staff: ['sports coach', 'teaching assistant', 'dinner lady', 'youth worker'] });
const acts = (text: string) => staffActs(parse(text), STAFF);

describe('a member of staff acting on a child', () => {
  it('reads single staff words from the pack group, not generic last words', () => {
    expect([...STAFF].sort()).toEqual(['assistant', 'coach', 'staff', 'worker']);
  });

  it('is the staff word followed by what they did', () => {
    expect(acts('the coach has been texting a 13 year old girl')).toBe(true);
    expect(acts('a youth worker keeps giving one of the boys lifts home')).toBe(true);
    expect(acts('our teaching assistant grabbed a year 2 by the arm')).toBe(true);
  });

  it('is not a staff word as the one told, the writer, or the object', () => {
    expect(acts('a pupil told the coach that a boy sent her pictures')).toBe(false);
    expect(acts('as a youth worker I am worried about two boys sharing nudes')).toBe(false);
    expect(acts('a boy in year 9 hit the teaching assistant')).toBe(false);
  });

  it('is not staff reporting or recording a concern, or an everyday task', () => {
    expect(acts('the youth worker rang me about two boys in year 9')).toBe(false);
    expect(acts('the coach recorded it and shared the concern with me')).toBe(false);
    expect(acts('the coach keeps score on the whiteboard')).toBe(false);
  });
});

describe('the answer when staff act on a child', () => {
  let guide: Guide;
  beforeAll(async () => {
    guide = await Guide.create({ contentDir: resolve('content'), store: new MemoryStore() });
  });

  it('leads with the allegations route, not harm between children', () => {
    const reply = guide.ask(
      'one of our teachers has been sending a year 9 girl messages on instagram at night',
    );
    expect(['allegations-against-staff-lado', 'safer-working-practice']).toContain(reply.meta.itemIds[0]);
    expect(JSON.stringify(reply)).toContain('LADO');
    expect(reply.meta.itemIds).not.toContain('online-hsb');
  });

  it('leaves harm between children where it was', () => {
    const reply = guide.ask(
      'a boy in year 9 has been sending a girl in his class messages on instagram asking for pics',
    );
    expect(reply.meta.itemIds[0]).not.toBe('allegations-against-staff-lado');
  });
});
