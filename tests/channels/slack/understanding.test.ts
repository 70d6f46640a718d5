import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { FakeSlackApi, type RecordedCall } from '../../helpers/fake-slack-api.js';
import { dm } from '../../helpers/slack-events.js';
import { formBody, postSigned } from '../../helpers/slack-signing.js';
import type { TestServer } from '../../helpers/start-server.js';
import { SECRET, startSlackWorld, stopSlackWorld } from './slack-world.js';

/** The two new reply kinds of the understanding work, over real signed Slack requests. */
let fake: FakeSlackApi;
let server: TestServer;
let url: string;

beforeAll(async () => {
  ({ fake, server, url } = await startSlackWorld());
});
afterAll(() => stopSlackWorld({ fake, server }));
beforeEach(() => fake.reset());

type Json = Record<string, unknown>;
const json = (body: unknown) => JSON.stringify(body);

/** Every button in the posted message, with the text it shows. */
function buttons(call: RecordedCall | undefined): Json[] {
  const out: Json[] = [];
  const walk = (node: unknown) => {
    if (Array.isArray(node)) node.forEach(walk);
    else if (node && typeof node === 'object') {
      const n = node as Json;
      if (n.type === 'button') out.push(n);
      Object.values(n).forEach(walk);
    }
  };
  walk(call?.args.blocks);
  return out;
}
const label = (b: Json) => String((b.text as Json | undefined)?.text ?? '');

async function ask(user: string, text: string): Promise<RecordedCall | undefined> {
  const res = await postSigned(url, json(dm(user, text)), {
    secret: SECRET,
    contentType: 'application/json',
  });
  expect(res.status).toBe(200);
  // A person's first message is welcomed first; the answer is the next post.
  const [first] = await fake.waitFor('chat.postMessage');
  if (!String(first?.args.text ?? '').includes('Welcome to Safeguarding Guide')) return first;
  return (await fake.waitFor('chat.postMessage', 2))[1];
}

async function tap(button: Json, ts: string): Promise<RecordedCall | undefined> {
  fake.reset();
  const payload = {
    type: 'block_actions',
    team: { id: 'T0001' },
    user: { id: 'U900', team_id: 'T0001' },
    api_app_id: 'A0001',
    token: 'x',
    trigger_id: 'trig-u',
    container: { type: 'message', channel_id: 'DU900', message_ts: ts, is_ephemeral: false },
    channel: { id: 'DU900', name: 'directmessage' },
    message: { ts, type: 'message' },
    response_url: fake.responseUrl('understanding'),
    actions: [
      {
        type: 'button',
        block_id: 'b1',
        action_ts: '1',
        action_id: button.action_id,
        value: button.value,
        text: button.text,
      },
    ],
  };
  const res = await postSigned(url, formBody({ payload: json(payload) }), {
    secret: SECRET,
    contentType: 'application/x-www-form-urlencoded',
  });
  expect(res.status).toBe(200);
  const [call] = await fake.waitFor('chat.postMessage');
  return call;
}

describe('Slack: two questions in one message, and "did you mean"', () => {
  it('answers the first question and offers the second as a button that answers it', async () => {
    const first = await ask('U901', 'What is MAPPA? Also, what is MACE?');
    expect(JSON.stringify(first?.args.blocks)).toMatch(/MAPPA/);
    const offer = buttons(first).find((b) => label(b).startsWith('You also asked'));
    expect(label(offer ?? {})).toMatch(/MACE/);
    const second = await tap(offer ?? {}, '1710000900.0001');
    expect(JSON.stringify(second?.args.blocks)).toMatch(/Multi-Agency Child Exploitation/);
  });

  it('offers the nearest guidance titles as buttons when it is not confident', async () => {
    const call = await ask('U902', 'Remind me to email the MASH about my lunch break');
    const text = JSON.stringify(call?.args.blocks);
    expect(text).toMatch(/Did you mean one of these/);
    // The nearest guidance titles are the buttons; a tap on one answers that item.
    const near = buttons(call).find(
      (b) => !['More', 'What can you help with?', 'Helpful', 'Not helpful'].includes(label(b)),
    );
    expect(near, JSON.stringify(buttons(call).map(label))).toBeDefined();
    const answer = await tap(near ?? {}, '1710000901.0001');
    expect(JSON.stringify(answer?.args.blocks)).toContain(label(near ?? {}).replace(/…$/, ''));
  });
});
