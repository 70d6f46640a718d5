import { randomUUID } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { startCaptureServer, type CaptureServer } from '../helpers/capture-server.js';
import { describePostgres } from '../helpers/postgres.js';
import { spawnServer, type ServerProcess } from '../helpers/server-process.js';
import { createTempDatabase, type TempDatabase } from '../helpers/temp-database.js';
import {
  BOT,
  cardOf,
  conversation,
  installationUpdate,
  invoke,
  membersAdded,
  message,
  post,
  submit,
} from '../channels/teams/activities.js';
import { answerFor, readForm } from './card-form.js';

type Json = Record<string, unknown>;

describePostgres('two server processes on one PostgreSQL database', (baseUrl) => {
  let db: TempDatabase;
  let capture: CaptureServer;
  const servers: ServerProcess[] = [];
  const dataDirs: string[] = [];

  beforeAll(async () => {
    db = await createTempDatabase(baseUrl, 'sg_multi');
    capture = await startCaptureServer();
    // Started together: both run the migrations (under their advisory lock) on the empty database.
    const started = await Promise.all(
      [0, 1].map(async () => {
        const dataDir = await mkdtemp(join(tmpdir(), 'sg-multi-'));
        dataDirs.push(dataDir);
        return spawnServer({ env: { DATA_DIR: dataDir, DATABASE_URL: db.url, LOG_LEVEL: 'info' } });
      }),
    );
    servers.push(...started);
  }, 60_000);

  afterAll(async () => {
    await Promise.all(servers.map((s) => s.stop()));
    await capture?.close();
    await db?.drop();
    await Promise.all(dataDirs.map((d) => rm(d, { recursive: true, force: true })));
  });

  it('a checklist run whose turns alternate between the instances ends complete with every answer', async () => {
    const [a, b] = servers as [ServerProcess, ServerProcess];
    expect(a.url).not.toBe(b.url);
    const conv = conversation('personal');
    const from = { id: `29:multi-${randomUUID()}`, name: 'A Practitioner', aadObjectId: randomUUID() };
    const base = { serviceUrl: capture.url, conv, from };

    const replyCard = async (url: string, activity: Json): Promise<Json> => {
      const seen = capture.for(String(conv.id)).length;
      const total = capture.captured.length;
      const res = await post(url, activity);
      expect(res.status, await res.clone().text()).toBe(200);
      await capture.waitFor(total + 1);
      const replies = capture.for(String(conv.id));
      expect(replies.length).toBe(seen + 1);
      const card = cardOf(replies.at(-1)!.activity);
      expect(card, JSON.stringify(replies.at(-1)!.activity).slice(0, 500)).toBeDefined();
      return card!;
    };

    let card = await replyCard(a.url, message({ ...base, text: 'checklist referral' }));
    const sent = new Map<string, string>();
    const handledBy = { a: 0, b: 0 };
    for (let step = 1; ; step++) {
      const form = readForm(card);
      if (!form) break;
      expect(step, 'the checklist should end within 60 steps').toBeLessThan(60);
      const values = Object.fromEntries(form.inputs.map((i) => [i.id, answerFor(i, step)]));
      const state = form.submitData.state as Json;
      sent.set(String(state.stepId), Object.values(values)[0] ?? '');
      // Alternate instances, and the two ways Teams delivers a card button: Action.Submit on one, Action.Execute on the other.
      if (step % 2 === 1) {
        handledBy.b += 1;
        card = await replyCard(b.url, submit({ ...base, value: { ...form.submitData, ...values } }));
      } else {
        handledBy.a += 1;
        const res = await post(
          a.url,
          invoke({
            ...base,
            name: 'adaptiveCard/action',
            value: {
              action: { type: 'Action.Execute', verb: 'form', data: { ...form.executeData, ...values } },
            },
          }),
        );
        expect(res.status).toBe(200);
        const body = (await res.json()) as { statusCode?: number; value?: Json };
        expect(body.statusCode).toBe(200);
        card = body.value!;
      }
    }
    expect(sent.size, 'steps answered').toBeGreaterThanOrEqual(4);
    expect(handledBy.a).toBeGreaterThan(0);
    expect(handledBy.b).toBeGreaterThan(0);

    const client = new pg.Client({ connectionString: db.url });
    await client.connect();
    try {
      const { rows } = await client.query<{ key: string; value: Json }>(
        "SELECT key, value FROM kv WHERE key LIKE 'checklist/%' ORDER BY key",
      );
      expect(rows).toHaveLength(1);
      const run = rows[0]!.value as { status: string; path: string[]; answers: Record<string, unknown> };
      expect(run.status).toBe('completed');
      expect(run.path).toEqual([...sent.keys()]);
      const stored = Object.fromEntries(
        Object.entries(run.answers).map(([k, v]) => [k, Array.isArray(v) ? v.join(',') : v]),
      );
      expect(stored).toEqual(Object.fromEntries(sent));
    } finally {
      await client.end();
    }
    // No turn failed on either instance (a failed turn apologises with a reference).
    const texts = capture.for(String(conv.id)).map((c) => String(c.activity.text ?? ''));
    expect(texts.filter((t) => /quote reference/i.test(t))).toEqual([]);
  }, 120_000);

  it('a message redelivered to the other instance is answered once; an install pair split between them is welcomed once', async () => {
    const [a, b] = servers as [ServerProcess, ServerProcess];
    const conv = conversation('personal');
    const activity = message({ serviceUrl: capture.url, conv, text: 'What is the Under 10 Protocol?' });
    const statuses = await Promise.all([post(a.url, activity), post(b.url, activity)]);
    expect(statuses.map((r) => r.status)).toEqual([200, 200]);
    const group = conversation('groupChat');
    await Promise.all([
      post(a.url, membersAdded({ serviceUrl: capture.url, conv: group, members: [{ id: BOT.id }] })),
      post(b.url, installationUpdate({ serviceUrl: capture.url, conv: group, action: 'add' })),
    ]);
    // A marker on each instance: what came before it has been handled.
    for (const server of [a, b]) {
      for (const c of [conv, group]) {
        const before = capture.captured.length;
        await post(server.url, message({ serviceUrl: capture.url, conv: c, text: 'help' }));
        await capture.waitFor(before + 1);
      }
    }
    expect(capture.for(String(conv.id)).filter((c) => c.activity.replyToId === activity.id)).toHaveLength(1);
    const welcomed = capture
      .for(String(group.id))
      .filter((c) => JSON.stringify(c.activity).includes('Welcome to Safeguarding Guide'));
    expect(welcomed).toHaveLength(1);
  }, 60_000);
});
