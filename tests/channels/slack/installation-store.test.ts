import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Installation } from '@slack/bolt';
import { afterAll, describe, expect, it } from 'vitest';
import { StoreInstallations } from '../../../src/channels/slack/installation-store.js';
import { openLowdbStore } from '../../../src/core/store/lowdb-store.js';
import { openPostgresStore } from '../../../src/core/store/postgres-store.js';
import type { Store } from '../../../src/core/store/store.js';
import { describePostgres, dropSchema, testSchema } from '../../helpers/postgres.js';

function installation(team: string, token: string, extra: Partial<Installation> = {}): Installation {
  return {
    team: { id: team, name: 'A workspace name' },
    enterprise: undefined,
    user: { id: 'UINSTALLER', token: undefined, scopes: undefined },
    bot: { token, userId: 'UBOT', id: 'BBOT', scopes: ['chat:write'] },
    isEnterpriseInstall: false,
    authVersion: 'v2',
    appId: 'A0001',
    ...extra,
  } as Installation;
}

function contract(name: string, open: () => Promise<{ store: Store; cleanup?: () => Promise<void> }>) {
  describe(`StoreInstallations over ${name}`, () => {
    it('keeps ids and the bot token only, and finds them for the team', async () => {
      const { store, cleanup } = await open();
      try {
        const installs = new StoreInstallations(store);
        await installs.storeInstallation(installation('T1', 'xoxb-1'));
        const found = await installs.fetchInstallation({
          teamId: 'T1',
          isEnterpriseInstall: false,
          enterpriseId: undefined,
        });
        expect(found.bot).toMatchObject({
          token: 'xoxb-1',
          userId: 'UBOT',
          id: 'BBOT',
          scopes: ['chat:write'],
        });
        expect(found.team?.id).toBe('T1');
        expect(JSON.stringify((await store.list('slack-installation/'))[0]?.value)).not.toContain(
          'A workspace name',
        );
        await expect(
          installs.fetchInstallation({ teamId: 'T2', isEnterpriseInstall: false, enterpriseId: undefined }),
        ).rejects.toThrow(/no installation/);
      } finally {
        await store.close();
        await cleanup?.();
      }
    });

    it('two installs of one workspace at once leave one whole record; an org-wide install covers its teams', async () => {
      const { store, cleanup } = await open();
      try {
        const installs = new StoreInstallations(store);
        await Promise.all(
          ['xoxb-a', 'xoxb-b', 'xoxb-c'].map((t) => installs.storeInstallation(installation('T1', t))),
        );
        const items = await store.list<{ bot: { token: string } }>('slack-installation/');
        expect(items).toHaveLength(1);
        expect(['xoxb-a', 'xoxb-b', 'xoxb-c']).toContain(items[0]?.value.bot.token);

        await installs.storeInstallation(
          installation('', 'xoxb-org', {
            team: undefined,
            enterprise: { id: 'E1' },
            isEnterpriseInstall: true,
          } as Partial<Installation>),
        );
        const viaOrg = await installs.fetchInstallation({
          teamId: 'T9',
          enterpriseId: 'E1',
          isEnterpriseInstall: false,
        });
        expect(viaOrg.bot?.token).toBe('xoxb-org');
        await installs.deleteInstallation({
          teamId: 'T1',
          isEnterpriseInstall: false,
          enterpriseId: undefined,
        });
        expect((await store.list('slack-installation/')).map((i) => i.key)).toEqual([
          'slack-installation/enterprise/E1',
        ]);
      } finally {
        await store.close();
        await cleanup?.();
      }
    });
  });
}

contract('lowdb', async () => {
  const dir = await mkdtemp(join(tmpdir(), 'installations-'));
  return { store: await openLowdbStore(dir), cleanup: () => rm(dir, { recursive: true, force: true }) };
});

describePostgres('StoreInstallations on PostgreSQL', (url) => {
  const schema = testSchema();
  afterAll(() => dropSchema(url, schema));
  contract('postgres', async () => ({ store: await openPostgresStore(url, { schema }) }));
});
