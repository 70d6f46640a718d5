import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import { FakeSlackApi, type RecordedCall } from '../../helpers/fake-slack-api.js';
import { dm, eventEnvelope } from '../../helpers/slack-events.js';
import { formBody, postSigned } from '../../helpers/slack-signing.js';
import type { TestServer } from '../../helpers/start-server.js';
import { SECRET, startSlackWorld, stopSlackWorld } from './slack-world.js';

const BOT_USER = 'UBOT0001';

let fake: FakeSlackApi;
let server: TestServer;
let url: string;

beforeAll(async () => {
  ({ fake, server, url } = await startSlackWorld());
});

afterAll(() => stopSlackWorld({ fake, server }));

beforeEach(() => fake.reset());

const json = (body: unknown) => JSON.stringify(body);
const sendJson = (body: string, headers: Record<string, string> = {}, timestamp?: number) =>
  postSigned(url, body, { secret: SECRET, contentType: 'application/json', headers, timestamp });
const sendForm = (body: string) =>
  postSigned(url, body, { secret: SECRET, contentType: 'application/x-www-form-urlencoded' });

const blocksOf = (call: RecordedCall | undefined) => (call?.args.blocks ?? []) as Record<string, unknown>[];
const textOfBlocks = (call: RecordedCall | undefined) => JSON.stringify(blocksOf(call));

/** `/safeguarding <text>` typed in channel C200 by U100; the answer comes back through `response_url` `id`. */
const channelCommand = (text: string, id: string) =>
  sendForm(
    formBody({
      command: '/safeguarding',
      text,
      user_id: 'U100',
      channel_id: 'C200',
      channel_name: 'safeguarding',
      team_id: 'T0001',
      response_url: fake.responseUrl(id),
      trigger_id: `trig-${id}`,
    }),
  );

function blockAction(
  action: Record<string, unknown>,
  message: Record<string, unknown>,
  extra: Record<string, unknown> = {},
) {
  return {
    type: 'block_actions',
    team: { id: 'T0001' },
    user: { id: 'U100', team_id: 'T0001' },
    api_app_id: 'A0001',
    token: 'x',
    trigger_id: 'trig-1',
    container: { type: 'message', channel_id: 'C200', message_ts: message.ts, is_ephemeral: false },
    channel: { id: 'C200', name: 'safeguarding' },
    message,
    response_url: fake.responseUrl('act'),
    actions: [{ type: 'button', block_id: 'b1', action_ts: '1', ...action }],
    ...extra,
  };
}

