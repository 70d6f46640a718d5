import type { ReplyKeeper } from '../../core/replies/kept-replies.js';
import type { TeamsAdapter } from '@microsoft/teams-ai';
import { createTeamsAdapter } from '../teams/adapter.js';
import type { GuideApi } from '../../core/guide-api.js';
import { onePartnership, type AdminList } from '../../core/partnerships.js';
import { createTeamsBot, type TeamsBot } from '../teams/bot.js';
import type { Logger } from '../../server/logger.js';
import type { Store } from '../../core/store/store.js';

/**
 * The playground's user: the operator at this machine, who could equally run `npm run report` on the
 * data directory. The page sends it as `from.id` and `from.aadObjectId` (Teams admins are matched by
 * AAD object id). It is an admin in the playground's bot only; `/api/messages` never treats it so.
 */
export const PLAYGROUND_USER = { id: 'playground-operator', name: 'You (this computer)' } as const;

export interface PlaygroundBotDeps {
  guide: GuideApi;
  kept: ReplyKeeper;
  admins: AdminList;
  logger: Logger;
  store: Store;
}

export interface PlaygroundBot {
  adapter: TeamsAdapter;
  bot: TeamsBot;
}

/**
 * The same Teams bot (same guide) behind a second, credential-less CloudAdapter: it takes
 * activities without a Bot Framework token and replies to the playground connector without one, whatever
 * the main adapter's settings. Only loopback requests ever reach it (see mount.ts).
 */
export function createPlaygroundBot(deps: PlaygroundBotDeps): PlaygroundBot {
  const adapter = createTeamsAdapter({ appType: 'MultiTenant' });
  const admins: AdminList = { has: (id) => id === PLAYGROUND_USER.id || deps.admins.has(id) };
  const bot = createTeamsBot({
    adapter,
    kept: deps.kept,
    partnerships: onePartnership({ id: 'playground', guide: deps.guide, admins }),
    logger: deps.logger,
    store: deps.store,
  });
  return { adapter, bot };
}
