import { copyFile, rm } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadContentPack, readContentPack } from '../../../src/core/content/load.js';
import { CONTENT_DIR, copyContent, editFile } from '../../helpers/content-fixture.js';

describe('content pack', () => {
  it('loads the real pack: at least 40 items, each with a source, steps or detail, and a why', async () => {
    const pack = await loadContentPack(CONTENT_DIR);
    expect(pack.items.length).toBeGreaterThanOrEqual(40);
    for (const item of pack.items) {
      expect(item.sources.length, item.id).toBeGreaterThan(0);
      expect(item.sources[0]?.title, item.id).toBeTruthy();
      expect(item.why, item.id).not.toBe('');
      expect(item.steps.length + item.sections.length, item.id).toBeGreaterThan(0);
    }
  });

  it('covers every protocol and finding the seed audit names', async () => {
    const pack = await loadContentPack(CONTENT_DIR);
    const text = pack.items.map((i) => `${i.title} ${i.summary}`).join(' ').toLowerCase();
    for (const term of ['under 10 protocol', 'csaac', 'aim', 'youth justice', 'disguised compliance', 'mappa', 'mace', 'raise', 'no wrong door', 'genogram', 'bail', 'therapeutic', 'lado', 'hackett', 'brook']) {
      expect(text, term).toContain(term);
    }
  });

  it('names the file and field when a source is missing', async () => {
    const dir = await copyContent();
    const file = join(dir, 'guidance', 'under-10-protocol.md');
    await editFile(file, (t) => t.replace(/sources:\n(\s+- doc:.*\n(\s+section:.*\n)?)+/, ''));
    const { pack, issues } = await readContentPack(dir);
    expect(pack).toBeUndefined();
    expect(issues).toContainEqual(expect.objectContaining({ file: expect.stringContaining('under-10-protocol.md'), field: 'sources', severity: 'error' }));
    await rm(dir, { recursive: true });
  });

  it('names the field when an age range is the wrong way round or beyond childhood', async () => {
    const dir = await copyContent();
    const file = join(dir, 'guidance', 'homeless-16-17-year-olds.md');
    await editFile(file, (t) => t.replace('ages: { from: 16, to: 17 }', 'ages: { from: 17, to: 16 }'));
    const under = join(dir, 'guidance', 'under-10-protocol.md');
    await editFile(under, (t) => t.replace('ages: { from: 0, to: 9 }', 'ages: { from: 0, to: 25 }'));
    const { pack, issues } = await readContentPack(dir);
    expect(pack).toBeUndefined();
    const fields = issues.filter((i) => i.severity === 'error').map((i) => `${i.file} ${i.field}`);
    expect(fields.some((f) => f.includes('homeless-16-17-year-olds.md') && f.includes('ages'))).toBe(true);
    expect(fields.some((f) => f.includes('under-10-protocol.md') && f.includes('ages'))).toBe(true);
    await rm(dir, { recursive: true });
  });

  it('reports a duplicate id with both files', async () => {
    const dir = await copyContent();
    await copyFile(join(dir, 'guidance', 'csaac.md'), join(dir, 'guidance', 'csaac-copy.md'));
    const { issues } = await readContentPack(dir);
    const messages = issues.filter((i) => i.field === 'id').map((i) => `${i.file} ${i.message}`);
    expect(messages.some((m) => m.includes('csaac-copy.md') && m.includes('duplicate id "csaac"'))).toBe(true);
    await rm(dir, { recursive: true });
  });

  it('rejects broken links, unknown documents and contacts, and reversed review dates', async () => {
    const dir = await copyContent();
    const file = join(dir, 'guidance', 'mace.md');
    await editFile(file, (t) =>
      t
        .replace(/related: \[/, 'related: [no-such-item, ')
        .replace(/- doc: [a-z0-9-]+/, '- doc: made-up-document')
        .replace(/review_by: .*/, 'review_by: 2020-01-01')
        .replace('## Why', '## Who else\n- {{contact:made_up_line}}\n\n## Why'),
    );
    const { issues } = await readContentPack(dir);
    const fields = issues.filter((i) => i.file.endsWith('mace.md')).map((i) => `${i.field}: ${i.message}`);
    expect(fields.some((f) => f.startsWith('related') && f.includes('no-such-item'))).toBe(true);
    expect(fields.some((f) => f.startsWith('sources[0].doc') && f.includes('made-up-document'))).toBe(true);
    expect(fields.some((f) => f.startsWith('review_by'))).toBe(true);
    expect(fields.some((f) => f.includes('made_up_line'))).toBe(true);
    await rm(dir, { recursive: true });
  });

  it('warns about overdue reviews without failing', async () => {
    const { pack, issues } = await readContentPack(CONTENT_DIR, { today: '2099-01-01' });
    expect(pack).toBeDefined();
    expect(issues.length).toBeGreaterThan(0);
    expect(issues.every((i) => i.severity === 'warning' && i.field === 'review_by')).toBe(true);
  });

  it('refuses to load a pack with errors, listing them', async () => {
    const dir = await copyContent();
    await editFile(join(dir, 'pack.yaml'), (t) => t.replace('timezone: Europe/London', 'timezone: Mars/Olympus'));
    await expect(loadContentPack(dir)).rejects.toThrow(/pack\.yaml: timezone/);
    await rm(dir, { recursive: true });
  });
});
