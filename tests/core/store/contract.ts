import { randomUUID } from 'node:crypto';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ConflictError } from '../../../src/core/errors.js';
import type { Store } from '../../../src/core/store/store.js';
import { updateWithRetry } from '../../../src/core/store/update.js';

/**
 * With hundreds of racers on one key only one wins each round, so how many attempts a racer needs
 * grows with the machine's load; still bounded, but generous so a busy CI box cannot fail the test.
 */
export const RACE_ATTEMPTS = 2000;

export interface StoreFixture {
  store: Store;
  cleanup?: () => Promise<void>;
}

/**
 * The behaviour every Store backend must share. Each test works under its own random key prefix,
 * so backends on a shared database (PostgreSQL) need no truncation between tests.
 */
export function storeContract(name: string, open: () => Promise<StoreFixture>): void {
  describe(`Store contract: ${name}`, () => {
    let fixture: StoreFixture;
    let store: Store;
    let ns: string;
    const k = (suffix: string) => `${ns}${suffix}`;

    beforeEach(async () => {
      fixture = await open();
      store = fixture.store;
      ns = `contract-${randomUUID()}/`;
    });
    afterEach(async () => {
      await store.close();
      await fixture.cleanup?.();
    });

    it('returns undefined for a missing key', async () => {
      expect(await store.get(k('missing'))).toBeUndefined();
    });

    it('stores and returns a value with the eTag that put returned', async () => {
      const eTag = await store.put(k('checklist/u1/r1'), { answers: { q1: 'yes' } });
      expect(eTag).toMatch(/\S/);
      expect(await store.get(k('checklist/u1/r1'))).toEqual({
        key: k('checklist/u1/r1'),
        value: { answers: { q1: 'yes' } },
        eTag,
      });
    });

    it('gives every write a new eTag, also after delete and re-create', async () => {
      const seen = new Set<string>();
      for (let i = 0; i < 5; i++) seen.add(await store.put(k('x'), { i }));
      await store.delete(k('x'));
      seen.add(await store.put(k('x'), { i: 0 }));
      expect(seen.size).toBe(6);
    });

    it('round-trips values as JSON', async () => {
      const value = {
        text: 'ünïcödé — “quotes” \\ back\nslash 😀',
        n: 1.5,
        neg: -3,
        big: 2 ** 40,
        t: true,
        f: false,
        nil: null,
        list: [1, 'two', { three: [3] }, []],
        nested: { a: { b: { c: {} } } },
        dropped: undefined,
        when: new Date('2024-03-01T10:00:00.000Z'),
      };
      await store.put(k('json'), value);
      expect((await store.get(k('json')))?.value).toEqual(JSON.parse(JSON.stringify(value)));
      for (const scalar of ['plain string', 42, true, null, [1, 2]]) {
        await store.put(k('scalar'), scalar);
        expect((await store.get(k('scalar')))?.value).toEqual(scalar);
      }
    });

    it('detaches stored values from the caller’s objects', async () => {
      const input = { answers: ['a'] };
      await store.put(k('detached'), input);
      input.answers.push('mutated after put');
      const read = await store.get<{ answers: string[] }>(k('detached'));
      read?.value.answers.push('mutated after get');
      expect((await store.get(k('detached')))?.value).toEqual({ answers: ['a'] });
    });

    it('accepts keys with unusual characters', async () => {
      for (const key of ['__proto__', 'constructor', 'a b/ü/😀', 'quote\'and"dq', 'x%_\\y']) {
        await store.put(k(key), { key });
        expect((await store.get(k(key)))?.value).toEqual({ key });
      }
    });

    describe('ifMatch', () => {
      it('writes when the eTag matches and rejects a stale eTag without changing the value', async () => {
        const first = await store.put(k('run'), { v: 1 });
        const second = await store.put(k('run'), { v: 2 }, { ifMatch: first });
        await expect(store.put(k('run'), { v: 3 }, { ifMatch: first })).rejects.toBeInstanceOf(ConflictError);
        expect(await store.get(k('run'))).toMatchObject({ value: { v: 2 }, eTag: second });
      });

      it('treats a missing key as a conflict, also for ifMatch "*"', async () => {
        await expect(store.put(k('gone'), 1, { ifMatch: 'some-etag' })).rejects.toBeInstanceOf(ConflictError);
        await expect(store.put(k('gone'), 1, { ifMatch: '*' })).rejects.toBeInstanceOf(ConflictError);
        expect(await store.get(k('gone'))).toBeUndefined();
      });

      it('with "*" writes over any existing version', async () => {
        await store.put(k('any'), 1);
        await store.put(k('any'), 2, { ifMatch: '*' });
        expect((await store.get(k('any')))?.value).toBe(2);
      });
    });

    describe('ifNoneMatch "*"', () => {
      it('creates a missing key and refuses to overwrite an existing one', async () => {
        const eTag = await store.put(k('ledger'), { sent: 1 }, { ifNoneMatch: '*' });
        await expect(store.put(k('ledger'), { sent: 2 }, { ifNoneMatch: '*' })).rejects.toBeInstanceOf(
          ConflictError,
        );
        expect(await store.get(k('ledger'))).toMatchObject({ value: { sent: 1 }, eTag });
      });

      it('lets exactly one of many concurrent creators win', async () => {
        const results = await Promise.allSettled(
          Array.from({ length: 25 }, (_, i) =>
            store.put(k('digest-ledger/C1/2024-W10'), { by: i }, { ifNoneMatch: '*' }),
          ),
        );
        const won = results.filter((r) => r.status === 'fulfilled');
        const lost = results.filter((r) => r.status === 'rejected');
        expect(won).toHaveLength(1);
        expect(lost.every((r) => r.reason instanceof ConflictError)).toBe(true);
      });
    });

    describe('delete', () => {
      it('removes a key and reports whether anything was deleted', async () => {
        await store.put(k('d'), 1);
        expect(await store.delete(k('d'))).toBe(true);
        expect(await store.get(k('d'))).toBeUndefined();
        expect(await store.delete(k('d'))).toBe(false);
      });

      it('honours ifMatch', async () => {
        const old = await store.put(k('d'), 1);
        const current = await store.put(k('d'), 2);
        await expect(store.delete(k('d'), { ifMatch: old })).rejects.toBeInstanceOf(ConflictError);
        expect((await store.get(k('d')))?.value).toBe(2);
        expect(await store.delete(k('d'), { ifMatch: current })).toBe(true);
        await expect(store.delete(k('d'), { ifMatch: current })).rejects.toBeInstanceOf(ConflictError);
      });
    });

    describe('list', () => {
      it('returns the items under a prefix, in key order', async () => {
        for (const key of [
          'checklist/u2/r1',
          'checklist/u1/r2',
          'checklist/u1/r1',
          'checklist/u10/r1',
          'feedback/x',
        ]) {
          await store.put(k(key), { key });
        }
        const items = await store.list<{ key: string }>(k('checklist/u1/'));
        expect(items.map((i) => i.key)).toEqual([k('checklist/u1/r1'), k('checklist/u1/r2')]);
        expect(items[0]?.value).toEqual({ key: 'checklist/u1/r1' });
        expect((await store.list(k('checklist/'))).map((i) => i.key)).toEqual(
          ['checklist/u1/r1', 'checklist/u1/r2', 'checklist/u10/r1', 'checklist/u2/r1'].map(k),
        );
        expect(await store.list(k('nothing/'))).toEqual([]);
      });

      it('treats prefix characters literally (no wildcards)', async () => {
        for (const key of ['a%b/1', 'a_b/1', 'axb/1', 'a\\b/1', 'a%bc/1']) await store.put(k(key), 1);
        expect((await store.list(k('a%b/'))).map((i) => i.key)).toEqual([k('a%b/1')]);
        expect((await store.list(k('a_b/'))).map((i) => i.key)).toEqual([k('a_b/1')]);
        expect((await store.list(k('a\\b/'))).map((i) => i.key)).toEqual([k('a\\b/1')]);
      });

      it('returns eTags that work as ifMatch', async () => {
        await store.put(k('p/1'), 1);
        const [item] = await store.list(k('p/'));
        await store.put(k('p/1'), 2, { ifMatch: item?.eTag });
        expect((await store.get(k('p/1')))?.value).toBe(2);
      });
    });

    describe('updateWithRetry', () => {
      it('loses no increment among 200 concurrent updates', async () => {
        await Promise.all(
          Array.from({ length: 200 }, () =>
            updateWithRetry<{ count: number }>(
              store,
              k('counter'),
              (c) => ({ count: (c?.count ?? 0) + 1 }),
              RACE_ATTEMPTS,
            ),
          ),
        );
        expect((await store.get(k('counter')))?.value).toEqual({ count: 200 });
      }, 90_000); // 200 racers on one key: mostly conflicts and backoff, slow on a busy machine

      it('keeps every answer when many submissions merge into one run', async () => {
        await Promise.all(
          Array.from({ length: 50 }, (_, i) =>
            updateWithRetry<{ answers: Record<string, number> }>(
              store,
              k('checklist/u1/run'),
              (run) => ({ answers: { ...run?.answers, [`q${i}`]: i } }),
              RACE_ATTEMPTS,
            ),
          ),
        );
        const answers = (await store.get<{ answers: Record<string, number> }>(k('checklist/u1/run')))?.value
          .answers;
        expect(Object.keys(answers ?? {})).toHaveLength(50);
      });

      it('gives up with ConflictError after the given number of attempts', async () => {
        let calls = 0;
        const rival = async (current: number | undefined) => {
          calls++;
          await store.put(k('contested'), -calls); // a competing writer changes it every time
          return (current ?? 0) + 1;
        };
        await expect(
          updateWithRetry(store, k('contested'), rival, 3, { baseDelayMs: 1 }),
        ).rejects.toBeInstanceOf(ConflictError);
        expect(calls).toBe(3);
      });
    });

    it('reports healthy while open', async () => {
      expect(await store.healthy()).toBe(true);
    });
  });
}
