import { loadConfig } from '../config.js';
import { composeGuide, createDigestSenders, openStoreFor, type DigestSenders } from '../compose.js';
import { isDeliveryProblem } from '../core/digests/delivery.js';
import { renderPlainText } from './plain-text.js';
import type { CommandIo } from './io.js';

export interface DigestCliIo extends CommandIo {
  senders?: DigestSenders;
}

const USAGE = [
  'usage: npm run digest -- <command>',
  '  preview [--channel KEY]   show this week’s digest (for a subscribed channel, the one it will get);',
  '                            read-only, so it also works while the server runs',
  '  send                      post every digest due now (safe to run twice: each channel gets one)',
  '  status                    subscriptions, next and last sent, delivery problems',
  '  resolve --channel KEY --period YYYY-Www --posted yes|no',
  '                            settle a send interrupted mid-way on Teams after checking the channel',
];

function option(args: string[], name: string): string | undefined {
  const i = args.indexOf(`--${name}`);
  return i >= 0 ? args[i + 1] : undefined;
}

/** `npm run digest -- …`; returns the exit code. */
export async function run(args: string[], io: DigestCliIo): Promise<number> {
  const [command, ...rest] = args;
  if (!command || command === 'help' || command === '--help') {
    USAGE.forEach((l) => io.out(l));
    return command ? 0 : 2;
  }
  const config = loadConfig(io.env ?? process.env, io.cwd);
  // A preview only reads: like `npm run report`, a lock-free snapshot, so it works beside a running
  // server. The other commands write (ledger, resolutions) and take the store as the server would.
  const store = io.store ?? (await openStoreFor(config, command === 'preview' ? 'read-only' : 'read-write'));
  try {
    // Built exactly as the server builds it (src/compose.ts): a Guide with the configured senders.
    const guide = await composeGuide(config, {
      store,
      clock: io.clock,
      senders: io.senders ?? createDigestSenders(config, undefined, store),
      log: (event, fields) => io.err(`${event} ${JSON.stringify(fields)}`),
    });
    const service = guide.digests;
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
        const bad = results.filter((r) => isDeliveryProblem(r.outcome));
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
