import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { serverWithConnector } from '../../helpers/server-with-connector.js';
import { cardOf, conversation, invoke, message, post, submit } from './activities.js';
import { cardProblems, texts } from './card-checks.js';

const world = serverWithConnector();

type Json = Record<string, unknown>;

describe('Teams message extension', () => {
  it('answers composeExtension/query in the HTTP response with guidance item cards', async () => {
    const conv = conversation('personal');
    const res = await post(
      world.s.url,
      invoke({
        serviceUrl: world.cap.url,
        conv,
        name: 'composeExtension/query',
        value: {
          commandId: 'searchGuidance',
          parameters: [{ name: 'query', value: 'Under 10 Protocol' }],
          queryOptions: { skip: 0, count: 5 },
        },
      }),
    );
    expect(res.status).toBe(200);
    const body = (await res.json()) as { composeExtension: { type: string; attachments: Json[] } };
    expect(body.composeExtension.type).toBe('result');
    const expected = world.s.guide.searchItems('Under 10 Protocol', 5);
    expect(expected.length).toBeGreaterThan(0);
    expect(body.composeExtension.attachments).toHaveLength(expected.length);
    body.composeExtension.attachments.forEach((a, i) => {
      expect(a.contentType).toBe('application/vnd.microsoft.card.adaptive');
      expect(cardProblems(a.content)).toEqual([]);
      expect(texts(a.content)).toContain(expected[i]?.title);
      expect((a.preview as Json).contentType).toBe('application/vnd.microsoft.card.thumbnail');
    });
    expect(world.cap.for(conv.id as string)).toEqual([]);
  });

  it('shows items on the initial run with no text', async () => {
    const res = await post(
      world.s.url,
      invoke({
        serviceUrl: world.cap.url,
        conv: conversation('personal'),
        name: 'composeExtension/query',
        value: {
          commandId: 'searchGuidance',
          parameters: [{ name: 'initialRun', value: 'true' }],
          queryOptions: { count: 3 },
        },
      }),
    );
    const body = (await res.json()) as { composeExtension: { attachments: Json[] } };
    expect(body.composeExtension.attachments).toHaveLength(3);
  });
});

describe('Teams robustness', () => {
  it('answers a redelivered activity (same id) once', async () => {
    const conv = conversation('personal');
    const activity = message({ serviceUrl: world.cap.url, conv, text: 'What is the Under 10 Protocol?' });
    const [a, b] = await Promise.all([post(world.s.url, activity), post(world.s.url, activity)]);
    expect([a.status, b.status]).toEqual([200, 200]);
    await post(world.s.url, activity);
    await post(world.s.url, message({ serviceUrl: world.cap.url, conv, text: 'help' }));
    await world.cap.waitFor(1);
    const replies = world.cap
      .for(conv.id as string)
      .map((c) => texts(cardOf(c.activity))[0] ?? JSON.stringify(c.activity));
    expect(
      replies.filter((t) => t === world.s.guide.ask('What is the Under 10 Protocol?').title),
    ).toHaveLength(1);
    expect(replies).toHaveLength(2);
  });

  it('answers several quick messages in one conversation without a turn-state conflict', async () => {
    const conv = conversation('groupChat');
    const questions = [
      'help',
      'What is the Under 10 Protocol?',
      'checklist',
      'What is harmful sexual behaviour?',
    ];
    const results = await Promise.all(
      questions.map((text) => post(world.s.url, message({ serviceUrl: world.cap.url, conv, text }))),
    );
    expect(results.map((r) => r.status)).toEqual([200, 200, 200, 200]);
    expect(world.cap.for(conv.id as string)).toHaveLength(questions.length);
    expect(world.cap.for(conv.id as string).every((c) => cardOf(c.activity) !== undefined)).toBe(true);
    expect(world.s.logs().filter((l) => l.msg === 'teams: turn failed')).toEqual([]);
  });

  it('ignores unknown activity types without replying', async () => {
    const conv = conversation('personal');
    const odd = { ...message({ serviceUrl: world.cap.url, conv, text: 'x' }), type: 'somethingNew' };
    expect((await post(world.s.url, odd)).status).toBeLessThan(300);
    expect((await post(world.s.url, { ...odd, type: 'typing' })).status).toBeLessThan(300);
    await post(world.s.url, message({ serviceUrl: world.cap.url, conv, text: 'help' }));
    expect(world.cap.for(conv.id as string)).toHaveLength(1);
  });

  it('answers a tampered or incomplete card submit with a clear message and keeps working', async () => {
    const value = fc.oneof(
      fc.record(
        {
          verb: fc.constantFrom('ask', 'command', 'feedback', 'form', 'nope'),
          q: fc.anything(),
          command: fc.anything(),
        },
        { requiredKeys: ['verb'] },
      ),
      fc.record({
        verb: fc.constant('feedback'),
        replyId: fc.oneof(fc.string(), fc.constant('abcd1234')),
        itemIds: fc.oneof(fc.array(fc.string(), { maxLength: 12 }), fc.anything()),
        helpful: fc.oneof(fc.boolean(), fc.string()),
        reason: fc.oneof(fc.constantFrom('unclear', 'bogus', ''), fc.anything()),
      }),
      fc.dictionary(fc.string(), fc.jsonValue()),
      fc.jsonValue(),
    );
    await fc.assert(
      fc.asyncProperty(value, async (v) => {
        const conv = conversation('personal');
        const res = await post(world.s.url, submit({ serviceUrl: world.cap.url, conv, value: v }));
        expect(res.status).toBe(200);
        const replies = world.cap.for(conv.id as string).map((c) => c.activity);
        expect(replies).toHaveLength(1);
        const reply = replies[0] as Json;
        const c = cardOf(reply);
        if (c) expect(cardProblems(c).filter((p) => p !== 'unexpanded template expression')).toEqual([]);
        // Never the turn-error apology: every bad payload is handled as bad input.
        expect(String(reply.text ?? '')).not.toMatch(/reference/);
      }),
      { numRuns: 60 },
    );
    const errors = world.s.logs().filter((l) => l.msg === 'teams: turn failed');
    expect(errors).toEqual([]);
  });
});
