import { emptyReply, newReplyId, type Reply } from '../reply.js';
import { parseTime, WEEKDAYS, type Weekday } from './schedule.js';
import type { ChannelStatus, DigestFailure, DigestService } from './service.js';
import { channelKeyFor, type ConversationRef, type DigestPlatform } from './subscriptions.js';

export interface DigestCommandContext {
  actor: { userId: string; isAdmin: boolean };
  place: { conversationId: string; kind: 'personal' | 'group' | 'channel' };
  platform: DigestPlatform | 'cli' | 'playground';
  /** The conversation reference of this turn, when the transport has one. */
  reference?: ConversationRef;
}

export type DigestCommand =
  | { op: 'subscribe'; day?: Weekday; time?: string; focusTags?: string[] }
  | { op: 'unsubscribe' }
  | { op: 'status' }
  | { op: 'preview' }
  | { op: 'help' }
  | { op: 'invalid'; problem: string };

const DAY_ALIASES = new Map<string, Weekday>(
  WEEKDAYS.flatMap((d) => [
    [d, d],
    [d.slice(0, 3), d],
    [`${d}s`, d],
  ]),
);
DAY_ALIASES.set('tues', 'tuesday').set('thur', 'thursday').set('thurs', 'thursday').set('weds', 'wednesday');

export const DIGEST_USAGE = [
  'digest subscribe [day] [HH:MM] [focus tag1,tag2]: post the weekly learning digest in this channel',
  'digest unsubscribe: stop posting it here',
  'digest status: schedule, last sent and any delivery problems',
  'digest preview: show this week’s digest to you',
];

/** Parses the words after "digest" (already split on whitespace). */
export function parseDigestCommand(args: readonly string[]): DigestCommand {
  const words = args.map((a) => a.trim()).filter(Boolean);
  const [verb, ...rest] = words.map((w) => w.toLowerCase());
  switch (verb) {
    case undefined:
    case 'help':
      return { op: 'help' };
    case 'unsubscribe':
    case 'stop':
      return rest.length
        ? { op: 'invalid', problem: `"digest ${verb}" takes no options` }
        : { op: 'unsubscribe' };
    case 'status':
      return { op: 'status' };
    case 'preview':
      return { op: 'preview' };
    case 'subscribe':
    case 'start': {
      const cmd: Extract<DigestCommand, { op: 'subscribe' }> = { op: 'subscribe' };
      for (let i = 0; i < rest.length; i++) {
        const w = rest[i]!.replace(/,$/, '');
        const day = DAY_ALIASES.get(w);
        if (day && !cmd.day) cmd.day = day;
        else if (parseTime(w) && !cmd.time) {
          const t = parseTime(w)!;
          cmd.time = `${String(t.hour).padStart(2, '0')}:${String(t.minute).padStart(2, '0')}`;
        } else if (w === 'at' || w === 'on' || w === 'every') continue;
        else if (w === 'focus' || w === 'tags') {
          const tags = rest
            .slice(i + 1)
            .join(',')
            .split(',')
            .map((t) => t.trim())
            .filter(Boolean);
          if (!tags.length || tags.some((t) => !/^[a-z0-9]+(-[a-z0-9]+)*$/.test(t))) {
            return {
              op: 'invalid',
              problem: 'focus tags are lower-case words separated by commas, e.g. "focus schools,online"',
            };
          }
          cmd.focusTags = tags;
          break;
        } else
          return {
            op: 'invalid',
            problem: `I didn't understand "${w}": give a day (e.g. monday) and a 24-hour time (e.g. 09:00)`,
          };
      }
      return cmd;
    }
    default:
      return { op: 'invalid', problem: `"${verb}" is not a digest command` };
  }
}

function notice(title: string, summary: string, sections: Reply['sections'] = []): Reply {
  const reply = emptyReply('notice', title, newReplyId());
  reply.summary = summary;
  reply.sections = sections;
  return reply;
}

function when(iso: string, timeZone: string): string {
  return new Date(iso).toLocaleString('en-GB', {
    timeZone,
    weekday: 'long',
    day: 'numeric',
    month: 'long',
    year: 'numeric',
    hour: '2-digit',
    minute: '2-digit',
  });
}

