import { cp, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startCaptureServer, type CaptureServer } from '../helpers/capture-server.js';
import { spawnServer } from '../helpers/server-process.js';
import { startServer, type TestServer } from '../helpers/start-server.js';
import { conversation, message, post } from '../channels/teams/activities.js';

const REPO = new URL('../../', import.meta.url).pathname;
const ITEM = 'guidance/under-10-protocol.md';
const OLD_TITLE = 'Under 10 Protocol (North Yorkshire Police)';
const NEW_TITLE = 'Under 10 Protocol (North Yorkshire Police, revised)';

let contentDir: string;
let cap: CaptureServer;
let s: TestServer;
beforeAll(async () => {
  contentDir = await mkdtemp(join(tmpdir(), 'sg-content-'));
  await cp(join(REPO, 'content'), contentDir, { recursive: true });
  cap = await startCaptureServer();
  s = await startServer({ CONTENT_DIR: contentDir });
});
afterAll(async () => {
  await s?.stop();
  await cap?.close();
  await rm(contentDir, { recursive: true, force: true });
});

let people = 0;

/**
 * A new practitioner asks in a new personal chat over /api/messages (one each, so the per-user rate
 * limit stays out of it); resolves with the HTTP status and the reply's text.
 */
async function ask(text: string): Promise<{ status: number; reply: string }> {
  const conv = conversation('personal');
  const n = (people += 1);
  const from = {
    id: `29:reload-${n}`,
    name: 'P',
    aadObjectId: `00000000-0000-4000-8000-${String(n).padStart(12, '0')}`,
  };
  const res = await post(s.url, message({ serviceUrl: cap.url, conv, text, from }));
  const replies = cap.for(conv.id as string);
  return { status: res.status, reply: JSON.stringify(replies.map((r) => r.activity)) };
}

async function edit(file: string, change: (text: string) => string): Promise<void> {
  const path = join(contentDir, file);
  await writeFile(path, change(await readFile(path, 'utf8')));
}

describe('content reload without a restart', () => {
  it('swaps the pack under load: every request is answered, and the answers change once the pack loads', async () => {
    expect((await ask('What is the Under 10 Protocol?')).reply).toContain(OLD_TITLE);
    await edit(ITEM, (t) => t.replace(`title: ${OLD_TITLE}`, `title: ${NEW_TITLE}`));

    // 60 questions in flight while the reload runs.
    const load = Array.from({ length: 60 }, (_, i) =>
      new Promise((r) => setTimeout(r, i * 5)).then(() => ask('What is the Under 10 Protocol?')),
    );
    const reloaded = s.reload();
    const results = await Promise.all(load);
    expect(await reloaded).toMatchObject({ ok: true });
    for (const r of results) {
      expect(r.status).toBe(200);
      // Each got its answer, from the old pack or the new one, never an apology.
      expect(r.reply.includes(OLD_TITLE) || r.reply.includes(NEW_TITLE)).toBe(true);
    }
    expect((await ask('What is the Under 10 Protocol?')).reply).toContain(NEW_TITLE);
  });

  it('a pack that fails the content check is refused and the current one keeps serving', async () => {
    await edit(ITEM, (t) => t.replace(/^id: under-10-protocol$/m, 'id: Not A Valid Id!'));
    const result = await s.reload();
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.reason).toMatch(/invalid/i);
    expect(s.logs().some((l) => l.msg === 'content: reload refused; the current pack keeps serving')).toBe(
      true,
    );
    const after = await ask('What is the Under 10 Protocol?');
    expect(after.status).toBe(200);
    expect(after.reply).toContain(NEW_TITLE);
    await edit(ITEM, (t) => t.replace('id: Not A Valid Id!', 'id: under-10-protocol'));
  });

  it('SIGHUP reloads a running server process (npm start)', async () => {
    const dataDir = await mkdtemp(join(tmpdir(), 'sg-reload-'));
    const server = await spawnServer({
      env: { CONTENT_DIR: contentDir, DATA_DIR: dataDir, LOG_LEVEL: 'info' },
    });
    try {
      const items = async () =>
        ((await (await fetch(`${server.url}/healthz`)).json()) as { content: { items: number } }).content
          .items;
      const before = await items();
      const copy = (await readFile(join(contentDir, ITEM), 'utf8'))
        .replace(/^id: under-10-protocol$/m, 'id: under-10-protocol-copy')
        .replace(/^title: .*$/m, 'title: A second copy for the reload test');
      await writeFile(join(contentDir, 'guidance/under-10-protocol-copy.md'), copy);
      server.child.kill('SIGHUP');
      await expect.poll(items, { timeout: 20_000, interval: 200 }).toBe(before + 1);
    } finally {
      await server.stop();
      await rm(join(contentDir, 'guidance/under-10-protocol-copy.md'), { force: true });
      await rm(dataDir, { recursive: true, force: true });
    }
  });
});
