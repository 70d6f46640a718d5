import type { ReplyKeeper } from '../../core/replies/kept-replies.js';
import type { Server } from 'restify';
import type { Logger } from '../../server/logger.js';
import type { GuideApi } from '../../core/guide-api.js';
import type { AdminList } from '../../core/partnerships.js';
import type { Store } from '../../core/store/store.js';
import { ADMIN_PATH, mountAdmin } from './admin.js';
import { ASSETS, PAGE } from './assets.js';
import { createPlaygroundBot, PLAYGROUND_USER } from './bot.js';
import { CONNECTOR_PATH, mountConnector } from './connector.js';
import { PlaygroundConversations } from './conversations.js';
import { localOnly, selfBase, sendAsset, sendFresh } from './http.js';
import { MESSAGES_PATH, mountMessages } from './messages.js';

export interface PlaygroundOptions {
  logger: Logger;
  /** The core the Teams bot runs; the playground runs its own instance of that bot on it. */
  guide: GuideApi;
  /** Replies kept for redrawing a card in place after a vote (shared with `/api/messages`). */
  kept: ReplyKeeper;
  /** ADMIN_USERS; the playground user is added to them in the playground's bot only. */
  admins: AdminList;
  /** The server's store: the bot's first-time keys (redeliveries, welcomes) live there. */
  store: Store;
  /** Wraps each turn so shutdown waits for it (the server's in-flight counter). */
  track?: <T>(work: () => Promise<T>) => Promise<T>;
  conversations?: PlaygroundConversations;
  /** Open event streams at once; more get 429. */
  maxStreams?: number;
}

/**
 * The local browser playground: the chat page and its assets, its own Bot Framework endpoint (the
 * same Teams bot behind a credential-less adapter, so it works whether or not MicrosoftAppId is set),
 * a minimal connector the bot replies to with an event stream of those replies, and the admin view.
 * Every route answers the operator at this machine only (see http.ts `localOnly`).
 */
export function mountPlayground(server: Server, options: PlaygroundOptions): PlaygroundConversations {
  const conversations = options.conversations ?? new PlaygroundConversations();
  const serviceUrl = (): string => `${selfBase(server)}${CONNECTOR_PATH}`;

  server.get('/playground', localOnly, async (_req, res) => sendAsset(res, PAGE));
  for (const [name, asset] of Object.entries(ASSETS)) {
    server.get(`/playground/${name}`, localOnly, async (_req, res) => sendAsset(res, asset));
  }

  // What the page needs to speak to the bot: where to post, where the bot should reply, who it is.
  server.get('/playground/session', localOnly, async (_req, res) => {
    sendFresh(res, {
      messagesUrl: MESSAGES_PATH,
      serviceUrl: serviceUrl(),
      user: PLAYGROUND_USER,
      adminUrl: ADMIN_PATH,
    });
  });

  const playground = createPlaygroundBot({
    guide: options.guide,
    kept: options.kept,
    admins: options.admins,
    logger: options.logger,
    store: options.store,
  });
  mountMessages(server, { playground, serviceUrl, track: options.track ?? ((work) => work()) });
  mountConnector(server, { logger: options.logger, conversations, maxStreams: options.maxStreams ?? 32 });
  mountAdmin(server, { guide: options.guide, logger: options.logger });

  options.logger.info({ path: '/playground' }, 'playground: mounted (loopback requests only)');
  return conversations;
}
