import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { serverWithConnector } from '../../helpers/server-with-connector.js';
import {
  BOT,
  USER,
  cardOf,
  conversation,
  installationUpdate,
  invoke,
  membersAdded,
  message,
  post,
  submit,
} from './activities.js';
import { cardProblems, ofType, texts } from './card-checks.js';

/**
 * End to end over real HTTP: activities POSTed to the real server, replies read from the local
 * connector capture server. The guidance comes from the repo's content pack.
 */
const world = serverWithConnector();

type Json = Record<string, unknown>;

/** Posts an activity and returns the replies captured for its conversation. */
async function exchange(activity: Json, expected = 1): Promise<Json[]> {
  const convId = (activity.conversation as Json).id as string;
  const before = world.cap.for(convId).length;
  const res = await post(world.s.url, activity);
  expect(res.status).toBe(200);
  await world.cap.waitFor(world.cap.captured.length - world.cap.for(convId).length + before + expected);
  return world.cap
    .for(convId)
    .slice(before)
    .map((c) => c.activity);
}

function card(reply: Json | undefined): Json {
  const c = reply && cardOf(reply);
  if (!c) throw new Error(`no card in ${JSON.stringify(reply)}`);
  expect(cardProblems(c)).toEqual([]);
  return c;
}

describe('Teams conversations', () => {
  it('answers a question in a personal chat with steps, sources and follow-ups, as a reply to the message', async () => {
    const conv = conversation('personal');
    const activity = message({ serviceUrl: world.cap.url, conv, text: 'What is the Under 10 Protocol?' });
    const [reply] = await exchange(activity);
    expect(reply?.replyToId).toBe(activity.id);
    const c = card(reply);
    const expected = world.s.guide.ask('What is the Under 10 Protocol?');
    expect(texts(c)).toContain(expected.title);
    expect(texts(c).some((t) => t.startsWith('1. '))).toBe(true);
    expect(texts(c)).toContain('Sources');
    for (const src of expected.sources)
      expect(texts(c)).toContain([src.document, src.section].filter(Boolean).join(', '));
    // Answer first: the rest (sources included) is in a hidden container that "Show more" toggles.
    const more = (c.body as Json[]).find((e) => e.id === 'more');
    expect(more?.isVisible).toBe(false);
    expect(texts(more)).toContain('Sources');
    expect(ofType(c, 'Action.ToggleVisibility')[0]).toMatchObject({
      title: 'Show more',
      targetElements: ['more'],
    });
    expect(texts(c)).toContain('If a child is in immediate danger, call 999.');
    const asks = ofType(c, 'Action.Submit')
      .map((a) => a.data as Json)
      .filter((d) => d.verb === 'ask');
    expect(asks.map((a) => a.q)).toEqual(
      expect.arrayContaining(expected.followUps.filter((f) => f !== 'help').slice(0, 1)),
    );
  });

  it('"should we ring the accused boy\'s parents?": the card leads with agreeing it with the police and social care', async () => {
    const conv = conversation('personal');
    const question = "should we ring the accused boy's parents?";
    const [reply] = await exchange(message({ serviceUrl: world.cap.url, conv, text: question }));
    const shown = texts(card(reply));
    const title = shown.indexOf('Should I tell parents before I refer?');
    expect(title).toBeGreaterThanOrEqual(0);
    const lead = shown[title + 1] ?? '';
    expect(lead).toMatch(/^Where a crime may have been committed/);
    expect(lead).toMatch(/agrees with the police and children's social care/);
    expect(lead.indexOf('police')).toBeLessThan(lead.indexOf('be open'));
    expect(shown.find((t) => t.startsWith('1. '))).toMatch(
      /don't contact the family of the child accused yourself/,
    );
  });

  it('answers an @mention in a team channel with the mention removed', async () => {
    const conv = conversation('channel');
    const [reply] = await exchange(
      message({ serviceUrl: world.cap.url, conv, text: 'What is the Under 10 Protocol?', mention: true }),
    );
    expect(texts(card(reply))).toContain(world.s.guide.ask('What is the Under 10 Protocol?').title);
  });

  it('recognises "help" after an @mention in a group chat', async () => {
    const conv = conversation('groupChat');
    const [reply] = await exchange(message({ serviceUrl: world.cap.url, conv, text: 'help', mention: true }));
    expect(texts(card(reply))).toContain(world.s.guide.help().title);
  });

  it("reads a command past another person's @mention (Teams leaves <at> tags for all but the bot's)", async () => {
    const conv = conversation('channel');
    const text = '<at>Jo Bloggs</at> help';
    // Another practitioner: the file's other tests keep USER near the per-person message limit.
    const from = { ...USER, id: '29:user-2', aadObjectId: '00000000-0000-0000-0000-0000000000a2' };
    const [reply] = await exchange(message({ serviceUrl: world.cap.url, conv, from, text, mention: true }));
    expect(texts(card(reply))).toContain(world.s.guide.help().title);
  });

  it('leads with the 999 warning, visually distinct, for a child in immediate danger', async () => {
    const conv = conversation('personal');
    const replies = await exchange(
      message({
        serviceUrl: world.cap.url,
        conv,
        text: 'A child is being sexually assaulted right now in the toilets, what do I do?',
      }),
    );
    expect(replies).toHaveLength(1);
    const first = (card(replies[0]).body as Json[])[0] as Json;
    expect(first).toMatchObject({ type: 'Container', style: 'attention' });
    expect(texts(first).join(' ')).toMatch(/999/);
  });

  it('warns about identifiable details and does not log or store the text', async () => {
    const conv = conversation('personal');
    const text = 'Jane Smith (DOB 12/03/2015) touched another child at school, what do I do?';
    const [reply] = await exchange(message({ serviceUrl: world.cap.url, conv, text }));
    const warning = (card(reply).body as Json[])[0] as Json;
    expect(warning.style).toBe('warning');
    expect(texts(warning).join(' ')).toMatch(/identifiable/i);
    expect(world.s.logText()).not.toContain('Jane Smith');
    expect(world.s.logText()).not.toContain('12/03/2015');
  });

  it('welcomes on install (conversationUpdate with the bot added, then installationUpdate) once', async () => {
    const conv = conversation('personal');
    const replies = await exchange(
      membersAdded({ serviceUrl: world.cap.url, conv, members: [{ id: BOT.id }, { id: USER.id }] }),
    );
    expect(texts(card(replies[0]))).toContain(world.s.guide.welcome().title);
    const res = await post(
      world.s.url,
      installationUpdate({ serviceUrl: world.cap.url, conv, action: 'add' }),
    );
    expect(res.status).toBe(200);
    // A marker message proves the installationUpdate was processed before we count.
    await exchange(message({ serviceUrl: world.cap.url, conv, text: 'help' }));
    expect(
      world.cap
        .for(conv.id as string)
        .filter((c) => texts(cardOf(c.activity)).includes(world.s.guide.welcome().title)),
    ).toHaveLength(1);
  });

  it('welcomes again when a client reopens the same conversation (a reload of Agents Playground)', async () => {
    const conv = conversation('personal');
    const added = () =>
      membersAdded({ serviceUrl: world.cap.url, conv, members: [{ id: BOT.id }, { id: USER.id }] });
    const [first] = await exchange(added());
    expect(texts(card(first))).toContain(world.s.guide.welcome().title);
    const [again] = await exchange(added());
    expect(texts(card(again))).toContain(world.s.guide.welcome().title);
  });

  it('welcomes on installationUpdate alone, and says nothing when another member joins', async () => {
    const conv = conversation('groupChat');
    const [reply] = await exchange(installationUpdate({ serviceUrl: world.cap.url, conv, action: 'add' }));
    expect(texts(card(reply))).toContain(world.s.guide.welcome().title);
    const res = await post(
      world.s.url,
      membersAdded({ serviceUrl: world.cap.url, conv, members: [{ id: '29:someone-else' }] }),
    );
    expect(res.status).toBe(200);
    await exchange(message({ serviceUrl: world.cap.url, conv, text: 'help' }));
    expect(world.cap.for(conv.id as string)).toHaveLength(2);
  });

  it('answers a follow-up button click', async () => {
    const conv = conversation('personal');
    const [first] = await exchange(
      message({ serviceUrl: world.cap.url, conv, text: 'What is the Under 10 Protocol?' }),
    );
    const ask = ofType(card(first), 'Action.Submit')
      .map((a) => a.data as Json)
      .find((d) => d.verb === 'ask');
    expect(ask).toBeDefined();
    const [second] = await exchange(submit({ serviceUrl: world.cap.url, conv, value: ask }));
    expect(texts(card(second))).toContain(world.s.guide.ask(ask?.q as string).title);
  });

  it('a vote redraws the card in place: "Thanks — recorded" instead of the buttons, one vote per reply', async () => {
    const conv = conversation('personal');
    const [first] = await exchange(
      message({ serviceUrl: world.cap.url, conv, text: 'What is the Under 10 Protocol?' }),
    );
    const helpful = ofType(card(first), 'Action.Execute').find((a) => a.title === 'Helpful') as Json;
    expect(helpful).toMatchObject({ verb: 'feedback', fallback: { type: 'Action.Submit' } });
    const up = helpful.data as Json;
    const click = () =>
      post(
        world.s.url,
        invoke({
          serviceUrl: world.cap.url,
          conv,
          name: 'adaptiveCard/action',
          value: { action: { type: 'Action.Execute', verb: 'feedback', data: up }, trigger: 'manual' },
        }),
      );
    const res = await click();
    expect(res.status).toBe(200);
    const body = (await res.json()) as { type?: string; value?: Json };
    expect(body.type).toBe('application/vnd.microsoft.card.adaptive');
    const redrawn = body.value as Json;
    expect(cardProblems(redrawn)).toEqual([]);
    expect(texts(redrawn)).toContain('Thanks — recorded');
    expect(texts(redrawn)).toContain(texts(card(first))[0]); // the same answer, still there
    expect(texts(redrawn)).not.toContain('Helpful');
    expect(ofType(redrawn, 'Action.ShowCard')).toEqual([]);
    // No "Thank you" message is posted into the conversation.
    expect(world.cap.for(conv.id as string)).toHaveLength(1);
    const stored = await world.s.store.get<Json>(`feedback/${up.replyId as string}`);
    expect(stored?.value).toMatchObject({ helpful: true });

    // An old copy of the card clicked again (another device): the first vote stands, no second message.
    const again = await click();
    expect(again.status).toBe(200);
    const fallback = ofType(card(first), 'Action.Execute').find((a) => a.title === 'Helpful')
      ?.fallback as Json;
    const [repeat] = await exchange(
      submit({ serviceUrl: world.cap.url, conv, value: { ...(fallback.data as Json), helpful: false } }),
    );
    expect(repeat?.text).toMatch(/already recorded/);
    expect((await world.s.store.get<Json>(`feedback/${up.replyId as string}`))?.value).toMatchObject({
      helpful: true,
    });
  });

  it('stores feedback with a reason code and no message text (Action.Submit fallback)', async () => {
    const conv = conversation('personal');
    const question = 'What is the Under 10 Protocol?';
    const [first] = await exchange(message({ serviceUrl: world.cap.url, conv, text: question }));
    const showCard = ofType(card(first), 'Action.ShowCard')[0] as Json;
    const send = ofType(showCard, 'Action.Execute')[0]?.fallback as Json;
    expect(send.type).toBe('Action.Submit');
    const down = send.data as Json;
    const [thanks] = await exchange(
      submit({ serviceUrl: world.cap.url, conv, value: { ...down, reason: 'unclear' } }),
    );
    expect(thanks?.text).toMatch(/thanks — recorded/i);
    const stored = await world.s.store.list<Json>('feedback/');
    const mine = stored.find((f) => f.key === `feedback/${down.replyId as string}`);
    expect(mine?.value).toMatchObject({
      helpful: false,
      reason: 'unclear',
      channel: 'teams',
      itemIds: down.itemIds,
    });
    // A lowdb put resolves only once the file is durably written: no need to close the store to read it.
    const file = await readFile(join(world.s.dataDir, 'store.json'), 'utf8');
    expect(file).toContain(`feedback/${down.replyId as string}`);
    expect(file).not.toContain(question);
  });
});
