import type { Reply } from '../reply.js';
import type { Store } from '../store/store.js';
import { composeDigest, pickItem, type DigestHistoryEntry, type DocumentInfo } from './composer.js';
import { deliver, type DeliveryOutcome } from './delivery.js';
import { historyOf, ledgerEntries, ledgerKey, periodOfLedgerKey, type LedgerRecord } from './ledger.js';
import type { DigestItem } from './pool.js';
import { DEFAULT_RETRY, type RetryPolicy } from './retry.js';
import { dueNow, nextDue, periodOf, type Weekday } from './schedule.js';
import type { DigestSender } from './sender.js';
import {
  conversationKey,
  getHealth,
  healthKey,
  listSubscriptions,
  subscriptionKey,
  type ChannelHealth,
  type ConversationRef,
  type DigestPlatform,
  type RememberedConversation,
  type Subscription,
} from './subscriptions.js';
import { DEFAULT_LIMITS, mapBounded, SendThrottle, type RateLimits } from './throttle.js';
import { UNOBSERVED, type Observer } from '../observer.js';

export interface DigestServiceOptions {
  store: Store;
  pool: readonly DigestItem[];
  partnershipName: string;
  documents?: Readonly<Record<string, DocumentInfo>>;
  /** pack.yaml `digest` and `timezone`. */
  defaults: { day: Weekday; time: string; timeZone: string };
  senders?: Partial<Record<DigestPlatform, DigestSender>>;
  clock?: () => Date;
  sleep?: (ms: number) => Promise<void>;
  random?: () => number;
  graceHours?: number;
  leaseMs?: number;
  retry?: Partial<RetryPolicy>;
  limits?: Partial<Record<DigestPlatform, RateLimits>>;
  maxConcurrency?: number;
  failingAfterPeriods?: number;
  maxRunsPerPeriod?: number;
  retryFailedAfterMs?: number;
  /**
   * A run died between 'sending' and 'sent' on a platform that cannot tell us whether the post
   * landed (Teams). 'hold' (default) never risks a duplicate: the period is reported for an admin
   * to resolve. 'resend' never risks a gap but may post twice.
   */
  onUnknownOutcome?: 'hold' | 'resend';
  log?: (event: string, fields: Record<string, unknown>) => void;
  /** Told of each delivery and its outcome (telemetry). */
  observer?: Pick<Observer, 'delivery'>;
}

export interface SubscribeInput {
  channelKey: string;
  platform: DigestPlatform;
  reference: ConversationRef;
  day?: Weekday;
  time?: string;
  focusTags?: string[];
  by: string;
}

export interface ChannelStatus {
  subscription: Subscription;
  health?: ChannelHealth;
  next: { period: string; at: string };
  lastSent?: ChannelHealth['lastSent'];
}

export interface DigestFailure {
  channelKey: string;
  platform: DigestPlatform;
  kind: 'failing' | 'failed-period' | 'unknown-outcome';
  period?: string;
  detail: string;
}

export interface SendReport {
  results: { channelKey: string; period: string; outcome: DeliveryOutcome }[];
}

const sleepReal = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

export class DigestService {
  readonly store: Store;
  readonly pool: readonly DigestItem[];
  readonly partnershipName: string;
  readonly defaults: DigestServiceOptions['defaults'];
  readonly graceHours: number;
  readonly #o: DigestServiceOptions;
  readonly #clock: () => Date;
  readonly #byId: Map<string, DigestItem>;
  readonly #throttle: SendThrottle;
  #running: Promise<SendReport> | undefined;