describe('Slack over HTTP on the real server', () => {
  it('answers the URL verification challenge', async () => {
    const res = await sendJson(json({ token: 'x', challenge: 'chal-123', type: 'url_verification' }));
    expect(res.status).toBe(200);
    expect(JSON.parse(res.text)).toEqual({ challenge: 'chal-123' });
  });

  it('rejects bad, missing and stale signatures with 401 and posts nothing', async () => {
    const body = json(dm('U1', 'what is harmful sexual behaviour?'));
    const bad = await postSigned(url, body, { secret: 'wrong-secret', contentType: 'application/json' });
    const missing = await postSigned(url, body, {
      secret: SECRET,
      contentType: 'application/json',
      unsigned: true,
    });
    const stale = await sendJson(body, {}, Math.floor(Date.now() / 1000) - 6 * 60);
    const tampered = await fetch(url, {
      method: 'POST',
      body: body.replace('harmful', 'HARMFUL'),
      headers: (await import('../../helpers/slack-signing.js')).signedHeaders(body, { secret: SECRET }),
    });
    expect([bad.status, missing.status, stale.status, tampered.status]).toEqual([401, 401, 401, 401]);
    // A later valid request is answered, and only it posts.
    expect((await sendJson(json(dm('U2', 'help')))).status).toBe(200);
    await fake.waitFor('chat.postMessage', 2);
    expect(fake.callsTo('chat.postMessage').every((c) => c.args.channel === 'DU2')).toBe(true);
  });

  it('rejects malformed payloads with 400 and keeps serving', async () => {
    expect((await sendForm('payload=%7Bnot-json')).status).toBe(400);
    expect((await sendJson('{"broken": ')).status).toBe(400);
    expect((await sendJson(json({ hello: 'world' }))).status).toBe(400);
    expect(
      (await sendJson(json({ type: 'event_callback', event_id: 'Ev-bad', event: 'not-an-object' }))).status,
    ).toBe(400);
    expect(
      (
        await sendForm(
          formBody({ payload: json({ type: 'block_actions', user: { id: 'U1' }, actions: [] }) }),
        )
      ).status,
    ).toBe(400);
    const ok = await sendJson(json({ type: 'url_verification', challenge: 'still-here' }));
    expect(ok.status).toBe(200);
    expect(fake.calls).toEqual([]);
  });

  it('an unsigned ssl_check is answered 200, and a command smuggled beside it is never run', async () => {
    const body = formBody({
      ssl_check: '1',
      command: '/safeguarding',
      text: 'help',
      user_id: 'U100',
      channel_id: 'C200',
      response_url: fake.responseUrl('smuggled'),
    });
    const res = await postSigned(url, body, {
      secret: SECRET,
      contentType: 'application/x-www-form-urlencoded',
      unsigned: true,
    });
    expect(res.status).toBe(200);
    expect(res.text).toBe('');
    // A later signed command is answered: nothing of the smuggled one reached the listeners.
    expect((await channelCommand('help', 'after')).status).toBe(200);
    await fake.waitFor('response_url');
    expect(fake.callsTo('response_url').map((c) => c.args.id)).toEqual(['after']);
  });

  it('slash command in a channel: acks, then an ephemeral answer via response_url', async () => {
    const res = await channelCommand('what is harmful sexual behaviour?', 'cmd1');
    expect(res.status).toBe(200);
    expect(res.text).toBe('');
    const [call] = await fake.waitFor('response_url');
    expect(call?.args.id).toBe('cmd1');
    expect(call?.args.response_type).toBe('ephemeral');
    expect(typeof call?.args.text).toBe('string');
    const blocks = blocksOf(call);
    expect(blocks.some((b) => b.type === 'header')).toBe(true);
    expect(blocks.at(-1)).toMatchObject({ type: 'actions', block_id: 'sg_feedback' });
    // The first screen: the rest (sources included) is behind "More".
    expect(textOfBlocks(call)).toContain('"sg_more"');
    expect(textOfBlocks(call)).not.toContain('Sources:');
  });

  it('slash command in a DM posts a normal message; empty text gives help', async () => {
    await sendForm(
      formBody({
        command: '/safeguarding',
        text: '',
        user_id: 'U100',
        channel_id: 'D100',
        channel_name: 'directmessage',
        response_url: fake.responseUrl('cmd2'),
      }),
    );
    const [call] = await fake.waitFor('response_url');
    expect(call?.args.response_type).toBe('in_channel');
    expect(textOfBlocks(call)).toContain('What Safeguarding Guide can do');
  });

  it('app_mention: answers in the thread, with the 999 warning first for immediate danger', async () => {
    const res = await sendJson(
      json(
        eventEnvelope({
          type: 'app_mention',
          user: 'U100',
          channel: 'C200',
          ts: '1700000100.000100',
          text: `<@${BOT_USER}> A child has just told me they are being sexually abused right now and are in danger tonight`,
        }),
      ),
    );
    expect(res.status).toBe(200);
    const [call] = await fake.waitFor('chat.postMessage');
    expect(call?.args.channel).toBe('C200');
    expect(call?.args.thread_ts).toBe('1700000100.000100');
    expect(call?.token).toBe('xoxb-test-token');
    expect(JSON.stringify(blocksOf(call)[0])).toContain('999');
    expect(String(call?.args.text)).toContain('999');
  });

  it('app_mention starting a checklist: its first question goes to the asker alone, not the channel', async () => {
    const res = await sendJson(
      json(
        eventEnvelope({
          type: 'app_mention',
          user: 'U101',
          channel: 'C200',
          ts: '1700000150.000100',
          text: `<@${BOT_USER}> checklist referral`,
        }),
      ),
    );
    expect(res.status).toBe(200);
    const [call] = await fake.waitFor('chat.postEphemeral');
    expect(call?.args).toMatchObject({ channel: 'C200', user: 'U101' });
    expect(textOfBlocks(call)).toMatch(/referral/i);
    expect(fake.calls.some((c) => c.method === 'chat.postMessage')).toBe(false);
  });

  it('DM: welcome and privacy note on first contact only, then the answer', async () => {
    await sendJson(json(dm('U300', 'what is harmful sexual behaviour?')));
    const first = await fake.waitFor('chat.postMessage', 2);
    expect(textOfBlocks(first[0])).toContain('Welcome to Safeguarding Guide');
    expect(textOfBlocks(first[0])).toContain('Privacy');
    expect(textOfBlocks(first[1])).toContain('"sg_more"');
    expect(first.every((c) => c.args.channel === 'DU300')).toBe(true);
    expect(await server.store.get('slack-welcomed/U300')).toBeDefined();

    fake.reset();
    await sendJson(json(dm('U300', 'help')));
    const second = await fake.waitFor('chat.postMessage', 1);
    expect(textOfBlocks(second[0])).not.toContain('Welcome to Safeguarding Guide');
  });

  it('ignores bot messages, edits and other subtypes', async () => {
    const ignored = [
      dm('U400', 'hello', { bot_id: 'B999' }),
      eventEnvelope({
        type: 'message',
        subtype: 'message_changed',
        channel: 'DU400',
        channel_type: 'im',
        ts: '1.1',
        message: { text: 'x' },
      }),
      dm('U400', 'hello', { subtype: 'bot_message' }),
      eventEnvelope({
        type: 'message',
        channel: 'C200',
        channel_type: 'channel',
        user: 'U400',
        text: 'not a DM',
        ts: '1.2',
      }),
    ];
    for (const body of ignored) expect((await sendJson(json(body))).status).toBe(200);
    await sendJson(json(dm('U401', 'help')));
    await fake.waitFor('chat.postMessage', 2); // welcome + help for the sentinel user
    expect(fake.callsTo('chat.postMessage').map((c) => c.args.channel)).toEqual(['DU401', 'DU401']);
  });

  it('a retried event (same event_id, X-Slack-Retry-Num) is acked and handled once', async () => {
    const body = json(dm('U500', 'help', {}));
    const first = await sendJson(body);
    const retry = await sendJson(body, { 'x-slack-retry-num': '1', 'x-slack-retry-reason': 'http_timeout' });
    expect([first.status, retry.status]).toEqual([200, 200]);
    const eventId = (JSON.parse(body) as { event_id: string }).event_id;
    // The duplicate is dropped before any work is scheduled, and logged as such.
    expect(server.logs().some((l) => l.eventId === eventId && String(l.msg).includes('duplicate'))).toBe(
      true,
    );
    await sendJson(json(dm('U501', 'help')));
    await fake.waitFor('chat.postMessage', 4);
    const toU500 = fake.callsTo('chat.postMessage').filter((c) => c.args.channel === 'DU500');
    expect(toU500).toHaveLength(2); // welcome + one answer, not two
  });

  it('acks before the answer is posted (slow work happens after the ack)', async () => {
    const release = fake.hold('chat.postMessage');
    try {
      const res = await sendJson(
        json(
          eventEnvelope({
            type: 'app_mention',
            user: 'U100',
            channel: 'C201',
            ts: '1700000200.000100',
            text: `<@${BOT_USER}> help`,
          }),
        ),
      );
      expect(res.status).toBe(200);
      await fake.waitFor('chat.postMessage'); // arrived, still unanswered by the fake
    } finally {
      release();
    }
  });

  it('follow-up button: answer posted in the message thread', async () => {
    const value = json({ text: 'what is harmful sexual behaviour?' });
    const payload = blockAction(
      { action_id: 'sg_ask:0', value, text: { type: 'plain_text', text: 'Q' } },
      { ts: '1700000300.000100', type: 'message' },
    );
    const res = await sendForm(formBody({ payload: json(payload) }));
    expect(res.status).toBe(200);
    const [call] = await fake.waitFor('chat.postMessage');
    expect(call?.args.channel).toBe('C200');
    expect(call?.args.thread_ts).toBe('1700000300.000100');
    expect(textOfBlocks(call)).toContain('"sg_more"');
  });

  it('follow-up button on an ephemeral message answers through response_url', async () => {
    const value = json({ text: 'help' });
    const payload = blockAction(
      { action_id: 'sg_cmd:3', value },
      { ts: '1.5' },
      {
        container: { type: 'message', channel_id: 'C200', message_ts: '1.5', is_ephemeral: true },
      },
    );
    await sendForm(formBody({ payload: json(payload) }));
    const [call] = await fake.waitFor('response_url');
    expect(call?.args.response_type).toBe('ephemeral');
    expect(textOfBlocks(call)).toContain('What Safeguarding Guide can do');
  });

  it('feedback button: recorded in the store, buttons replaced by a thank-you', async () => {
    const value = json({ replyId: 'abcd1234', itemIds: ['hsb-definition'] });
    const message = {
      ts: '1700000400.000100',
      type: 'message',
      blocks: [
        { type: 'section', block_id: 's1', text: { type: 'mrkdwn', text: 'answer' } },
        { type: 'actions', block_id: 'sg_feedback', elements: [] },
      ],
    };
    await sendForm(formBody({ payload: json(blockAction({ action_id: 'sg_fb_up', value }, message)) }));
    const [update] = await fake.waitFor('chat.update');
    expect(update?.args.channel).toBe('C200');
    expect(update?.args.ts).toBe('1700000400.000100');
    expect(textOfBlocks(update)).toContain('Thanks for your feedback');
    expect(textOfBlocks(update)).not.toContain('"sg_feedback"');
    const stored = await server.store.get<{ helpful: boolean; itemIds: string[]; channel: string }>(
      'feedback/abcd1234',
    );
    expect(stored?.value).toMatchObject({ helpful: true, itemIds: ['hsb-definition'], channel: 'slack' });
  });

  it('buttons posted before the value keys were words (single letters) still work', async () => {
    const ask = blockAction(
      { action_id: 'sg_ask:0', value: json({ t: 'what is harmful sexual behaviour?' }) },
      { ts: '1700000450.000100', type: 'message' },
    );
    await sendForm(formBody({ payload: json(ask) }));
    const [answer] = await fake.waitFor('chat.postMessage');
    expect(answer?.args.thread_ts).toBe('1700000450.000100');
    expect(textOfBlocks(answer)).toContain('"sg_more"');

    fake.reset();
    const message = {
      ts: '1700000460.000100',
      type: 'message',
      blocks: [{ type: 'actions', block_id: 'sg_feedback', elements: [] }],
    };
    const vote = { action_id: 'sg_fb_down', value: json({ r: 'old00001', i: ['hsb-definition'] }) };
    await sendForm(formBody({ payload: json(blockAction(vote, message)) }));
    await fake.waitFor('chat.update');
    const stored = await server.store.get<{ helpful: boolean; itemIds: string[] }>('feedback/old00001');
    expect(stored?.value).toMatchObject({ helpful: false, itemIds: ['hsb-definition'] });
  });

  it('More: the message becomes the full answer, a vote already given stays, and the kept reply is gone', async () => {
    await sendJson(json(dm('U310', 'what is harmful sexual behaviour?')));
    const posted = (await fake.waitFor('chat.postMessage', 2))[1];
    const blocks = blocksOf(posted);
    const buttons = blocks.flatMap((b) => (b.elements ?? []) as Record<string, unknown>[]);
    const more = buttons.find((e) => e.action_id === 'sg_more');
    expect(more).toBeDefined();
    const replyId = (JSON.parse(String(more?.value)) as { replyId: string }).replyId;
    expect(await server.store.get(`kept-reply/${replyId}`)).toBeDefined();
    // The practitioner already voted: the feedback row is a thank-you line.
    const voted = blocks.map((b) =>
      b.block_id === 'sg_feedback'
        ? {
            type: 'context',
            block_id: 'sg_feedback_done',
            elements: [{ type: 'mrkdwn', text: 'Thanks for your feedback.' }],
          }
        : b,
    );
    const message = { ts: '1700000500.000100', type: 'message', blocks: voted };
    const click = blockAction({ action_id: 'sg_more', value: more?.value }, message, {
      container: { type: 'message', channel_id: 'DU310', message_ts: message.ts, is_ephemeral: false },
      channel: { id: 'DU310', name: 'directmessage' },
    });
    await sendForm(formBody({ payload: json(click) }));
    const [update] = await fake.waitFor('chat.update');
    expect(update?.args).toMatchObject({ channel: 'DU310', ts: '1700000500.000100' });
    const full = textOfBlocks(update);
    expect(full).toContain('Sources:');
    expect(full).not.toContain('"sg_more"');
    expect(full).toContain('Thanks for your feedback.');
    expect(full).not.toContain('"sg_feedback"');
    expect(full.length).toBeGreaterThan(JSON.stringify(blocks).length);
    // Forgotten once the message shows it (just after chat.update returns).
    await vi.waitFor(async () => expect(await server.store.get(`kept-reply/${replyId}`)).toBeUndefined());

    fake.reset();
    await sendForm(formBody({ payload: json(click) }));
    const [gone] = await fake.waitFor('response_url');
    expect(gone?.args.text).toMatch(/no longer available/);
    expect(fake.calls.some((c) => c.method === 'chat.update')).toBe(false);
  });

  it('More on an ephemeral answer (slash command in a channel) replaces it through response_url', async () => {
    await channelCommand('what is harmful sexual behaviour?', 'cmd-more');
    const [answer] = await fake.waitFor('response_url');
    const more = blocksOf(answer)
      .flatMap((b) => (b.elements ?? []) as Record<string, unknown>[])
      .find((e) => e.action_id === 'sg_more');
    expect(more).toBeDefined();
    fake.reset();
    const click = blockAction(
      { action_id: 'sg_more', value: more?.value },
      { ts: '1.9' },
      { container: { type: 'message', channel_id: 'C200', message_ts: '1.9', is_ephemeral: true } },
    );
    await sendForm(formBody({ payload: json(click) }));
    const [replaced] = await fake.waitFor('response_url');
    expect(replaced?.args).toMatchObject({ response_type: 'ephemeral', replace_original: true });
    expect(textOfBlocks(replaced)).toContain('Sources:');
    expect(textOfBlocks(replaced)).not.toContain('"sg_more"');
    expect(fake.calls.some((c) => c.method === 'chat.update')).toBe(false);
  });

  it('a button with an unreadable value is acked and does nothing', async () => {
    const res = await sendForm(
      formBody({ payload: json(blockAction({ action_id: 'sg_ask:0', value: '<!channel>' }, { ts: '1.6' })) }),
    );
    expect(res.status).toBe(200);
    expect((await sendJson(json({ type: 'url_verification', challenge: 'c' }))).status).toBe(200);
    expect(fake.calls).toEqual([]);
  });

  it('app_home_opened publishes the Home tab', async () => {
    await sendJson(
      json(
        eventEnvelope({
          type: 'app_home_opened',
          user: 'U600',
          channel: 'DU600',
          tab: 'home',
          event_ts: '1.7',
        }),
      ),
    );
    const [call] = await fake.waitFor('views.publish');
    expect(call?.args.user_id).toBe('U600');
    const view = call?.args.view as { type: string; blocks: unknown[] };
    expect(view.type).toBe('home');
    expect(view.blocks.length).toBeLessThanOrEqual(100);
    expect(JSON.stringify(view)).toContain('Privacy');
  });
});
