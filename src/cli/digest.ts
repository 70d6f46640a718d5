import { pathToFileURL } from 'node:url';
import { join } from 'node:path';
import type { ConversationReference } from 'botbuilder';
import { loadConfig, type Config } from '../config.js';
import { renderBlocks } from '../channels/slack/render-blocks.js';
import { createTeamsAdapter } from '../channels/teams/adapter.js';
import { renderCard } from '../channels/teams/render-card.js';
import { renderPlainText } from '../core/render/plain-text.js';
import { createDigestService } from '../core/digests/load.js';
import type { DigestPlatform, DigestSender } from '../core/digests/sender.js';
import { SlackDigestSender } from '../core/digests/senders/slack.js';
import { TeamsDigestSender, type ContinueConversation } from '../core/digests/senders/teams.js';
import { openLowdbStore } from '../core/store/lowdb-store.js';
import type { Store } from '../core/store/store.js';

export interface DigestCliIo {
  out(line: string): void;
  err(line: string): void;
  env?: NodeJS.ProcessEnv;
  cwd?: string;
  clock?: () => Date;
  /** Injected by tests; otherwise opened from config and closed on exit. */
  store?: Store;
  senders?: Partial<Record<DigestPlatform, DigestSender>>;
}

const USAGE = [
  'usage: npm run digest -- <command>',
  '  preview [--channel KEY]   show this week’s digest (for a subscribed channel, the one it will get)',
  '  send                      post every digest due now (safe to run twice: each channel gets one)',
  '  status                    subscriptions, next and last sent, delivery problems',
  '  resolve --channel KEY --period YYYY-Www --posted yes|no',
  '                            settle a send interrupted mid-way on Teams after checking the channel',
];

function option(args: string[], name: string): string | undefined {
  const i = args.indexOf(`--${name}`);
  return i >= 0 ? args[i + 1] : undefined;
}

/** The configured store: open-store.ts (lowdb or PostgreSQL by config) when present, else lowdb. */
async function openConfiguredStore(config: Config): Promise<Store> {
  const specifier = pathToFileURL(join(import.meta.dirname, '../core/store/open-store.js')).href;
  const mod = (await import(specifier).catch(() => undefined)) as
    { openStore?: (c: Config) => Promise<Store> } | undefined;
  return mod?.openStore ? mod.openStore(config) : openLowdbStore(config.dataDir);
}

export function sendersFromConfig(config: Config): Partial<Record<DigestPlatform, DigestSender>> {
  const senders: Partial<Record<DigestPlatform, DigestSender>> = {};
  if (config.slack) {
    senders.slack = new SlackDigestSender({
      token: config.slack.botToken,
      slackApiUrl: config.slack.apiUrl,
      renderBlocks: (reply) => renderBlocks(reply, { feedback: true }).blocks,
      renderText: (reply) => renderBlocks(reply).text,
    });
  }
  const adapter = createTeamsAdapter(config.microsoft);
  const continueConversation: ContinueConversation = async (reference, activity) => {
    let id: string | undefined;
    await adapter.continueConversationAsync(
      config.microsoft.appId ?? '',
      reference as Partial<ConversationReference>,
      async (context) => {
        id = (await context.sendActivity(activity))?.id;
      },
    );
    return { id };
  };
  senders.teams = new TeamsDigestSender({ continueConversation, renderCard });
  return senders;
}

/** `npm run digest -- …`; returns the exit code. */
export async function run(args: string[], io: DigestCliIo): Promise<number> {
  const [command, ...rest] = args;
  if (!command || command === 'help' || command === '--help') {
    USAGE.forEach((l) => io.out(l));
    return command ? 0 : 2;
  }
  const config = loadConfig(io.env ?? process.env, io.cwd);
  const store = io.store ?? (await openConfiguredStore(config));
  try {
    const service = await createDigestService(config.contentDir, {
      store,
      senders: io.senders ?? (command === 'send' ? sendersFromConfig(config) : {}),
      clock: io.clock,
      log: (event, fields) => io.err(`${event} ${JSON.stringify(fields)}`),
    });
    switch (command) {
      case 'preview': {
        const reply = await service.preview(option(rest, 'channel'));
        if (!reply) {
          io.err('No digest items in content/audits.');
          return 1;
        }
        io.out(renderPlainText(reply));
        return 0;
      }
      case 'send': {
        const { results } = await service.sendDue();
        if (results.length === 0) io.out('Nothing due.');
        for (const r of results) io.out(`${r.channelKey} ${r.period} ${r.outcome}`);
        const bad = results.filter((r) => ['failed', 'gave-up', 'no-sender', 'unknown'].includes(r.outcome));
        return bad.length ? 1 : 0;
      }
      case 'status': {
        const statuses = await service.status();
        if (!statuses.length) io.out('No channels subscribed.');
        for (const s of statuses) {
          const { schedule } = s.subscription;
          io.out(
            `${s.subscription.channelKey} (${s.subscription.platform}) ${schedule.day} ${schedule.time} ${schedule.timeZone}` +
              ` | next ${s.next.period} ${s.next.at} | last ${s.lastSent ? `${s.lastSent.period} ${s.lastSent.at}` : 'never'}` +
              (s.health?.failing ? ' | FAILING' : ''),
          );
        }
        const failures = await service.failures();
        for (const f of failures)
          io.out(`problem: ${f.kind} ${f.channelKey}${f.period ? ` ${f.period}` : ''}: ${f.detail}`);
        return 0;
      }
      case 'resolve': {
        const channel = option(rest, 'channel');
        const period = option(rest, 'period');
        const posted = option(rest, 'posted');
        if (!channel || !period || (posted !== 'yes' && posted !== 'no')) {
          USAGE.forEach((l) => io.err(l));
          return 2;
        }
        const done = await service.resolveUnknown(channel, period, posted === 'yes');
        io.out(done ? `Resolved ${channel} ${period}.` : `Nothing to resolve for ${channel} ${period}.`);
        return done ? 0 : 1;
      }
      default:
        USAGE.forEach((l) => io.err(l));
        return 2;
    }
  } finally {
    if (!io.store) await store.close();
  }
}
