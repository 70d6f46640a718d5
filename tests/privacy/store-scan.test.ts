import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { serverWithConnector } from '../helpers/server-with-connector.js';
import {
  BOT,
  conversation,
  installationUpdate,
  membersAdded,
  message,
  post,
  submit,
} from '../channels/teams/activities.js';

/** Display names Teams sends with every activity: the person's, the bot's, and a named group chat's. */
const PERSON = {
  id: '29:names-1',
  name: 'Ottoline Brackenbury',
  aadObjectId: '00000000-0000-0000-0000-0000000000b7',
};
const CHAT_NAME = 'Ottoline and Pemberton planning';

const world = serverWithConnector({ ADMIN_USERS: PERSON.aadObjectId });

describe('the store keeps ids, never display names', () => {
  it('after channel and group-chat turns, digest subscriptions and installs, no name is stored', async () => {
    const channel = { ...conversation('channel'), name: CHAT_NAME };
    const group = { ...conversation('groupChat'), name: CHAT_NAME };
    const base = { serviceUrl: world.cap.url, from: PERSON };
    const turns = [
      installationUpdate({ ...base, conv: channel, action: 'add' }),
      membersAdded({ ...base, conv: group, members: [{ id: BOT.id }] }),
      message({ ...base, conv: channel, text: 'What is the Under 10 Protocol?', mention: true }),
      message({ ...base, conv: channel, text: 'digest subscribe', mention: true }),
      message({ ...base, conv: group, text: 'digest subscribe', mention: true }),
      message({ ...base, conv: group, text: 'checklist', mention: true }),
      // A question the guidance cannot answer (kept as a redacted example) and a feedback click.
      message({ ...base, conv: conversation('personal'), text: 'recipe for chocolate cake' }),
      submit({
        ...base,
        conv: conversation('personal'),
        value: { verb: 'feedback', replyId: 'abcd1234', itemIds: [], helpful: true },
      }),
    ];
    for (const activity of turns) expect((await post(world.s.url, activity)).status).toBe(200);
    await world.s.guide.close();
    const stored = await readFile(join(world.s.dataDir, 'store.json'), 'utf8');
    // The subscriptions were stored (with the ids a proactive post needs)…
    expect(stored).toContain('subscription/');
    expect(stored).toContain(PERSON.aadObjectId);
    // …and no name: not the person's, the bot's or the conversation's.
    for (const name of [PERSON.name, 'Brackenbury', BOT.name, CHAT_NAME, 'Pemberton']) {
      expect(stored.toLowerCase()).not.toContain(name.toLowerCase());
    }
  });
});

const REPO = new URL('../../', import.meta.url).pathname;

/** The key patterns of the README's "What is stored where" table, e.g. `checklist/{user}/{run}`. */
async function readmeKeyPatterns(): Promise<RegExp[]> {
  const readme = await readFile(join(REPO, 'README.md'), 'utf8');
  const section = readme.slice(readme.indexOf('### What is stored where'));
  const rows = section.slice(0, section.indexOf('\n\n', section.indexOf('| key prefix'))).split('\n');
  return rows
    .filter((row) => row.startsWith('| `'))
    .flatMap((row) => [...(row.split('|')[1] ?? '').matchAll(/`([^`]+)`/g)].map((m) => m[1] ?? ''))
    .map((pattern) => {
      const parts = pattern.split(/(\{[a-z]+\}|…)/);
      const body = parts
        .map((part) =>
          part === '…' ? '.+' : part.startsWith('{') ? '[^/]+' : part.replace(/[.*+?^$()|[\]\\]/g, '\\$&'),
        )
        .join('');
      return new RegExp(`^${body}$`);
    });
}

describe('the README says what is stored', () => {
  it('every key the store holds after real traffic matches a row of the README table', async () => {
    const patterns = await readmeKeyPatterns();
    expect(patterns.length).toBeGreaterThan(8);
    const { items } = JSON.parse(await readFile(join(world.s.dataDir, 'store.json'), 'utf8')) as {
      items: Record<string, unknown>;
    };
    const keys = Object.keys(items);
    for (const prefix of ['conversation/', 'subscription/', 'question-log/', 'feedback/'])
      expect(keys.some((k) => k.startsWith(prefix))).toBe(true);
    expect(keys.filter((key) => !patterns.some((p) => p.test(key)))).toEqual([]);
  });
});
