import { mkdtemp, readFile, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { CodedError } from '../../../src/core/errors.js';
import { BACKUP_FILE, STORE_FILE, openLowdbStore } from '../../../src/core/store/lowdb-store.js';
import { recordingLogger } from '../../helpers/recording-logger.js';

const SECRET = 'Jordan Example-Pupil dob 01/02/2015';

describe('lowdb store on disk', () => {
  let dir: string;
  let main: string;
  let backup: string;

  beforeEach(async () => {
    dir = await mkdtemp(join(tmpdir(), 'store-recovery-'));
    main = join(dir, STORE_FILE);
    backup = join(dir, BACKUP_FILE);
  });
  afterEach(() => rm(dir, { recursive: true, force: true }));

  async function seed(): Promise<void> {
    const store = await openLowdbStore(dir);
    await store.put('checklist/u1/r1', { answers: [SECRET] });
    await store.put('checklist/u1/r2', { answers: ['b'] });
    await store.close();
  }

  it('starts empty on first start, says so, and creates both files', async () => {
    const logger = recordingLogger();
    const store = await openLowdbStore(join(dir, 'nested', 'data'), { logger });
    expect(await store.list('')).toEqual([]);
    expect(logger.records).toEqual([
      expect.objectContaining({ level: 'info', msg: expect.stringMatching(/first start/) }),
    ]);
    await stat(join(dir, 'nested', 'data', STORE_FILE));
    await stat(join(dir, 'nested', 'data', BACKUP_FILE));
    await store.close();
  });

  it('keeps the backup equal to the last good write', async () => {
    await seed();
    expect(await readFile(backup, 'utf8')).toBe(await readFile(main, 'utf8'));
    expect(JSON.parse(await readFile(main, 'utf8')).items['checklist/u1/r2'].value).toEqual({
      answers: ['b'],
    });
  });

  const damage: Record<string, (text: string) => string> = {
    garbage: () => `\u0000\u0001 not json at all ${SECRET} }{`,
    truncated: (text) => text.slice(0, Math.floor(text.length / 2)),
    empty: () => '',
    'wrong shape': () => JSON.stringify({ items: [SECRET] }),
  };

  for (const [kind, corrupt] of Object.entries(damage)) {
    it(`restores a ${kind} store file from the backup with an error-level log line`, async () => {
      await seed();
      await writeFile(main, corrupt(await readFile(main, 'utf8')));
      const logger = recordingLogger();
      const store = await openLowdbStore(dir, { logger });
      expect((await store.get('checklist/u1/r1'))?.value).toEqual({ answers: [SECRET] });
      expect(await store.list('checklist/')).toHaveLength(2);
      const errors = logger.records.filter((r) => r.level === 'error');
      expect(errors).toHaveLength(1);
      expect(errors[0]?.msg).toMatch(/RESTORED FROM BACKUP/);
      expect(errors[0]?.obj).toMatchObject({ path: main, backupPath: backup, items: 2 });
      expect(logger.text()).not.toContain('Jordan');
      await store.close();
      // The main file was rewritten, so the next start is clean.
      const again = recordingLogger();
      await (await openLowdbStore(dir, { logger: again })).close();
      expect(again.records).toEqual([]);
    });
  }

  it('restores from the backup when the store file is missing but a backup exists', async () => {
    await seed();
    await rm(main);
    const logger = recordingLogger();
    const store = await openLowdbStore(dir, { logger });
    expect(await store.list('checklist/')).toHaveLength(2);
    expect(logger.records.map((r) => r.level)).toEqual(['error']);
    await store.close();
  });

  it('refuses to start when both files are unreadable, naming both', async () => {
    await seed();
    await writeFile(main, '{"version":1,"items":{"checklist/u1/r1":{"eTag":"x","value":');
    await writeFile(backup, `garbage ${SECRET}`);
    const error = await openLowdbStore(dir).then(
      () => undefined,
      (e: unknown) => e,
    );
    expect(error).toBeInstanceOf(CodedError);
    expect((error as CodedError).code).toBe('internal');
    expect((error as CodedError).message).toContain(main);
    expect((error as CodedError).message).toContain(backup);
    expect((error as CodedError).message).toMatch(/Refusing to start with an empty store/);
    expect((error as CodedError).message).not.toContain('Jordan');
    // Nothing was overwritten: an operator can still recover the files by hand.
    expect(await readFile(backup, 'utf8')).toBe(`garbage ${SECRET}`);
  });

  it('refuses to start when the store file is corrupt and there is no backup', async () => {
    await seed();
    await rm(backup);
    await writeFile(main, 'trunc');
    await expect(openLowdbStore(dir)).rejects.toThrow(/Refusing to start/);
  });

  it('opens from a good store file and rewrites a damaged backup with a warning', async () => {
    await seed();
    await writeFile(backup, 'nope');
    const logger = recordingLogger();
    const store = await openLowdbStore(dir, { logger });
    expect(await store.list('checklist/')).toHaveLength(2);
    expect(logger.records.map((r) => r.level)).toEqual(['warn']);
    expect(await readFile(backup, 'utf8')).toBe(await readFile(main, 'utf8'));
    await store.close();
  });

  it('close() waits for writes still in flight', async () => {
    const store = await openLowdbStore(dir);
    const writes = Array.from({ length: 30 }, (_, i) => store.put(`feedback/${i}`, { helpful: i % 2 === 0 }));
    await store.close();
    await Promise.all(writes);
    const reopened = await openLowdbStore(dir);
    expect(await reopened.list('feedback/')).toHaveLength(30);
    await reopened.close();
  });

  it('rejects a write it could not make durable and keeps the last acknowledged value', async () => {
    const logger = recordingLogger();
    const store = await openLowdbStore(dir, { logger });
    await store.put('subscription/C1', { day: 'mon' });
    expect(await store.healthy()).toBe(true);
    await rm(dir, { recursive: true, force: true });
    expect(await store.healthy()).toBe(false);
    await expect(store.put('subscription/C1', { day: 'tue' })).rejects.toMatchObject({ code: 'internal' });
    expect((await store.get('subscription/C1'))?.value).toEqual({ day: 'mon' });
    expect(logger.records.filter((r) => r.level === 'error')).toHaveLength(1);
    await store.close();
  });
});
