import { z } from 'zod';
import type { Store } from '../store/store.js';
import { updateWithRetry } from '../store/update.js';
import { WEEKDAYS, type DigestSchedule } from './schedule.js';

export type DigestPlatform = 'teams' | 'slack';

/**
 * Opaque, JSON-serialisable address of a conversation: a Teams ConversationReference, or for Slack
 * `{ channel: "C0123" }` (a bare channel id string is accepted too).
 */
export type ConversationRef = unknown;

export interface Subscription {
  channelKey: string;
  platform: DigestPlatform;
  reference: ConversationRef;
  schedule: DigestSchedule;
  focusTags: string[];
  createdBy: string;
  createdAt: string;
  updatedAt: string;
}

/** Delivery health of a channel, kept apart from the subscription so sends never race admin edits. */
export interface ChannelHealth {
  channelKey: string;
  consecutiveFailedPeriods: number;
  failing: boolean;
  lastError?: string;
  lastFailedPeriod?: string;
  lastFailureAt?: string;
  lastSent?: { period: string; at: string; itemId: string; messageId?: string };
}

export interface RememberedConversation {
  channelKey: string;
  platform: DigestPlatform;
  reference: ConversationRef;
  at: string;
}

export const subscriptionKey = (channelKey: string) => `subscription/${channelKey}`;
export const healthKey = (channelKey: string) => `digest-health/${channelKey}`;
export const conversationKey = (channelKey: string) => `conversation/${channelKey}`;

/**
 * A store key for a conversation: platform prefix, and `/` and `%` escaped so the key nests safely
 * under prefixes. Channels pass the channel's own id (Teams drops a thread's `;messageid=`).
 */
export function channelKeyFor(platform: DigestPlatform, conversationId: string): string {
  return `${platform}:${conversationId.replace(/[/%]/g, (c) => encodeURIComponent(c))}`;
}

export const subscriptionSchema = z.object({
  channelKey: z.string().min(1),
  platform: z.enum(['teams', 'slack']),
  reference: z.unknown(),
  schedule: z.object({
    day: z.enum(WEEKDAYS),
    time: z.string().regex(/^\d{2}:\d{2}$/),
    timeZone: z.string().min(1),
  }),
  focusTags: z.array(z.string()),
  createdBy: z.string(),
  createdAt: z.string(),
  updatedAt: z.string(),
});

export async function listSubscriptions(store: Store): Promise<Subscription[]> {
  const items = await store.list<unknown>('subscription/');
  const subs: Subscription[] = [];
  for (const item of items) {
    const parsed = subscriptionSchema.safeParse(item.value);
    if (parsed.success) subs.push(parsed.data as Subscription);
  }
  return subs;
}

export async function getHealth(store: Store, channelKey: string): Promise<ChannelHealth | undefined> {
  return (await store.get<ChannelHealth>(healthKey(channelKey)))?.value;
}

export async function updateHealth(
  store: Store,
  channelKey: string,
  fn: (current: ChannelHealth) => ChannelHealth,
): Promise<ChannelHealth> {
  const fresh: ChannelHealth = { channelKey, consecutiveFailedPeriods: 0, failing: false };
  return (await updateWithRetry<ChannelHealth>(store, healthKey(channelKey), (c) => fn(c ?? fresh))).value;
}
