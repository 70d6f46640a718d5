import { KeptReplies } from '../../core/replies/kept-replies.js';
import { App, SocketModeReceiver, webApi } from '@slack/bolt';
import type { Logger } from 'pino';
import type { Server } from 'restify';
import type { Config } from '../../config.js';
import type { PartnershipRouting, TurnPartnership } from '../../core/partnerships.js';
import type { Store } from '../../core/store/store.js';
import { BackgroundWork } from './background.js';
import { BotIdentity } from './bot-identity.js';
import { webApiOptions } from './web-api.js';
import { boltLogger } from './bolt-logger.js';
import { RestifyReceiver } from './restify-receiver.js';
import { InstallFlow } from './install-flow.js';
import { servedTeamsOnly } from './served-teams.js';
import { FirstTimeKeys } from '../shared/first-time.js';
import { recentlyRemembered } from '../shared/recent-keys.js';
import { registerActions } from './surfaces/actions.js';
import { registerCommand } from './surfaces/command.js';
import { registerConversations } from './surfaces/conversations.js';
import { registerHome } from './surfaces/home.js';
import { registerMessages } from './surfaces/messages.js';
import type { SurfaceContext } from './surface-context.js';

export { SLACK_EVENTS_PATH } from './restify-receiver.js';

export interface SlackDeps {
  /** Which partnership serves a workspace (none: the request is refused). */
  partnerships: PartnershipRouting;
  /** Carries the request's partnership to the handlers: they use its guide and admins. */
  turn: TurnPartnership;
  store: Store;
  config: Config;
  logger: Logger;
  /** Told when Slack confirms the token, and of each reply that ran out of time. */
  status?: { ready(): void; timedOut(): void };
}

export interface SlackHandle {
  mode: 'http' | 'socket';
  app: App;
  /** Connects in Socket Mode; nothing to do in HTTP mode (the restify route is already live). */
  start(): Promise<void>;
  /** Resolves when all post-ack work (answers being posted) has finished. */
  idle(): Promise<void>;
  /** Disconnects Socket Mode and waits for post-ack work (each task is time-limited). */
  stop(): Promise<void>;
}

/**
 * Mounts the Slack app. HTTP mode: `POST /slack/events` on the given restify server (events,
 * slash commands and interactivity, through a Bolt Receiver that checks the signature on the raw
 * body). Socket Mode when SLACK_APP_TOKEN is set: no route, `start()` connects.
 */
export function mountSlack(server: Server, deps: SlackDeps): SlackHandle {
  const slack = deps.config.slack;
  if (!slack) throw new Error('mountSlack called without Slack configuration');
  const logger = deps.logger.child({ channel: 'slack' });
  // A task may make a few Web API calls; each has the client's own limit.
  const work = new BackgroundWork(logger, {
    taskTimeoutMs: 3 * slack.apiTimeoutMs,
    onTimeout: () => deps.status?.timedOut(),
  });
  const dedupe = new FirstTimeKeys({
    store: deps.store,
    prefix: 'slack-event/',
    logger,
    // Slack retries an event up to three times within about half an hour; keep ids for longer.
    keepMs: 2 * 60 * 60 * 1000,
    ifStoreFails: 'first',
    what: 'slack event id',
  });
  const socket = Boolean(slack.appToken);
  const boltLog = boltLogger(logger);

  const clientOptions = webApiOptions({ apiUrl: slack.apiUrl, timeoutMs: slack.apiTimeoutMs });
  // Many workspaces: each installs through the flow and Bolt authorises with its stored token.
  const installFlow = slack.oauth
    ? new InstallFlow({
        oauth: slack.oauth,
        store: deps.store,
        allowedTeams: deps.partnerships.slackTeams(),
        clientOptions,
        boltLogger: boltLog,
        logger,
      })
    : undefined;
  const receiver = socket
    ? new SocketModeReceiver({ appToken: slack.appToken ?? '', logger: boltLog })
    : new RestifyReceiver({ signingSecret: slack.signingSecret, logger: boltLog, installFlow });
  // Not `token`: Bolt would check it once at construction and keep a failed (or hung) result for good.
  const identity = slack.botToken
    ? new BotIdentity(
        new webApi.WebClient(undefined, { ...clientOptions, logger: boltLog }),
        slack.botToken,
        logger,
        () => deps.status?.ready(),
      )
    : undefined;
  const app = new App({
    ...(identity ? { authorize: identity.authorize } : {}),
    receiver,
    logger: boltLog,
    clientOptions,
  });

  app.error(async (error) => {
    logger.error(
      { err: { type: error.name, code: error.code, message: error.message } },
      'slack: listener error',
    );
  });

  // First: a workspace not served is refused before anything (an event id, a count) is stored; a
  // served one's partnership is the request's from here on.
  app.use(servedTeamsOnly(deps.partnerships, deps.turn, logger, work));
  installFlow?.forgetOnUninstall(app);

  // Events API retries (X-Slack-Retry-Num) carry the same event_id: ack (Bolt already has) and drop.
  app.use(async ({ body, next }) => {
    const eventId = (body as { event_id?: unknown }).event_id;
    if (typeof eventId === 'string') {
      if (!(await dedupe.firstTime(eventId))) {
        logger.info({ eventId }, 'slack: duplicate event ignored');
        return;
      }
      work.run('dedupe-prune', () => dedupe.pruneIfDue());
    }
    await next();
  });

  const ctx: SurfaceContext = {
    guide: deps.turn.guide,
    store: deps.store,
    admins: deps.turn.admins,
    logger,
    work,
    dedupe,
    welcomed: new FirstTimeKeys({
      store: deps.store,
      prefix: 'slack-welcomed/',
      logger,
      keepMs: Infinity,
      ifStoreFails: 'seen',
      what: 'slack welcome',
    }),
    remembered: recentlyRemembered(),
    folded: new KeptReplies(deps.store, logger),
  };
  registerCommand(app, ctx);
  registerMessages(app, ctx);
  registerActions(app, ctx);
  registerHome(app, ctx);
  registerConversations(app, ctx);

  if (receiver instanceof RestifyReceiver) receiver.mount(server);

  return {
    mode: socket ? 'socket' : 'http',
    app,
    start: async () => {
      // The install flow has no one token to confirm: ready once mounted.
      if (identity) identity.start();
      else deps.status?.ready();
      if (socket) await app.start();
    },
    idle: () => work.idle(),
    stop: async () => {
      identity?.stop();
      if (socket) await app.stop();
      await work.idle();
    },
  };
}
