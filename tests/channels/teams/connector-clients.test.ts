import type { Activity, TurnContext } from 'botbuilder';
import type { ConnectorClient, UserTokenClient } from 'botframework-connector';
import type { TeamsAdapter } from '@microsoft/teams-ai';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTeamsAdapter } from '../../../src/channels/teams/adapter.js';
import { KeptClients } from '../../../src/channels/teams/connector-clients.js';
import type { TeamsCredentials } from '../../../src/channels/teams/credentials.js';
import { DEFAULT_TURN_LIMITS, startTurnClock } from '../../../src/channels/teams/time-limits.js';
import { startBotLogin, type BotLogin } from '../../helpers/bot-login.js';
import { conversation, message } from './activities.js';

/**
 * Production authentication (a MicrosoftAppId and secret) against the local login stand-in: each
 * activity goes through botbuilder's own token validation and connector factory, and the test reads
 * the clients CloudAdapter put into the turn state.
 */
const APP_ID = '11111111-2222-3333-4444-555555555555';
const SERVICE_A = 'https://smba.trafficmanager.net/uk/';
const SERVICE_B = 'https://smba.trafficmanager.net/emea/';

let login: BotLogin;
beforeAll(async () => {
  login = await startBotLogin();
});
afterAll(async () => {
  await login?.close();
});

interface TurnClients {
  connector: ConnectorClient;
  userToken: UserTokenClient;
}

function adapterWith(keepClients?: boolean): { adapter: TeamsAdapter; credentials: () => TeamsCredentials } {
  let credentials: TeamsCredentials | undefined;
  const adapter = createTeamsAdapter(
    { appId: APP_ID, appPassword: 'first-secret', appType: 'MultiTenant' },
    {
      openIdMetadataUrl: login.metadataUrl,
      onCredentials: (c) => (credentials = c),
      ...(keepClients === undefined ? {} : { keepClients }),
    },
  );
  return { adapter, credentials: () => credentials as TeamsCredentials };
}

/**
 * Runs one authenticated activity to `serviceUrl` and returns the clients its turn was given;
 * `clocked`: with the turn's time limits started, as POST /api/messages starts them.
 */
async function turn(adapter: TeamsAdapter, serviceUrl: string, clocked = false): Promise<TurnClients> {
  const activity = message({ serviceUrl, conv: conversation('personal'), text: 'help' });
  if (clocked) startTurnClock(activity, DEFAULT_TURN_LIMITS);
  const auth = `Bearer ${login.token(login.trustedKey, 'trusted-key', APP_ID, { serviceurl: serviceUrl })}`;
  let clients: TurnClients | undefined;
  await adapter.processActivityDirect(auth, activity as unknown as Activity, async (context: TurnContext) => {
    clients = {
      connector: context.turnState.get(adapter.ConnectorClientKey) as ConnectorClient,
      userToken: context.turnState.get(adapter.UserTokenClientKey) as UserTokenClient,
    };
  });
  if (!clients) throw new Error('the turn did not run');
  return clients;
}

/** The app password inside a connector client's credentials (MicrosoftAppCredentials). */
function passwordOf(client: ConnectorClient): unknown {
  return (client.credentials as unknown as { appPassword?: unknown }).appPassword;
}

describe('connector clients kept between turns', () => {
  it('gives every turn to the same service URL the same connector and user token clients', async () => {
    const { adapter } = adapterWith();
    const first = await turn(adapter, SERVICE_A);
    const second = await turn(adapter, SERVICE_A);
    expect(second.connector).toBe(first.connector);
    expect(second.userToken).toBe(first.userToken);
    expect(passwordOf(first.connector)).toBe('first-secret');
  });

  it('gives another service URL its own connector client, and keeps both', async () => {
    const { adapter } = adapterWith();
    const a = await turn(adapter, SERVICE_A);
    const b = await turn(adapter, SERVICE_B);
    expect(b.connector).not.toBe(a.connector);
    expect((await turn(adapter, SERVICE_A)).connector).toBe(a.connector);
    expect((await turn(adapter, SERVICE_B)).connector).toBe(b.connector);
  });

  it('builds new clients with the new secret after a credential change', async () => {
    const { adapter, credentials } = adapterWith();
    const before = await turn(adapter, SERVICE_A);
    credentials().replace({
      MicrosoftAppId: APP_ID,
      MicrosoftAppPassword: 'rotated-secret',
      MicrosoftAppType: 'MultiTenant',
    });
    const after = await turn(adapter, SERVICE_A);
    expect(after.connector).not.toBe(before.connector);
    expect(after.userToken).not.toBe(before.userToken);
    expect(passwordOf(after.connector)).toBe('rotated-secret');
    // And the new ones are kept in turn.
    expect((await turn(adapter, SERVICE_A)).connector).toBe(after.connector);
  });

  it('gives a timed turn its own view of the kept client: the same client underneath every turn', async () => {
    const { adapter } = adapterWith();
    const kept = (await turn(adapter, SERVICE_A)).connector;
    const first = await turn(adapter, SERVICE_A, true);
    const second = await turn(adapter, SERVICE_A, true);
    expect(first.connector).not.toBe(kept);
    expect(second.connector).not.toBe(first.connector);
    expect(Object.getPrototypeOf(first.connector)).toBe(kept);
    expect(Object.getPrototypeOf(second.connector)).toBe(kept);
    // Its operations go through the view (which adds the turn's abort signal), the rest is the kept client's.
    expect(first.connector.conversations).not.toBe(kept.conversations);
    expect(first.connector.credentials).toBe(kept.credentials);
  });

  it('builds a client for every turn with keepClients: false (botbuilder as it comes)', async () => {
    const { adapter } = adapterWith(false);
    const first = await turn(adapter, SERVICE_A);
    expect((await turn(adapter, SERVICE_A)).connector).not.toBe(first.connector);
  });
});

describe('KeptClients', () => {
  it('keeps at most `limit` clients, dropping the least recently used', async () => {
    const kept = new KeptClients<object>(2);
    let made = 0;
    const make = () => Promise.resolve({ n: ++made });
    const a = await kept.get('a', make);
    await kept.get('b', make);
    expect(await kept.get('a', make)).toBe(a); // a is now the most recently used
    await kept.get('c', make); // b goes
    expect(kept.size).toBe(2);
    expect(await kept.get('a', make)).toBe(a);
    expect(await kept.get('b', make)).toEqual({ n: 4 });
  });

  it('shares one client between turns that ask while it is being built', async () => {
    const kept = new KeptClients<object>();
    let made = 0;
    const make = async () => ({ n: ++made });
    const [x, y] = await Promise.all([kept.get('k', make), kept.get('k', make)]);
    expect(x).toBe(y);
    expect(made).toBe(1);
  });

  it('does not keep a failed build: the next turn asks the factory again', async () => {
    const kept = new KeptClients<object>();
    await expect(kept.get('k', () => Promise.reject(new Error('no credentials')))).rejects.toThrow(
      'no credentials',
    );
    expect(kept.size).toBe(0);
    expect(await kept.get('k', async () => ({ ok: true }))).toEqual({ ok: true });
  });
});
