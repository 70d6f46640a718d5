import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openStore } from '../../../src/core/store/open-store.js';
import type { Store } from '../../../src/core/store/store.js';
import { startCaptureServer, type CaptureServer } from '../../helpers/capture-server.js';
import { startServer, type TestServer } from '../../helpers/start-server.js';
import {
  BOT,
  USER,
  cardOf,
  conversation,
  installationUpdate,
  membersAdded,
  message,
  post,
} from './activities.js';
import { texts } from './card-checks.js';

type Json = Record<string, unknown>;

/**
 * What the Teams bot must do once holds in the store, not in one process's memory: over real HTTP
 * into /api/messages, replies read from a local connector capture server.
 */
let cap: CaptureServer;
let dir: string;

beforeAll(async () => {
  cap = await startCaptureServer();
  dir = await mkdtemp(join(tmpdir(), 'sg-first-time-'));
});

afterAll(async () => {
  await cap?.close();
  await rm(dir, { recursive: true, force: true });
});

const WELCOME = 'Welcome to Safeguarding Guide';
const welcomes = (conv: Json) =>
  cap.for(String(conv.id)).filter((c) => texts(cardOf(c.activity) ?? {}).some((t) => t.includes(WELCOME)));

/** Posts a marker message and waits for its reply: everything posted before it has been handled. */
async function settle(url: string, conv: Json): Promise<void> {
  const before = cap.captured.length;
  expect((await post(url, message({ serviceUrl: cap.url, conv, text: 'help' }))).status).toBe(200);
  await cap.waitFor(before + 1);
}

/**
 * The same store for two apps in this process, as PostgreSQL is for two server processes: closing an
 * app leaves it open (the test closes it once).
 */
function shared(store: Store): Store {
  return {
    sharedByInstances: true,
    get: (key) => store.get(key),
    put: (key, value, options) => store.put(key, value, options),
    delete: (key, options) => store.delete(key, options),
    list: (prefix) => store.list(prefix),
    healthy: () => store.healthy(),
    close: async () => undefined,
  };
}

describe('Teams first-time keys in the store', () => {
  it('an install whose two activities straddle a restart on the same data directory is welcomed once', async () => {
    const dataDir = join(dir, 'restart');
    const conv = conversation('personal');
    const first = await startServer({ DATA_DIR: dataDir });
    try {
      const res = await post(
        first.url,
        membersAdded({ serviceUrl: cap.url, conv, members: [{ id: BOT.id }, { id: USER.id }] }),
      );
      expect(res.status).toBe(200);
      await cap.waitFor(1);
      expect(welcomes(conv)).toHaveLength(1);
    } finally {
      await first.stop();
    }
    const second = await startServer({ DATA_DIR: dataDir });
    try {
      const res = await post(second.url, installationUpdate({ serviceUrl: cap.url, conv, action: 'add' }));
      expect(res.status).toBe(200);
      await settle(second.url, conv);
      expect(welcomes(conv)).toHaveLength(1);
      // The pair is used up: the conversation opened again later is welcomed again.
      await post(second.url, installationUpdate({ serviceUrl: cap.url, conv, action: 'add' }));
      await settle(second.url, conv);
      expect(welcomes(conv)).toHaveLength(2);
    } finally {
      await second.stop();
    }
  });

  describe('two server instances sharing one store', () => {
    let store: Store;
    let a: TestServer;
    let b: TestServer;

    beforeAll(async () => {
      store = await openStore({ dataDir: join(dir, 'shared') });
      a = await startServer({}, { store: shared(store) });
      b = await startServer({}, { store: shared(store) });
    });

    afterAll(async () => {
      await a?.stop();
      await b?.stop();
      await store?.close();
    });

    it('a redelivered message is answered once, whichever instance gets the copy', async () => {
      const conv = conversation('personal');
      const activity = message({ serviceUrl: cap.url, conv, text: 'What is the Under 10 Protocol?' });
      expect((await post(a.url, activity)).status).toBe(200);
      expect((await post(b.url, activity)).status).toBe(200);
      await settle(b.url, conv);
      const replies = cap.for(String(conv.id)).filter((c) => c.activity.replyToId === activity.id);
      expect(replies).toHaveLength(1);
      expect(b.logs().some((l) => l.msg === 'teams: redelivered activity ignored')).toBe(true);
    });

    it('copies of one message arriving at both instances at once are answered once', async () => {
      const conv = conversation('personal');
      const activity = message({ serviceUrl: cap.url, conv, text: 'What is harmful sexual behaviour?' });
      const statuses = await Promise.all([post(a.url, activity), post(b.url, activity)]);
      expect(statuses.map((r) => r.status)).toEqual([200, 200]);
      await settle(a.url, conv);
      await settle(b.url, conv);
      expect(cap.for(String(conv.id)).filter((c) => c.activity.replyToId === activity.id)).toHaveLength(1);
    });

    it('an install pair split between the instances is welcomed once', async () => {
      const conv = conversation('groupChat');
      await Promise.all([
        post(a.url, membersAdded({ serviceUrl: cap.url, conv, members: [{ id: BOT.id }] })),
        post(b.url, installationUpdate({ serviceUrl: cap.url, conv, action: 'add' })),
      ]);
      await settle(a.url, conv);
      await settle(b.url, conv);
      expect(welcomes(conv)).toHaveLength(1);
    });
  });
});