  constructor(options: DigestServiceOptions) {
    this.#o = options;
    this.store = options.store;
    this.pool = options.pool;
    this.partnershipName = options.partnershipName;
    this.defaults = options.defaults;
    this.graceHours = options.graceHours ?? 48;
    this.#clock = options.clock ?? (() => new Date());
    this.#byId = new Map(options.pool.map((i) => [i.id, i]));
    this.#throttle = new SendThrottle(
      { ...DEFAULT_LIMITS, ...options.limits },
      () => this.#clock().getTime(),
      options.sleep ?? sleepReal,
    );
  }

  now(): Date {
    return this.#clock();
  }

  async subscribe(input: SubscribeInput): Promise<Subscription> {
    const key = subscriptionKey(input.channelKey);
    const existing = await this.store.get<Subscription>(key);
    const at = this.#clock().toISOString();
    const sub: Subscription = {
      channelKey: input.channelKey,
      platform: input.platform,
      reference: input.reference,
      schedule: {
        day: input.day ?? this.defaults.day,
        time: input.time ?? this.defaults.time,
        timeZone: this.defaults.timeZone,
      },
      focusTags: input.focusTags ?? existing?.value.focusTags ?? [],
      createdBy: existing?.value.createdBy ?? input.by,
      createdAt: existing?.value.createdAt ?? at,
      updatedAt: at,
    };
    await this.store.put(key, sub);
    // Subscribing again is how an admin clears a 'failing' mark after fixing the cause.
    await this.store.put(healthKey(input.channelKey), {
      ...((await getHealth(this.store, input.channelKey)) ?? { channelKey: input.channelKey }),
      consecutiveFailedPeriods: 0,
      failing: false,
    } satisfies ChannelHealth);
    return sub;
  }

  async unsubscribe(channelKey: string): Promise<boolean> {
    return this.store.delete(subscriptionKey(channelKey));
  }

  async subscription(channelKey: string): Promise<Subscription | undefined> {
    return (await this.store.get<Subscription>(subscriptionKey(channelKey)))?.value;
  }

  async rememberConversation(
    channelKey: string,
    platform: DigestPlatform,
    reference: ConversationRef,
  ): Promise<void> {
    const record: RememberedConversation = {
      channelKey,
      platform,
      reference,
      at: this.#clock().toISOString(),
    };
    await this.store.put(conversationKey(channelKey), record);
  }

  async rememberedConversation(channelKey: string): Promise<RememberedConversation | undefined> {
    return (await this.store.get<RememberedConversation>(conversationKey(channelKey)))?.value;
  }

  async status(channelKey?: string): Promise<ChannelStatus[]> {
    const subs = (await listSubscriptions(this.store)).filter(
      (s) => !channelKey || s.channelKey === channelKey,
    );
    const now = this.#clock();
    return Promise.all(
      subs.map(async (subscription) => {
        const health = await getHealth(this.store, subscription.channelKey);
        const next = nextDue(subscription.schedule, now);
        return {
          subscription,
          health,
          next: { period: next.period, at: next.at.toISOString() },
          lastSent: health?.lastSent,
        };
      }),
    );
  }

  /** Channels marked failing, periods that gave up, and periods held with an unknown outcome. */
  async failures(): Promise<DigestFailure[]> {
    const out: DigestFailure[] = [];
    for (const sub of await listSubscriptions(this.store)) {
      const health = await getHealth(this.store, sub.channelKey);
      if (health?.failing) {
        out.push({
          channelKey: sub.channelKey,
          platform: sub.platform,
          kind: 'failing',
          period: health.lastFailedPeriod,
          detail: `${health.consecutiveFailedPeriods} periods in a row failed (last: ${health.lastError ?? 'unknown'}); paused until an admin subscribes the channel again`,
        });
      }
      for (const entry of await ledgerEntries(this.store, sub.channelKey)) {
        const v = entry.value;
        const period = periodOfLedgerKey(entry.key);
        if (v.state === 'unknown') {
          out.push({
            channelKey: sub.channelKey,
            platform: sub.platform,
            kind: 'unknown-outcome',
            period,
            detail: 'the sending process stopped mid-send; check the channel, then resolve',
          });
        } else if (v.state === 'failed' && v.final) {
          out.push({
            channelKey: sub.channelKey,
            platform: sub.platform,
            kind: 'failed-period',
            period,
            detail: v.error,
          });
        }
      }
    }
    return out;
  }

  /** What a channel would get this period (its ledger item if already chosen), for the asker's eyes only. */
  async preview(channelKey?: string, focusTags?: readonly string[]): Promise<Reply | undefined> {
    const reply = await this.#previewed(channelKey, focusTags);
    if (reply) reply.visibility = 'asker';
    return reply;
  }

  async #previewed(channelKey?: string, focusTags?: readonly string[]): Promise<Reply | undefined> {
    const period = periodOf(this.#clock(), this.defaults.timeZone);
    if (channelKey) {
      const existing = await this.store.get<LedgerRecord>(ledgerKey(channelKey, period));
      if (existing) return this.composeItem(existing.value.itemId, period);
      const sub = await this.subscription(channelKey);
      const history = historyOf(await ledgerEntries(this.store, channelKey));
      return this.#compose(period, history, focusTags ?? sub?.focusTags)?.reply;
    }
    return this.#compose(period, [], focusTags)?.reply;
  }

  composeItem(itemId: string, period: string): Reply | undefined {
    const item = this.#byId.get(itemId);
    return item && composeDigest(item, period, this.partnershipName, { documents: this.#o.documents });
  }

  #compose(period: string, history: DigestHistoryEntry[], focusTags?: readonly string[]) {
    const item = pickItem(this.pool, history, { focusTags });
    return (
      item && {
        itemId: item.id,
        reply: composeDigest(item, period, this.partnershipName, { documents: this.#o.documents }),
      }
    );
  }

  /**
   * Posts every digest due now (within the grace window), each at most once across runs,
   * restarts and processes sharing the store. Overlapping calls in one process share one run.
   */
  sendDue(): Promise<SendReport> {
    this.#running ??= this.#sendDue().finally(() => {
      this.#running = undefined;
    });
    return this.#running;
  }

  async #sendDue(): Promise<SendReport> {
    const subs = await listSubscriptions(this.store);
    const healthy: Subscription[] = [];
    for (const sub of subs) if (!(await getHealth(this.store, sub.channelKey))?.failing) healthy.push(sub);
    const due = dueNow(healthy, this.#clock(), this.graceHours);
    const o = this.#o;
    const options = {
      store: this.store,
      senders: o.senders ?? {},
      throttle: this.#throttle,
      retry: { ...DEFAULT_RETRY, ...o.retry },
      clock: this.#clock,
      sleep: o.sleep ?? sleepReal,
      random: o.random ?? Math.random,
      leaseMs: o.leaseMs ?? 10 * 60_000,
      maxRunsPerPeriod: o.maxRunsPerPeriod ?? 3,
      retryFailedAfterMs: o.retryFailedAfterMs ?? 15 * 60_000,
      failingAfterPeriods: o.failingAfterPeriods ?? 3,
      onUnknownOutcome: o.onUnknownOutcome ?? 'hold',
      compose: (sub: Subscription, period: string, history: DigestHistoryEntry[]) =>
        this.#compose(period, history, sub.focusTags),
      composeItem: (itemId: string, period: string) => this.composeItem(itemId, period),
      log: o.log,
    } as const;
    const observer = o.observer ?? UNOBSERVED;
    const results = await mapBounded(due, o.maxConcurrency ?? 8, async ({ sub, period }) => ({
      channelKey: sub.channelKey,
      period,
      outcome: await observer.delivery({ platform: sub.platform }, () => deliver(options, sub, period)),
    }));
    return { results };
  }

  /**
   * An admin's answer for a period held as 'unknown': `posted: true` records it as sent; false
   * clears it so the next run (within the grace window) posts it.
   */
  async resolveUnknown(channelKey: string, period: string, posted: boolean): Promise<boolean> {
    const key = ledgerKey(channelKey, period);
    const existing = await this.store.get<LedgerRecord>(key);
    if (existing?.value.state !== 'unknown') return false;
    if (!posted) return this.store.delete(key, { ifMatch: existing.eTag });
    const v = existing.value;
    await this.store.put(
      key,
      {
        state: 'sent',
        attemptId: v.attemptId,
        at: this.#clock().toISOString(),
        itemId: v.itemId,
        recovered: true,
      } satisfies LedgerRecord,
      { ifMatch: existing.eTag },
    );
    return true;
  }
}
