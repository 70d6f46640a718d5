import { randomUUID } from 'node:crypto';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { AppManifestUtils } from '@microsoft/app-manifest';
import { unzipSync } from 'fflate';
import { PNG } from 'pngjs';
import { describe, expect, it } from 'vitest';
import { packageTeamsApp, fillManifest } from '../../../scripts/package-teams.js';
import { SEARCH_COMMAND } from '../../../src/channels/teams/message-extension.js';
import { parseCommand } from '../../../src/core/commands.js';

const APP_DIR = new URL('../../../appPackage/', import.meta.url);
const ENV = {
  TEAMS_APP_ID: randomUUID(),
  BOT_ID: randomUUID(),
  BOT_DOMAIN: 'guide.partnership.example',
  APP_DEVELOPER_NAME: 'Example Safeguarding Partnership',
  APP_WEBSITE_URL: 'https://partnership.example/',
  APP_PRIVACY_URL: 'https://partnership.example/privacy',
  APP_TERMS_URL: 'https://partnership.example/terms',
};

type Json = Record<string, unknown>;

async function filled(): Promise<Json> {
  const { text, problems } = fillManifest(await readFile(new URL('manifest.json', APP_DIR), 'utf8'), ENV);
  expect(problems).toEqual([]);
  return JSON.parse(text) as Json;
}

describe('Teams app package', () => {
  it('the filled manifest validates against its bundled schema, offline', async () => {
    const manifest = await filled();
    expect(manifest.$schema).toMatch(/\/teams\/v1\.(19|2\d|3\d)\/MicrosoftTeams\.schema\.json$/);
    expect(await AppManifestUtils.validateAgainstSchema(manifest as never)).toEqual([]);
  });

  it('the validator catches errors (negative control)', async () => {
    const manifest = await filled();
    const bots = manifest.bots as Json[];
    const broken = { ...manifest, bots: [{ ...bots[0], scopes: ['everywhere'] }], unexpected: true };
    expect((await AppManifestUtils.validateAgainstSchema(broken as never)).length).toBeGreaterThan(0);
  });

  it('declares the bot in all scopes, the search compose extension the bot handles, and the bot domain', async () => {
    const manifest = await filled();
    const bot = (manifest.bots as Json[])[0] as Json;
    expect(bot.botId).toBe(ENV.BOT_ID);
    expect(bot.scopes).toEqual(['personal', 'team', 'groupChat']);
    const extension = (manifest.composeExtensions as Json[])[0] as Json;
    expect(extension.botId).toBe(ENV.BOT_ID);
    expect((extension.commands as Json[]).map((c) => [c.id, c.type])).toEqual([[SEARCH_COMMAND, 'query']]);
    expect(manifest.validDomains).toEqual([ENV.BOT_DOMAIN]);
  });

  it('every command in the command lists is a command core recognises, not a question', async () => {
    const manifest = await filled();
    const lists = ((manifest.bots as Json[])[0] as Json).commandLists as { commands: { title: string }[] }[];
    for (const title of lists.flatMap((l) => l.commands.map((c) => c.title))) {
      expect(parseCommand(title).type, title).not.toBe('question');
    }
  });

  it('has a 192×192 opaque colour icon and a 32×32 white-on-transparent outline icon', async () => {
    const color = PNG.sync.read(await readFile(new URL('color.png', APP_DIR)));
    expect([color.width, color.height]).toEqual([192, 192]);
    const outline = PNG.sync.read(await readFile(new URL('outline.png', APP_DIR)));
    expect([outline.width, outline.height]).toEqual([32, 32]);
    let transparent = 0;
    for (let i = 0; i < outline.data.length; i += 4) {
      if (outline.data[i + 3] === 0) transparent++;
      else expect([outline.data[i], outline.data[i + 1], outline.data[i + 2]]).toEqual([255, 255, 255]);
    }
    expect(transparent).toBeGreaterThan(32 * 32 * 0.3);
  });

  it('npm run package:teams writes a zip whose manifest validates and refuses to run with settings missing', async () => {
    const out = await mkdtemp(join(tmpdir(), 'sg-pkg-'));
    try {
      const result = await packageTeamsApp(ENV, pathToFileURL(`${out}/`));
      const files = unzipSync(new Uint8Array(await readFile(result.zipPath)));
      expect(Object.keys(files).sort()).toEqual(['color.png', 'manifest.json', 'outline.png']);
      const manifest = JSON.parse(new TextDecoder().decode(files['manifest.json'])) as Json;
      expect(manifest.id).toBe(ENV.TEAMS_APP_ID);
      expect(JSON.stringify(manifest)).not.toContain('${{');
      expect(await AppManifestUtils.validateAgainstSchema(manifest as never)).toEqual([]);
      await expect(
        packageTeamsApp({ ...ENV, BOT_ID: 'not-a-guid', BOT_DOMAIN: '' }, pathToFileURL(`${out}/`)),
      ).rejects.toThrow(/BOT_ID must be a GUID[\s\S]*BOT_DOMAIN is not set/);
    } finally {
      await rm(out, { recursive: true, force: true });
    }
  });
});
