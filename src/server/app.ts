import { createServer, type Server } from 'restify';
import type { Config } from '../config.js';
import type { Guide } from '../core/guide.js';
import { composeGuide, createDigestSenders, openStoreFor, startDigestScheduler } from '../compose.js';
import { RecentReplies } from '../core/replies/recent-replies.js';
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
import type { ReloadResult } from './live-guide.js';
import { Partnerships } from './partnerships.js';
import { TurnPartnership } from '../core/partnerships.js';
import { warmUp } from '../core/understanding/nlp.js';

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
  /** The first partnership's Guide (the only one without PACKS_DIR). */
  guide: Guide;
  /** Every partnership served (one without PACKS_DIR). */
  partnerships: Partnerships;
  store: Store;
  logger: Logger;
  /** The first partnership's digest scheduler (absent with DIGEST_SCHEDULER=off). */
  scheduler?: RunningScheduler;
  /** Each partnership's digest scheduler, by partnership id. */
  schedulers: ReadonlyMap<string, RunningScheduler>;
  /** Platform time-outs and readiness, as /healthz reports them. */
  platforms: PlatformStatus;
  /** Reloads every partnership's pack (checked as `npm run content:check` does); a failing one is refused. */
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
  // SIGHUP (src/server.ts) reloads every pack without a restart: see LiveGuide and Partnerships.
  const partnerships = await Partnerships.open(config, {
    store,
    logger,
    build: (id, contentDir, partnershipStore) =>
      composeGuide(config, {
        contentDir,
        // An admin's `content reload` reloads their own partnership's pack.
        reloadContent: () => partnerships.reloadOne(id),
        store: partnershipStore,
        clock: options.clock,
        senders: digestSenders,
        observer: telemetry,
        // Ids, periods and statuses only: digest events never carry message text.
        log: (event, fields) => logger.info(fields, event),
      }),
  });
  const first = partnerships.first;
  const guide: Guide = first.guide;
  // Teams and Slack pick each turn's partnership from its tenant or workspace; their handlers then
  // answer from that partnership's Guide (Slack's through `turn.guide`, Teams' from the turn state).
  const turn = new TurnPartnership();

  const server = createServer({ name: 'safeguarding-guide', handleUncaughtExceptions: false });
  const inFlight = new InFlight();
  const platforms = new PlatformStatus();

  // Teams keeps voted-on replies in memory, bounded: a lost one only costs the in-place redraw (the
  // vote still counts), and a question's one store write stays its activity id (the redelivery check).
  // Slack keeps its own in the store, because "More" is the only way to the rest of an answer there.
  const kept = new RecentReplies();
  const bot = createTeamsBot({
    adapter,
    partnerships,
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

  mountHealth(server, { store, contentItems: () => partnerships.contentItems(), platforms });
  if (playgroundEnabled(config)) {
    // The playground (this machine only) speaks for the first partnership.
    const track = <T>(work: () => Promise<T>): Promise<T> => inFlight.track(work);
    mountPlayground(server, { logger, guide, kept, admins: first.admins, store, track });
  }

  // Slack: its own `/slack/events` route (raw body, signature check), or Socket Mode with SLACK_APP_TOKEN.
  // Never put bodyParser on server.use: that route needs the raw body.
  // Loaded only when configured: @slack/bolt is a few MB of memory a Teams-only deployment never uses.
  const slack = config.slack
    ? (await import('../channels/slack/mount.js')).mountSlack(server, {
        partnerships,
        turn,
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
    await partnerships.close();
    await store.close();
    await telemetry.shutdown();
    throw error;
  }
  // The language model loads right after the server listens (healthy sooner), not on the first
  // practitioner's message: a turn that arrives first simply loads it itself.
  setImmediate(warmUp);
  const address = server.address();
  const url = `http://${config.host.includes(':') ? `[${config.host}]` : config.host}:${address.port}`;

  // Each partnership has its own scheduler (its schedule, time zone, channels and leader lock); it
  // reaches the digests through the live view, so a reloaded pack's digests are used.
  const schedulers = new Map<string, RunningScheduler>();
  if (config.digests.scheduler)
    for (const p of partnerships.all)
      schedulers.set(p.id, startDigestScheduler(p.live.part((g) => g.digests), logger.child({ partnership: p.id })));
  const scheduler = schedulers.get(first.id);

  const housekeepings = partnerships.all.map((p) => startHousekeeping(p.guide, logger.child({ partnership: p.id })));

  const close = makeClose({
    server,
    inFlight,
    logger,
    drainMs: options.drainMs,
    release: async () => {
      // A digest run in progress and Slack answers being posted (after the ack) get a short grace to
      // finish before the store closes; a platform that hangs cannot keep counts from being flushed.
      await Promise.all([
        ...[...schedulers.values()].map((s) => settleWithin(PLATFORM_GRACE_MS, s.stop(), 'digest run', logger)),
        slack && settleWithin(PLATFORM_GRACE_MS, slack.stop(), 'slack posts', logger),
      ]);
      await Promise.all(housekeepings.map((h) => h.stop()));
      await partnerships.close();
      await store.close();
      // Last, so the spans of the final turns and digest posts go out too.
      await settleWithin(PLATFORM_GRACE_MS, telemetry.shutdown(), 'telemetry export', logger);
    },
  });
  return {
    server,
    url,
    guide,
    partnerships,
    store,
    logger,
    scheduler,
    schedulers,
    platforms,
    reload: () => partnerships.reload(),
    close,
  };
}
