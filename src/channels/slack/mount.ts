import { KeptReplies } from '../../core/replies/kept-replies.js';
import type { IncomingMessage, ServerResponse } from 'node:http';
import {
  App,
  HTTPModuleFunctions,
  HTTPReceiver,
  SocketModeReceiver,
  isValidSlackRequest,
  webApi,
} from '@slack/bolt';
import type { Logger } from 'pino';
import type { Server } from 'restify';
import type { Config } from '../../config.js';
import type { GuideApi } from '../../core/guide-api.js';
import type { Store } from '../../core/store/store.js';
import { readRawBody } from '../../server/raw-body.js';
import { BackgroundWork } from './background.js';
import { BotIdentity } from './bot-identity.js';
import { webApiOptions } from './web-api.js';
import { boltLogger } from './bolt-logger.js';
import { FirstTimeKeys } from '../shared/first-time.js';
import { recentlyRemembered } from '../shared/recent-keys.js';
import { isKnownEnvelope } from './envelope.js';
import { registerActions } from './surfaces/actions.js';
import { registerCommand } from './surfaces/command.js';
import { registerConversations } from './surfaces/conversations.js';
import { registerHome } from './surfaces/home.js';
import { registerMessages } from './surfaces/messages.js';
import type { SurfaceContext } from './surface-context.js';

export const SLACK_EVENTS_PATH = '/slack/events';
/** Slack payloads are small; a modal submission with every field filled stays far below this. */
const BODY_LIMIT_BYTES = 1024 * 1024;
/** Slack's own rule for how far a request's timestamp may be from our clock. */
const MAX_CLOCK_SKEW_SECONDS = 5 * 60;

export interface SlackDeps {
  guide: GuideApi;
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
 * slash commands and interactivity, signature-verified on the raw body — no bodyParser on this
 * route). Socket Mode when SLACK_APP_TOKEN is set: no route, `start()` connects.
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

  const receiver = socket
    ? new SocketModeReceiver({ appToken: slack.appToken ?? '', logger: boltLog })
    : new HTTPReceiver({
        signingSecret: slack.signingSecret,
        endpoints: [SLACK_EVENTS_PATH],
        // Bolt answers only after the listener returns; listeners ack and hand slow work to `work`.
        processBeforeResponse: true,
        logger: boltLog,
      });
  const clientOptions = webApiOptions({ apiUrl: slack.apiUrl, timeoutMs: slack.apiTimeoutMs });
  // Not `token`: Bolt would check it once at construction and keep a failed (or hung) result for good.
  const identity = new BotIdentity(
    new webApi.WebClient(undefined, { ...clientOptions, logger: boltLog }),
    slack.botToken,
    logger,
    () => deps.status?.ready(),
  );
  const app = new App({
    authorize: identity.authorize,
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
    guide: deps.guide,
    store: deps.store,
    admins: deps.config.admins,
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

  if (receiver instanceof HTTPReceiver) {
    server.post(SLACK_EVENTS_PATH, async (req, res) => {
      await handleHttp(receiver, slack.signingSecret, req, res);
    });
  }

  return {
    mode: socket ? 'socket' : 'http',
    app,
    start: async () => {
      identity.start();
      if (socket) await app.start();
    },
    idle: () => work.idle(),
    stop: async () => {
      identity.stop();
      if (socket) await app.stop();
      await work.idle();
    },
  };
}

/**
 * Buffers the raw body once (Bolt reuses `rawBody`), rejects signed-but-unrecognisable bodies
 * with 400, and hands everything else to Bolt's listener, which checks the signature and
 * timestamp (401 when bad, missing or older than 5 minutes) and answers url_verification.
 */
async function handleHttp(
  receiver: HTTPReceiver,
  signingSecret: string,
  req: IncomingMessage,
  res: ServerResponse,
): Promise<void> {
  // Read to the end even when too large (Bolt's reader stops, leaving the rest in a keep-alive connection).
  const body = await readRawBody(req, BODY_LIMIT_BYTES).catch(() => undefined);
  if (!body) return; // the client went away mid-body
  if (body.kind === 'too_large') {
    res.writeHead(413, body.close ? { connection: 'close' } : {});
    res.end();
    return;
  }
  const buffered = Object.assign(req, { rawBody: body.bytes });
  const signature = req.headers['x-slack-signature'];
  const timestamp = Number(req.headers['x-slack-request-timestamp']);
  // Bolt refuses timestamps over 5 minutes old but not ones from the future, which a captured
  // request could be replayed with for as long as the sender's clock claimed.
  if (timestamp > Date.now() / 1000 + MAX_CLOCK_SKEW_SECONDS) {
    HTTPModuleFunctions.buildNoBodyResponse(res, 401);
    return;
  }
  const signed =
    typeof signature === 'string' &&
    isValidSlackRequest({
      signingSecret,
      body: buffered.rawBody.toString(),
      headers: { 'x-slack-signature': signature, 'x-slack-request-timestamp': timestamp },
    });
  if (signed) {
    let parsed: unknown;
    try {
      parsed = HTTPModuleFunctions.parseHTTPRequestBody(buffered);
    } catch {
      parsed = undefined;
    }
    if (!isKnownEnvelope(parsed)) {
      HTTPModuleFunctions.buildNoBodyResponse(res, 400);
      return;
    }
  }
  await new Promise<void>((resolve) => {
    res.once('finish', resolve);
    res.once('close', resolve);
    try {
      receiver.requestListener(buffered, res);
    } catch {
      if (!res.headersSent) HTTPModuleFunctions.buildNoBodyResponse(res, 500);
      resolve();
    }
  });
}
