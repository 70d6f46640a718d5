import { cp, mkdir, readFile, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { loadContentPack, readContentPack } from '../../../src/core/content/load.js';
import { readAllPacks } from '../../../src/core/content/packs.js';
import { resolveContact } from '../../../src/core/content/contacts.js';
import { runContentCheck } from '../../../src/cli/content-check.js';
import { CONTENT_DIR } from '../../helpers/content-fixture.js';
import { NORTH, SOUTH, partnershipPackYaml, writePacksDir } from '../../helpers/partnership-packs.js';

const dirs: string[] = [];
afterEach(async () => {
  for (const d of dirs.splice(0)) await rm(d, { recursive: true, force: true });
});
async function packs(): Promise<string> {
  const dir = await writePacksDir();
  dirs.push(dir);
  return dir;
}

function io() {
  const out = { stdout: '', stderr: '' };
  return {
    out,
    io: {
      stdin: process.stdin,
      stdout: { write: (s: string) => ((out.stdout += s), true) },
      stderr: { write: (s: string) => ((out.stderr += s), true) },
      isTTY: false,
    } as never,
  };
}

describe('partnership packs (PACKS_DIR)', () => {
  it('a pack extending the shared folder serves its guidance with its own contacts, name and schedule', async () => {
    const dir = await packs();
    const shared = await loadContentPack(CONTENT_DIR);
    const north = await loadContentPack(join(dir, 'north'));
    expect(north.items.map((i) => i.id)).toEqual(shared.items.map((i) => i.id));
    expect(north.settings.partnership.name).toBe(NORTH.name);
    expect(north.settings.digest).toEqual(NORTH.digest);
    expect(resolveContact(north.contacts, 'front_door').detail).toBe(NORTH.frontDoorPhone);
    // Contacts it does not set come from the shared folder.
    expect(resolveContact(north.contacts, 'emergency').detail).toBe('999');
    expect(north.settings.serves?.tenants).toEqual([NORTH.tenant]);
    // Checklists and audits come from the shared folder when the pack has none.
    expect(north.folders?.checklists).toBe(join(CONTENT_DIR, 'checklists'));
  });

  it('includes only the shared items it lists, and its own item replaces a shared one (local wording)', async () => {
    const dir = await packs();
    const north = join(dir, 'north');
    await writeFile(
      join(north, 'pack.yaml'),
      partnershipPackYaml(NORTH, CONTENT_DIR, { include: { guidance: ['under-10-protocol', 'csaac'] } }),
    );
    await mkdir(join(north, 'guidance'));
    const own = (await readFile(join(CONTENT_DIR, 'guidance', 'csaac.md'), 'utf8')).replace(
      /^title: .*$/m,
      'title: North CSAAC referrals',
    );
    await writeFile(join(north, 'guidance', 'csaac.md'), own);
    const pack = await loadContentPack(north);
    expect(pack.items.map((i) => i.id).sort()).toEqual(['csaac', 'under-10-protocol']);
    expect(pack.byId.get('csaac')?.title).toBe('North CSAAC referrals');
  });

  it('names an included item the shared folder does not have', async () => {
    const dir = await packs();
    await writeFile(
      join(dir, 'north', 'pack.yaml'),
      partnershipPackYaml(NORTH, CONTENT_DIR, { include: { guidance: ['no-such-item'] } }),
    );
    const { pack, issues } = await readContentPack(join(dir, 'north'));
    expect(pack).toBeUndefined();
    expect(issues).toContainEqual(
      expect.objectContaining({ field: 'include.guidance[0]', message: expect.stringContaining('no-such-item') }),
    );
  });

  it('content:check checks every pack, and refuses an organisation two partnerships claim', async () => {
    const dir = await packs();
    const ok = io();
    expect(await runContentCheck({ contentDir: CONTENT_DIR, packsDir: dir }, [], ok.io, '2026-01-01')).toBe(0);
    expect(ok.out.stdout).toMatch(/2 partnership\(s\) \(guidance items: north \d+, south \d+\), 0 error/);

    await writeFile(join(dir, 'south', 'pack.yaml'), partnershipPackYaml({ ...SOUTH, tenant: NORTH.tenant }, CONTENT_DIR));
    const clash = io();
    expect(await runContentCheck({ contentDir: CONTENT_DIR, packsDir: dir }, [], clash.io, '2026-01-01')).toBe(1);
    expect(clash.out.stderr).toContain(`serves.tenants: "${NORTH.tenant}" is also served by "north"`);
  });

  it('content:check fails for one broken pack and names its file; a pack serving nobody is an error', async () => {
    const dir = await packs();
    await writeFile(join(dir, 'south', 'pack.yaml'), 'timezone: Mars/Base\n');
    // A whole pack of its own, but no `serves`: in a packs folder it would serve nobody.
    await cp(CONTENT_DIR, join(dir, 'west'), { recursive: true });
    const { packs: read, issues } = await readAllPacks(dir);
    expect(read.map((p) => p.id)).toEqual(['north', 'west']);
    expect(issues.some((i) => i.file.endsWith(join('south', 'pack.yaml')) && i.severity === 'error')).toBe(true);
    const check = io();
    expect(await runContentCheck({ contentDir: CONTENT_DIR, packsDir: dir }, [], check.io, '2026-01-01')).toBe(1);
    expect(check.out.stderr).toMatch(/south.pack\.yaml/);
    expect(check.out.stderr).toMatch(/west.pack\.yaml: serves: lists no tenants or slack_teams/);
  });

  it('a missing or empty PACKS_DIR is an error, not zero partnerships served', async () => {
    const dir = await packs();
    await rm(join(dir, 'north'), { recursive: true });
    await rm(join(dir, 'south'), { recursive: true });
    const { issues } = await readAllPacks(dir);
    expect(issues).toContainEqual(expect.objectContaining({ message: expect.stringContaining('holds no partnership folder') }));
    const missing = await readAllPacks(join(dir, 'nope'));
    expect(missing.issues[0]?.message).toContain('is missing');
  });
});
