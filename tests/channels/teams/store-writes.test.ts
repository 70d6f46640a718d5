import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { serverWithConnector } from '../../helpers/server-with-connector.js';
import { conversation, message, post } from './activities.js';

/**
 * The embedded store rewrites its whole file on every commit, so a plain question must not commit
 * anything: turn state is unchanged, redelivery dedupe is in memory (one instance: the store is shared by
 * several only with PostgreSQL), question counts are batched.
 * A lowdb commit always rewrites store.json with fresh eTags, so an unchanged file means no commit.
 */
const world = serverWithConnector();

const storeFile = () => readFile(join(world.s.dataDir, 'store.json'), 'utf8');

async function ask(conv: Record<string, unknown>, text: string): Promise<void> {
  const before = world.cap.captured.length;
  const res = await post(
    world.s.url,
    message({ serviceUrl: world.cap.url, conv, text, mention: conv.isGroup === true }),
  );
  expect(res.status).toBe(200);
  await world.cap.waitFor(before + 1);
}

describe('Teams: store writes per question', () => {
  it('questions in personal chats and a known channel leave the store file untouched', async () => {
    const channel = conversation('channel');
    // The first message in a channel stores its reference (for digest subscriptions): one write.
    await ask(channel, 'What is the Under 10 Protocol?');
    const before = await storeFile();
    expect(before).toContain('conversation');
    for (const [i, text] of [
      'What is the Under 10 Protocol?',
      'who do I call about a worried 9 yr old',
      'recipe for chocolate cake',
    ].entries()) {
      await ask(conversation('personal'), text);
      await ask(conversation('personal', `a:same-chat`), `${text} ${i}`);
      await ask(channel, text);
    }
    expect(await storeFile()).toBe(before);
  });
});
