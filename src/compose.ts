import type { TeamsAdapter } from '@microsoft/teams-ai';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import type { Config } from './config.js';
import { CodedError } from './core/errors.js';
import { namespacedStore } from './core/store/namespaced-store.js';
import { createSlackDigestSender } from './channels/slack/digest-sender.js';
import { installedTokenFor } from './channels/slack/installation-store.js';
import { createTeamsAdapter } from './channels/teams/adapter.js';
import { createTeamsDigestSender } from './channels/teams/digest-sender.js';
import { isDeliveryProblem } from './core/digests/delivery.js';
import { startScheduler, type RunningScheduler } from './core/digests/scheduler.js';
import type { DigestSender } from './core/digests/sender.js';
import type { DigestPlatform } from './core/digests/subscriptions.js';
import { Guide, type GuideOptions } from './core/guide.js';
import type { DigestService } from './core/digests/service.js';
import { MemoryStore } from './core/store/memory-store.js';
import { openStore } from './core/store/open-store.js';
import type { StoreLogger } from './core/store/store-logger.js';
import type { Store } from './core/store/store.js';

/**
 * The one place the parts are put together, for the server and for `npm run ask`, `digest` and
 * `report`: the store, the Guide over the content pack, the digest senders and the digest scheduler.
 */

export type DigestSenders = Partial<Record<DigestPlatform, DigestSender>>;

/**
 * How a command uses the store. `memory`: nothing is kept (questions asked at the terminal).
 * `read-only`: a snapshot that takes no lock, so it works beside a running server. `read-write`:
 * the store as the server takes it.
 */
export type StoreAccess = 'memory' | 'read-only' | 'read-write';

export function openStoreFor(config: Config, access: StoreAccess, logger?: StoreLogger): Promise<Store> {
  if (access === 'memory') return Promise.resolve(new MemoryStore());
  return openStore(config, logger, { readOnly: access === 'read-only' });
}

/**
 * The digest senders for a configuration: Teams through the bot's adapter (proactive posts to stored
 * conversation references), Slack through chat.postMessage when Slack is configured.
 */
export function createDigestSenders(
  config: Config,
  adapter: TeamsAdapter = createTeamsAdapter(config.microsoft),
  store?: Store,
): DigestSenders {
  const timeoutMs = config.digests.sendTimeoutMs;
  const senders: DigestSenders = {
    teams: createTeamsDigestSender(adapter, config.microsoft.appId, { timeoutMs }),
  };
  // Installed to many workspaces (the Slack install flow): each channel's workspace has its own token.
  const tokenFor = config.slack?.oauth && store ? installedTokenFor(store) : undefined;
  if (config.slack && (config.slack.botToken || tokenFor))
    senders.slack = createSlackDigestSender(config.slack, { timeoutMs, tokenFor });
  return senders;
}

export interface ComposeGuideOptions {
  store: Store;
  /** The pack to serve (a partnership's folder under PACKS_DIR); default CONTENT_DIR. */
  contentDir?: string;
  clock?: () => Date;
  /** Absent: no digest can be posted (asking questions and reading the report need none). */
  senders?: DigestSenders;
  /** Digest delivery events: ids, periods and statuses only, never message text. */
  log?: NonNullable<GuideOptions['digestOptions']>['log'];
  /** Traces and counters (src/server/telemetry.ts); none by default. */
  observer?: GuideOptions['observer'];
  /** What the admins' `content reload` command runs (the server's live Guide); none at the terminal. */
  reloadContent?: GuideOptions['reloadContent'];
}

/**
 * The Guide over the configured content pack; every problem in the pack stops it, listed. Given no
 * `contentDir` with PACKS_DIR set (the terminal commands), the partnership named by PARTNERSHIP:
 * its pack, and its namespace of the store.
 */
export function composeGuide(config: Config, options: ComposeGuideOptions): Promise<Guide> {
  const { contentDir, store } =
    options.contentDir === undefined && config.packsDir
      ? terminalPartnership(config, options.store)
      : { contentDir: options.contentDir ?? config.contentDir, store: options.store };
  return Guide.create({
    contentDir,
    store,
    clock: options.clock,
    questionLogDays: config.questionLogDays,
    digestSenders: options.senders,
    digestOptions: options.log ? { log: options.log } : undefined,
    observer: options.observer,
    reloadContent: options.reloadContent,
  });
}

function terminalPartnership(config: Config, store: Store): { contentDir: string; store: Store } {
  const packsDir = config.packsDir ?? '';
  const id = config.partnership;
  const folder = id && /^[a-z0-9]+(?:-[a-z0-9]+)*$/.test(id) ? join(packsDir, id) : undefined;
  if (!id || !folder || !existsSync(join(folder, 'pack.yaml')))
    throw new CodedError(
      'bad_input',
      `PACKS_DIR is set: name the partnership with PARTNERSHIP=<folder name under ${packsDir}>${id ? ` ("${id}" has no pack.yaml there)` : ''}`,
    );
  return { contentDir: folder, store: namespacedStore(store, id) };
}

interface SchedulerLogger {
  info(fields: object, message: string): void;
  error(fields: object, message: string): void;
}

/**
 * The weekly digest scheduler: catches up anything missed inside the grace window at start, then
 * checks every minute. With several instances on PostgreSQL the store's advisory lock picks one
 * leader; the ledger keeps each (channel, period) to one post regardless.
 */
export function startDigestScheduler(service: DigestService, logger: SchedulerLogger): RunningScheduler {
  return startScheduler({
    service,
    onReport: (report) => {
      const sent = report.results.filter((r) => r.outcome === 'sent' || r.outcome === 'recovered');
      const problems = report.results.filter((r) => isDeliveryProblem(r.outcome));
      if (sent.length || problems.length)
        logger.info(
          {
            sent: sent.length,
            problems: problems.map((p) => `${p.channelKey} ${p.period} ${p.outcome}`),
          },
          'digests: scheduled run',
        );
    },
    onError: (error) => logger.error({ err: error }, 'digests: scheduled run failed'),
  });
}
