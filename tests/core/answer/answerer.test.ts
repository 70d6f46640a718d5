import { describe, expect, it } from 'vitest';
import { renderPlainText } from '../../../src/cli/plain-text.js';
import { realGuide } from '../../helpers/guide.js';

describe('answers', () => {
  it('gives steps, contacts, why, a cited source and follow-ups for a "what do I do" question', async () => {
    const guide = await realGuide();
    const reply = guide.ask('A 7 year old keeps touching other children at playtime, what do I do?');
    expect(reply.kind).toBe('answer');
    expect(reply.meta.answered).toBe(true);
    expect(reply.steps.length).toBeGreaterThanOrEqual(3);
    expect(reply.contacts.some((c) => /designated safeguarding lead/i.test(c.name))).toBe(true);
    expect(reply.why).toBeTruthy();
    expect(reply.sources[0]).toMatchObject({
      id: expect.any(String),
      title: expect.any(String),
      document: expect.any(String),
    });
    expect(reply.followUps.length).toBeGreaterThanOrEqual(2);
    expect(reply.followUps.length).toBeLessThanOrEqual(3);
    expect(reply.actions.filter((a) => a.kind === 'feedback')).toHaveLength(2);
    expect(reply.meta.escalation).toBe(false);
  });

  it('says plainly when it has no guidance, signposts, and cites nothing', async () => {
    const guide = await realGuide();
    for (const q of [
      'Can you write me a poem about autumn?',
      'What is the capital of Australia?',
      'How do I book annual leave?',
    ]) {
      const reply = guide.ask(q);
      expect(reply.kind, q).toBe('signpost');
      expect(reply.meta.answered, q).toBe(false);
      expect(reply.sources, q).toEqual([]);
      const text = renderPlainText(reply);
      expect(text, q).toMatch(/I don't have guidance on that/);
      expect(text, q).toMatch(/designated safeguarding lead/i);
    }
  });

  it('puts the emergency line first when a child is in danger now', async () => {
    const guide = await realGuide();
    const reply = guide.ask('Someone is dragging a child into a van outside school right now');
    expect(reply.kind).toBe('escalation');
    expect(reply.meta.escalation).toBe(true);
    expect(reply.warnings[0]?.level).toBe('emergency');
    const text = renderPlainText(reply);
    expect(text.split('\n')[0]).toMatch(/999/);
    expect(reply.sources.length).toBeGreaterThan(0);
  });

  it('does not escalate a historical disclosure or a general question', async () => {
    const guide = await realGuide();
    for (const q of [
      'A pupil told me something sexual happened on a school trip last year',
      'When should I call 999?',
      'What is the Under 10 Protocol?',
    ]) {
      const reply = guide.ask(q);
      expect(reply.meta.escalation, q).toBe(false);
      expect(
        reply.warnings.some((w) => w.level === 'emergency'),
        q,
      ).toBe(false);
    }
  });

  it('warns about identifiable details and still answers, without echoing them', async () => {
    const guide = await realGuide();
    const q =
      'Tom Jenkins (DOB 04/05/2013) of 14 Station Road, Harrogate HG1 1AA has been sending sexual messages to younger pupils. What should I do?';
    const reply = guide.ask(q);
    expect(reply.meta.pii).toBe(true);
    expect(reply.warnings.some((w) => /identifiable/i.test(w.title))).toBe(true);
    expect(reply.meta.answered).toBe(true);
    const text = renderPlainText(reply);
    for (const fragment of ['Tom Jenkins', '04/05/2013', 'Station Road', 'HG1 1AA'])
      expect(text).not.toContain(fragment);
  });

  it('gives a clear reply, never a crash, for empty, huge, binary and emoji-only input', async () => {
    const guide = await realGuide();
    const junk = Buffer.from(Array.from({ length: 512 }, (_, i) => (i * 37) % 256)).toString('latin1');
    const cases: [unknown, RegExp][] = [
      ['', /empty/],
      ['   \n\t ', /empty/],
      ['x'.repeat(100 * 1024), /too long/],
      ['where do I refer '.repeat(7000), /too long/],
      [junk, /.+/],
      ['\u0000\u0001\u0002\u0003', /empty|couldn't find a question/],
      ['😀😀😀🙈', /couldn't find a question/],
      [undefined, /empty/],
      [42, /empty/],
    ];
    for (const [input, expected] of cases) {
      const reply = guide.ask(input as string);
      expect(reply.title).toBeTruthy();
      expect(renderPlainText(reply)).toMatch(expected);
      expect(reply.meta.answered).toBe(false);
    }
  });

  it('still escalates danger inside an over-long message', async () => {
    const guide = await realGuide();
    const reply = guide.ask(
      'He has a knife and is threatening the child right now. ' + 'More detail. '.repeat(500),
    );
    expect(reply.meta.escalation).toBe(true);
    expect(renderPlainText(reply).split('\n')[0]).toMatch(/999/);
  });
});

describe('items written for some ages', () => {
  it('answers with them for a child of those ages, and not for a child outside them', async () => {
    const guide = await realGuide();
    const homeless = (age: string) =>
      guide.ask(`a ${age} year old has been kicked out by his mum and has nowhere to sleep tonight`);
    expect(homeless('16').meta.itemIds).toContain('homeless-16-17-year-olds');
    const younger = homeless('11');
    expect(younger.meta.itemIds).not.toContain('homeless-16-17-year-olds');
    // Not a far weaker item in its place: the worry about a child gets the general route.
    expect(renderPlainText(younger)).toMatch(/designated safeguarding lead/i);
    expect(younger.meta.itemIds).not.toContain('young-carers');
    // A school year gives the ages too: year 12 holds 16 and 17 year olds, year 7 11 and 12.
    expect(guide.ask('yr 12 lad thrown out by his parents, nowhere to stay').meta.itemIds).toContain(
      'homeless-16-17-year-olds',
    );
    expect(guide.ask('yr 7 lad thrown out by his parents, nowhere to stay').meta.itemIds).not.toContain(
      'homeless-16-17-year-olds',
    );
  });

  it('keeps them when any child named is of those ages, or when no age is given', async () => {
    const guide = await realGuide();
    expect(
      guide.ask("a 12 year old touched a 7 year old's private parts, what do we do").meta.itemIds,
    ).toContain('young-child-sexualised-behaviour');
    expect(guide.ask('what is the under 10 protocol').meta.itemIds).toContain('under-10-protocol');
    expect(guide.ask('a 14 year old boy and the under 10 protocol, does it apply').meta.itemIds).not.toContain(
      'under-10-protocol',
    );
  });
});

describe('content safety in every rendered answer', () => {
  it('shows only phone numbers and web addresses that pack.yaml defines', async () => {
    const guide = await realGuide();
    const allowedPhones = new Set(
      [...guide.pack.contacts.values()]
        .map((c) => c.phone?.replace(/\s/g, ''))
        .filter((p): p is string => Boolean(p)),
    );
    const allowedUrls = new Set([
      ...[...guide.pack.contacts.values()].map((c) => c.url).filter(Boolean),
      ...[...guide.pack.documents.values()].map((d) => d.url).filter(Boolean),
    ]);
    for (const item of guide.pack.items) {
      const text = renderPlainText(guide.itemReply(item.id)!);
      for (const m of text.matchAll(/(?<![\d-])(?:\+44\s?|0)\d[\d ]{8,12}\d(?![\d-])/g)) {
        expect(allowedPhones.has(m[0].replace(/\s/g, '')), `${item.id}: ${m[0]}`).toBe(true);
      }
      for (const m of text.matchAll(/\b\d{3}\b/g)) {
        if (['999', '101'].includes(m[0])) expect(allowedPhones.has(m[0])).toBe(true);
      }
      for (const m of text.matchAll(/https?:\/\/[^\s,)]+/g))
        expect(allowedUrls.has(m[0]), `${item.id}: ${m[0]}`).toBe(true);
      expect(text, item.id).not.toMatch(/\{\{contact:/);
    }
  });

  it('signposts unset local contacts instead of inventing details', async () => {
    const guide = await realGuide();
    const reply = guide.itemReply('allegations-against-staff-lado')!;
    const lado = reply.contacts.find((c) => /LADO/.test(c.name));
    expect(lado).toBeDefined();
    expect(lado?.signpost).toBe(true);
    expect(lado?.detail).toMatch(/ask your designated safeguarding lead/i);
  });
});
