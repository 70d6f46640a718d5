import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startCaptureServer, type CaptureServer } from '../../helpers/capture-server.js';
import { startServer, type TestServer } from '../../helpers/start-server.js';
import { cardOf, conversation, message, post, type ConversationKind } from './activities.js';

/**
 * Keeping connector clients between turns must not change a single byte the connector receives. Two
 * servers, one building a client for every turn (botbuilder as it comes, `keepClients: false`) and
 * one keeping them (the default), get the same activities: every guidance item's first question, in
 * a personal chat and @mentioned in a channel. Each pair of replies must be equal once the reply id
 * (a fresh random id per reply) is masked.
 */
let cap: CaptureServer;
let stock: TestServer;
let kept: TestServer;
beforeAll(async () => {
  cap = await startCaptureServer();
  stock = await startServer({}, { adapter: { keepClients: false } });
  kept = await startServer();
});
afterAll(async () => {
  await stock?.stop();
  await kept?.stop();
  await cap?.close();
});

/** The reply with every `replyId` value replaced: the only part that differs by design. */
function masked(activity: Record<string, unknown>): unknown {
  return JSON.parse(JSON.stringify(activity), (key, value: unknown) =>
    key === 'replyId' && typeof value === 'string' ? '(reply id)' : value,
  );
}

/** Sends the activity to a server and returns the one reply the connector received for it. */
async function replyFrom(server: TestServer, activity: Record<string, unknown>, convId: string) {
  const res = await post(server.url, activity);
  expect(res.status).toBe(200);
  const replies = cap.for(convId);
  expect(replies).toHaveLength(1);
  expect(cardOf(replies[0]!.activity)).toBeDefined();
  return replies[0]!;
}

describe('replies with and without kept connector clients', () => {
  it('are the same for every guidance item, in a personal chat and in a channel', async () => {
    const items = kept.guide.pack.items;
    expect(items.length).toBeGreaterThan(10);
    let compared = 0;
    for (const kind of ['personal', 'channel'] as ConversationKind[]) {
      for (const [i, item] of items.entries()) {
        const question = item.questions[0] ?? item.title;
        // A practitioner per item: one person asking 60 questions at once would be asked to slow down.
        const from = { id: `29:${kind}-${i}`, name: 'A Practitioner', aadObjectId: `aad-${kind}-${i}` };
        const replies = [];
        for (const server of [stock, kept]) {
          const conv = conversation(kind);
          const activity = message({
            serviceUrl: cap.url,
            conv,
            from,
            text: question,
            mention: kind === 'channel',
          });
          const reply = await replyFrom(server, activity, conv.id as string);
          // The same conversation and ids for both, so only what the bot made can differ.
          replies.push(
            masked({ ...reply.activity, conversation: '(conversation)', replyToId: '(activity id)' }),
          );
        }
        expect(replies[1], `${kind}: ${item.id}`).toEqual(replies[0]);
        compared += 1;
      }
    }
    expect(compared).toBe(items.length * 2);
  }, 120_000);
});