function statusLines(s: ChannelStatus): string[] {
  const { schedule, focusTags } = s.subscription;
  const day = schedule.day[0]!.toUpperCase() + schedule.day.slice(1);
  return [
    `Channel ${s.subscription.channelKey}: every ${day} at ${schedule.time} (${schedule.timeZone})${focusTags.length ? `, focus: ${focusTags.join(', ')}` : ''}.`,
    `Next digest: ${when(s.next.at, schedule.timeZone)}.`,
    s.lastSent
      ? `Last sent: ${when(s.lastSent.at, schedule.timeZone)} (${s.lastSent.period}).`
      : 'Nothing sent yet.',
    ...(s.health?.failing
      ? [
          'Delivery is paused: it failed several weeks in a row. Check the bot is still in the channel, then subscribe again.',
        ]
      : []),
  ];
}

function failureLine(f: DigestFailure): string {
  return `${f.channelKey}${f.period ? ` (${f.period})` : ''}: ${f.detail}`;
}

/** Runs a `digest …` chat command for Guide.handle. Every branch returns a Reply; nothing throws for bad input. */
export async function handleDigestCommand(
  service: DigestService,
  args: readonly string[],
  ctx: DigestCommandContext,
): Promise<Reply> {
  const cmd = parseDigestCommand(args);
  if (cmd.op === 'help' || cmd.op === 'invalid') {
    return notice(
      cmd.op === 'help' ? 'Weekly learning digest' : 'Digest command not recognised',
      cmd.op === 'invalid'
        ? cmd.problem
        : 'Partnership admins can post a weekly learning digest to a channel.',
      [{ heading: 'Commands (admins only)', lines: DIGEST_USAGE, style: 'bullets' }],
    );
  }
  if (!ctx.actor.isAdmin) {
    const reply = notice(
      'Only partnership admins can manage digests',
      'Digest commands are limited to the partnership admins set up for this bot. Ask one of them if you would like the weekly learning digest in this channel.',
    );
    reply.meta.answered = false;
    return reply;
  }
  const platform = ctx.platform === 'teams' || ctx.platform === 'slack' ? ctx.platform : undefined;
  const channelKey = platform ? channelKeyFor(platform, ctx.place.conversationId) : undefined;
  const tz = service.defaults.timeZone;

  if (cmd.op === 'preview') {
    const reply = await service.preview(channelKey);
    return reply ?? notice('No digest items', 'The content pack has no digest items yet (content/audits).');
  }
  if (cmd.op === 'status') {
    const statuses =
      ctx.place.kind === 'personal' || !channelKey
        ? await service.status()
        : await service.status(channelKey);
    const failures = (await service.failures()).filter(
      (f) => !channelKey || ctx.place.kind === 'personal' || f.channelKey === channelKey,
    );
    const sections: Reply['sections'] = statuses.map((s) => ({
      heading: s.subscription.channelKey,
      lines: statusLines(s),
      style: 'bullets' as const,
    }));
    if (failures.length)
      sections.push({ heading: 'Delivery problems', lines: failures.map(failureLine), style: 'bullets' });
    const summary = statuses.length
      ? `${statuses.length} channel${statuses.length === 1 ? '' : 's'} subscribed${ctx.place.kind === 'personal' ? '' : ' (this channel)'}.`
      : ctx.place.kind === 'personal'
        ? 'No channels are subscribed yet.'
        : 'This channel is not subscribed. Say "digest subscribe" to start.';
    return notice('Digest status', summary, sections);
  }
  if (!platform || !channelKey || ctx.place.kind === 'personal') {
    return notice(
      'Use this in a channel',
      'Digests post to a Teams or Slack channel: run the command in the channel you want to subscribe.',
    );
  }
  if (cmd.op === 'unsubscribe') {
    const removed = await service.unsubscribe(channelKey);
    return notice(
      removed ? 'Digest stopped' : 'Not subscribed',
      removed
        ? 'This channel will no longer get the weekly learning digest.'
        : 'This channel was not subscribed to the digest.',
    );
  }
  const reference = ctx.reference ?? (await service.rememberedConversation(channelKey))?.reference;
  if (reference === undefined) {
    return notice(
      'I can’t post here yet',
      'I have no way to post to this channel yet. Remove the bot from the team or channel and add it again, then retry.',
    );
  }
  const sub = await service.subscribe({
    channelKey,
    platform,
    reference,
    day: cmd.day,
    time: cmd.time,
    focusTags: cmd.focusTags,
    by: ctx.actor.userId,
  });
  const status = (await service.status(channelKey))[0];
  return notice(
    'Digest subscribed',
    `This channel will get the weekly learning digest every ${sub.schedule.day} at ${sub.schedule.time} (${tz}).`,
    status ? [{ heading: 'Schedule', lines: statusLines(status), style: 'bullets' }] : [],
  );
}
