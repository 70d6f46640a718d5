import type { Installation, InstallationQuery, InstallationStore } from '@slack/bolt';
import { ConflictError } from '../../core/errors.js';
import type { Store } from '../../core/store/store.js';

const PREFIX = 'slack-installation/';

/**
 * What is kept of one workspace's (or Enterprise Grid organisation's) install: ids, the bot token
 * and its scopes. Not the workspace's or installer's name, not the installer's user token (the app
 * asks for no user scopes) or any incoming webhook: only what answering and authorising need.
 */
export interface StoredInstallation {
  teamId?: string;
  enterpriseId?: string;
  isEnterpriseInstall: boolean;
  appId?: string;
  /** The Slack user id of whoever installed it, for the audit trail. */
  installedBy?: string;
  installedAt: string;
  bot: {
    token: string;
    id?: string;
    userId: string;
    scopes: string[];
    refreshToken?: string;
    expiresAt?: number;
  };
}

/** An org-wide install answers for every workspace of the organisation; otherwise one per team. */
function keyOf(query: { teamId?: string; enterpriseId?: string; isEnterpriseInstall?: boolean }): string {
  if (query.isEnterpriseInstall && query.enterpriseId) return `${PREFIX}enterprise/${query.enterpriseId}`;
  if (query.teamId) return `${PREFIX}team/${query.teamId}`;
  throw new Error('slack: an installation names neither a team nor an enterprise');
}

/**
 * Bolt's InstallationStore over our Store (lowdb or PostgreSQL), so every instance sharing the store
 * authorises with the same tokens. A reinstall replaces the stored one through its eTag: two
 * installs of the same workspace racing leave one whole record, never a mix.
 */
export class StoreInstallations implements InstallationStore {
  constructor(
    private readonly store: Store,
    private readonly clock: () => Date = () => new Date(),
  ) {}

  async storeInstallation(installation: Installation<'v1' | 'v2', boolean>): Promise<void> {
    const bot = installation.bot;
    if (!bot?.token || !bot.userId) throw new Error('slack: the install gave no bot token');
    const record: StoredInstallation = {
      teamId: installation.team?.id,
      enterpriseId: installation.enterprise?.id,
      isEnterpriseInstall: installation.isEnterpriseInstall === true,
      appId: installation.appId,
      installedBy: installation.user?.id,
      installedAt: this.clock().toISOString(),
      bot: {
        token: bot.token,
        id: bot.id,
        userId: bot.userId,
        scopes: bot.scopes ?? [],
        refreshToken: bot.refreshToken,
        expiresAt: bot.expiresAt,
      },
    };
    await this.#replace(keyOf({ ...record }), record);
  }

  async fetchInstallation(query: InstallationQuery<boolean>): Promise<Installation<'v1' | 'v2', boolean>> {
    // An org-wide install covers its workspaces: look for the organisation's when the team has none.
    const keys = [keyOf(query)];
    if (!query.isEnterpriseInstall && query.enterpriseId)
      keys.push(keyOf({ enterpriseId: query.enterpriseId, isEnterpriseInstall: true }));
    for (const key of keys) {
      const item = await this.store.get<StoredInstallation>(key);
      if (item) return toInstallation(item.value);
    }
    throw new Error('slack: no installation for this workspace');
  }

  async deleteInstallation(query: InstallationQuery<boolean>): Promise<void> {
    await this.store.delete(keyOf(query));
  }

  async #replace(key: string, record: StoredInstallation): Promise<void> {
    for (let attempt = 0; ; attempt += 1) {
      const current = await this.store.get<StoredInstallation>(key);
      try {
        await this.store.put(key, record, current ? { ifMatch: current.eTag } : { ifNoneMatch: '*' });
        return;
      } catch (error) {
        // Another instance wrote it in between: read again and write over the newer one.
        if (!(error instanceof ConflictError) || attempt >= 3) throw error;
      }
    }
  }
}

function toInstallation(r: StoredInstallation): Installation<'v2', boolean> {
  return {
    team: r.teamId ? { id: r.teamId } : undefined,
    enterprise: r.enterpriseId ? { id: r.enterpriseId } : undefined,
    isEnterpriseInstall: r.isEnterpriseInstall,
    appId: r.appId,
    authVersion: 'v2',
    user: { id: r.installedBy ?? '', token: undefined, scopes: undefined },
    bot: { ...r.bot },
  } as Installation<'v2', boolean>;
}

/** The bot token for a digest subscription's reference (`{ channel, team }`), from the stored install. */
export function installedTokenFor(store: Store): (reference: unknown) => Promise<string> {
  const installations = new StoreInstallations(store);
  return async (reference) => {
    const team = (reference as { team?: unknown } | null)?.team;
    if (typeof team !== 'string' || !team) throw new Error('slack: the subscription names no workspace');
    const found = await installations.fetchInstallation({
      teamId: team,
      enterpriseId: undefined,
      isEnterpriseInstall: false,
    });
    if (!found.bot?.token) throw new Error('slack: the installation has no bot token');
    return found.bot.token;
  };
}
