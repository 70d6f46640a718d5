import { rm } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { readContentPack } from '../../../src/core/content/load.js';
import { copyContent, editFile } from '../../helpers/content-fixture.js';

describe('content:check: the shorthand lexicon', () => {
  it('the pack lexicon loads', async () => {
    const dir = await copyContent();
    const { pack, issues } = await readContentPack(dir);
    expect(issues.filter((i) => i.severity === 'error')).toEqual([]);
    expect(pack?.settings.lexicon.strat).toBe('strategy meeting');
    await rm(dir, { recursive: true });
  });

  it('refuses a key with spaces, a value that is not plain words, and shorthand inside a value', async () => {
    const dir = await copyContent();
    await editFile(join(dir, 'pack.yaml'), (text) =>
      text.replace(
        'lexicon:\n',
        'lexicon:\n  "strat mtg": strategy meeting\n  xyz: "<b>bold</b>"\n  cpmtg: cp meeting\n  cp: child protection\n',
      ),
    );
    const { pack, issues } = await readContentPack(dir);
    expect(pack).toBeUndefined();
    const messages = issues.map((i) => `${i.field}: ${i.message}`);
    expect(messages.some((m) => m.includes('strat mtg') && m.includes('without spaces'))).toBe(true);
    expect(messages.some((m) => m.includes('xyz') && m.includes('plain words'))).toBe(true);
    expect(messages.some((m) => m.includes('cpmtg') && m.includes('itself shorthand'))).toBe(true);
    await rm(dir, { recursive: true });
  });
});
