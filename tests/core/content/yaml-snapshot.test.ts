import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parse } from 'yaml';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadWholePack } from '../../../src/core/content/checklists-and-digests.js';
import {
  isYamlParseError,
  parseYaml,
  useYamlSnapshot,
  writeYamlSnapshot,
} from '../../../src/core/content/yaml-snapshot.js';
import { copyContent, editFile } from '../../helpers/content-fixture.js';

interface SnapshotFile {
  v: number;
  yaml: string;
  entries: Record<string, string>;
}

describe('YAML snapshot (the pack read back with JSON.parse at start)', () => {
  let dir: string;
  let content: string;
  let file: string;
  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'sg-yaml-snapshot-'));
    content = await copyContent();
    file = join(dir, 'yaml-snapshot.json');
  });
  afterAll(async () => {
    useYamlSnapshot(); // back to build/yaml-snapshot.json for anything else in this worker
    await rm(dir, { recursive: true, force: true });
    await rm(content, { recursive: true, force: true });
  });

  it('loads the whole pack from the snapshot exactly as parsed afresh', async () => {
    useYamlSnapshot(join(dir, 'none.json')); // nothing to read: every text parsed
    const fresh = await loadWholePack(content);
    const recorded = await writeYamlSnapshot(() => loadWholePack(content), file);
    const written = JSON.parse(await readFile(file, 'utf8')) as SnapshotFile;
    expect(recorded).toBeGreaterThan(20); // pack.yaml, every item, checklist and audit file
    expect(Object.keys(written.entries)).toHaveLength(recorded);
    expect(await loadWholePack(content)).toEqual(fresh);
  });

  it('a text in the snapshot is read from it; an edited text is parsed, so a content edit takes effect', async () => {
    const snapshot = JSON.parse(await readFile(file, 'utf8')) as SnapshotFile;
    // Prove the snapshot is read: one entry changed by hand is what comes back for its text.
    const tampered = join(dir, 'tampered.json');
    const { entries } = await writeSnapshotOf('title: Original', tampered);
    const original = Object.keys(entries)[0] as string;
    await writeFile(tampered, JSON.stringify({ ...snapshot, entries: { [original]: '{"title":"From the snapshot"}' } }));
    useYamlSnapshot(tampered);
    expect(parseYaml('title: Original')).toEqual({ title: 'From the snapshot' });
    expect(parseYaml('title: Edited')).toEqual({ title: 'Edited' });

    useYamlSnapshot(file);
    const guidance = join(content, 'guidance', 'mace.md');
    await editFile(guidance, (text) => text.replace(/^title: .*$/m, 'title: MACE, edited after the snapshot'));
    const { pack } = await loadWholePack(content);
    expect(pack.byId.get('mace')?.title).toBe('MACE, edited after the snapshot');
  });

  it('a snapshot from another parser version is not used', async () => {
    const other = join(dir, 'other-version.json');
    const { entries } = await writeSnapshotOf('title: Original', other);
    const [hash] = Object.keys(entries) as [string];
    await writeFile(other, JSON.stringify({ v: 1, yaml: '0.0.1', entries: { [hash]: '{"title":"stale"}' } }));
    useYamlSnapshot(other);
    expect(parseYaml('title: Original')).toEqual({ title: 'Original' });
  });

  it('records only values JSON keeps unchanged, and throws the parser’s own error for bad YAML', async () => {
    const lossy = join(dir, 'lossy.json');
    await writeYamlSnapshot(async () => {
      parseYaml('limit: .inf');
      parseYaml('when: 2025-01-01');
    }, lossy);
    const { entries } = JSON.parse(await readFile(lossy, 'utf8')) as SnapshotFile;
    expect(Object.values(entries)).toEqual(['{"when":"2025-01-01"}']);
    expect(parseYaml('limit: .inf')).toEqual(parse('limit: .inf'));

    let thrown: unknown;
    try {
      parseYaml('title: [unclosed');
    } catch (error) {
      thrown = error;
    }
    expect(isYamlParseError(thrown)).toBe(true);
    expect(isYamlParseError(new Error('not YAML'))).toBe(false);
  });
});

async function writeSnapshotOf(text: string, file: string): Promise<SnapshotFile> {
  await writeYamlSnapshot(async () => parseYaml(text), file);
  return JSON.parse(await readFile(file, 'utf8')) as SnapshotFile;
}
