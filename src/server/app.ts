import { createServer, type Server } from 'restify';
import type { Config } from '../config.js';
import type { Guide } from '../core/guide.js';
import { composeGuide, createDigestSenders, openStoreFor, startDigestScheduler } from '../compose.js';
import { KeptReplies } from '../core/replies/kept-replies.js';
import { MemoryStore } from '../core/store/memory-store.js';
import type { Store } from '../core/store/store.js';
import { createTeamsAdapter, type AdapterOverrides } from '../channels/teams/adapter.js';
import { createTeamsBot } from '../channels/teams/bot.js';
import { mountPlayground, playgroundEnabled } from '../channels/playground/index.js';
import type { RunningScheduler } from '../core/digests/scheduler.js';
import { mountHealth } from './health.js';
import { InFlight } from './in-flight.js';
import { createLogger, type Logger } from './logger.js';
import { startHousekeeping } from './housekeeping.js';
import { makeClose, PLATFORM_GRACE_MS, settleWithin } from './shutdown.js';
import { listen } from './listen.js';
import { PlatformStatus } from './platform-status.js';
import { mountMessagesRoute } from './messages-route.js';
import { startTelemetry } from './telemetry.js';
import { LiveGuide, type ReloadResult } from './live-guide.js';

export interface AppOptions {
  logger?: Logger;
  /** A store to use instead of opening one from config (the app still closes it). */
  store?: Store;
  clock?: () => Date;
  /** How long close() waits for in-flight turns. */
  drainMs?: number;
  /** Bot Framework authentication overrides (OpenID metadata location). */
  adapter?: AdapterOverrides;
  /** Where the OTEL_* settings are read (default process.env). */
  telemetryEnv?: NodeJS.ProcessEnv;
}

export interface RunningApp {
  server: Server;
  /** e.g. http://127.0.0.1:3978 (the bound port, so port 0 works in tests). */
  url: string;
  guide: Guide;
  store: Store;
  logger: Logger;
  /** The weekly digest scheduler (absent with DIGEST_SCHEDULER=off). */
  scheduler?: RunningScheduler;
  /** Platform time-outs and readiness, as /healthz reports them. */
  platforms: PlatformStatus;
  /** Reloads the content pack (checked as `npm run content:check` does); a failing one is refused. */
  reload(): Promise<ReloadResult>;
  close(): Promise<void>;
}

/** Builds the whole bot server and starts listening on config.host:config.port. */
export async function createApp(config: Config, options: AppOptions = {}): Promise<RunningApp> {
  const logger = options.logger ?? createLogger({ level: config.logLevel });
  const telemetry = await startTelemetry(options.telemetryEnv);
  const store = options.store ?? (await openStoreFor(config, 'read-write', logger));
  const adapter = createTeamsAdapter(config.microsoft, {
    onAuthRefused: (reason) => logger.warn({ reason }, 'teams: request not authenticated'),
    ...options.adapter,
  });
  const digestSenders = createDigestSenders(config, adapter, store);
  const buildGuide = () =>
    composeGuide(config, {
      store,
      clock: options.clock,
      senders: digestSenders,
      observer: telemetry,
      // Ids, periods and statuses only: digest events never carry message text.
      log: (event, fields) => logger.info(fields, event),
    });
  // SIGHUP (src/server.ts) reloads the content pack without a restart: see LiveGuide.
  const live = new LiveGuide(await buildGuide(), buildGuide, logger);
  const guide: Guide = live.guide;

  const server = createServer({ name: 'safeguarding-guide', handleUncaughtExceptions: false });
  const inFlight = new InFlight();
  const platforms = new PlatformStatus();

  // Teams keeps voted-on replies in memory: a lost one only costs the in-place redraw (the vote
  // still counts), and a question's one store write stays its activity id (the redelivery check).
  // Slack keeps its own in the store,
  // because "More" is the only way to the rest of an answer there.
  const kept = new KeptReplies(new MemoryStore(), logger, 2 * 60 * 60 * 1000, 10 * 60 * 1000);
  const bot = createTeamsBot({
    adapter,
    guide,
    admins: config.admins,
    allowedTenants: config.allowed.tenants,
    logger,
    onTimeout: () => platforms.timedOut('teams'),
    kept,
    store,
  });
  mountMessagesRoute(server, {
    adapter,
    run: (context) => bot.run(context),
    inFlight,
    limits: config.teams,
    localMode: config.localMode,
  });

  mountHealth(server, { store, contentItems: () => guide.pack.items.length, platforms });
  if (playgroundEnabled(config)) {
    const track = <T>(work: () => Promise<T>): Promise<T> => inFlight.track(work);
    mountPlayground(server, { logger, guide, kept, admins: config.admins, store, track });
  }

  // Slack: its own `/slack/events` route (raw body, signature check), or Socket Mode with SLACK_APP_TOKEN.
  // Never put bodyParser on server.use: that route needs the raw body.
  // Loaded only when configured: @slack/bolt is a few MB of memory a Teams-only deployment never uses.
  const slack = config.slack
    ? (await import('../channels/slack/mount.js')).mountSlack(server, {
        guide,
        store,
        config,
        logger,
        status: { ready: () => (platforms.slackReady = true), timedOut: () => platforms.timedOut('slack') },
      })
    : undefined;
  if (slack) platforms.slackReady = false;
  await slack?.start();

  // A browser's favicon request and a client's connection probe (a GET or an empty POST to
  // /api/messages) are normal: a rejected request is a warning only when the server failed (5xx).
  server.get('/favicon.ico', (_req, res, next) => {
    res.header('cache-control', 'public, max-age=86400');
    res.send(204);
    next();
  });
  server.on('restifyError', (req, res, err: Error & { statusCode?: number }, next: (e?: unknown) => void) => {
    const fields = { route: req.getRoute()?.path, statusCode: err.statusCode, type: err.name };
    if ((err.statusCode ?? 500) >= 500) logger.warn(fields, 'http: request failed');
    else logger.info(fields, 'http: request rejected');
    next();
  });

  try {
    await listen(server, config.port, config.host);
  } catch (error) {
    // Nothing was served: release what was opened (the DATA_DIR lock with the store) before failing.
    await slack?.stop();
    await live.close();
    await store.close();
    await telemetry.shutdown();
    throw error;
  }
  const address = server.address();
  const url = `http://${config.host.includes(':') ? `[${config.host}]` : config.host}:${address.port}`;

  // The scheduler reaches the digests through the live view, so a reloaded pack's digests are used.
  const scheduler = config.digests.scheduler
    ? startDigestScheduler(
        live.part((g) => g.digests),
        logger,
      )
    : undefined;

  const housekeeping = startHousekeeping(guide, logger);

  const close = makeClose({
    server,
    inFlight,
    logger,
    drainMs: options.drainMs,
    release: async () => {
      // A digest run in progress and Slack answers being posted (after the ack) get a short grace to
      // finish before the store closes; a platform that hangs cannot keep counts from being flushed.
      await Promise.all([
        scheduler && settleWithin(PLATFORM_GRACE_MS, scheduler.stop(), 'digest run', logger),
        slack && settleWithin(PLATFORM_GRACE_MS, slack.stop(), 'slack posts', logger),
      ]);
      await housekeeping.stop();
      await live.close();
      await store.close();
      // Last, so the spans of the final turns and digest posts go out too.
      await settleWithin(PLATFORM_GRACE_MS, telemetry.shutdown(), 'telemetry export', logger);
    },
  });
  return { server, url, guide, store, logger, scheduler, platforms, reload: () => live.reload(), close };
}
