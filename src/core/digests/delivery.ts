import { randomUUID } from 'node:crypto';
import { ConflictError } from '../errors.js';
import type { Reply } from '../reply.js';
import type { Store } from '../store/store.js';
import { historyOf, ledgerEntries, ledgerKey, type LedgerRecord } from './ledger.js';
import { isAmbiguous, isRetryable, retryDelayMs, toDeliveryError, type RetryPolicy } from './retry.js';
import type { DeliveryError, DigestSender } from './sender.js';
import { updateHealth, type Subscription } from './subscriptions.js';
import type { SendThrottle } from './throttle.js';
import type { DigestHistoryEntry } from './composer.js';

export type DeliveryOutcome =
  | 'sent'
  | 'recovered' // a crashed run had posted it: recorded, not reposted
  | 'already-sent'
  | 'in-flight' // another run holds the lease
  | 'failed' // this run gave up; a later tick may retry
  | 'gave-up' // the period's runs are used up (or the failure is permanent)
  | 'waiting' // a failed period is cooling down before its next run
  | 'unknown' // crashed mid-send on a platform we cannot ask: held for an admin
  | 'no-sender'
  | 'no-item';

/** Outcomes an admin should hear about: the channel did not get its digest and may not without help. */
const PROBLEMS: ReadonlySet<DeliveryOutcome> = new Set(['failed', 'gave-up', 'unknown', 'no-sender']);

export function isDeliveryProblem(outcome: DeliveryOutcome): boolean {
  return PROBLEMS.has(outcome);
}

export interface DeliveryOptions {
  store: Store;
  senders: Partial<Record<Subscription['platform'], DigestSender>>;
  throttle: SendThrottle;
  retry: RetryPolicy;
  clock: () => Date;
  sleep: (ms: number) => Promise<void>;
  random: () => number;
  /** A 'sending' record older than this belongs to a dead process. Runs stop retrying before it ends. */
  leaseMs: number;
  maxRunsPerPeriod: number;
  retryFailedAfterMs: number;
  failingAfterPeriods: number;
  onUnknownOutcome: 'hold' | 'resend';
  compose: (
    sub: Subscription,
    period: string,
    history: DigestHistoryEntry[],
  ) => { itemId: string; reply: Reply } | undefined;
  composeItem: (itemId: string, period: string) => Reply | undefined;
  log?: (event: string, fields: Record<string, unknown>) => void;
}

/** Error text safe to store: status and SDK error code only, never message content. */
function describe(error: DeliveryError): string {
  const code = (error.cause as { code?: unknown } | undefined)?.code;
  return [
    error.status !== undefined ? `HTTP ${error.status}` : 'no response',
    typeof code === 'string' ? code : undefined,
    error.permanent ? 'permanent' : undefined,
  ]
    .filter(Boolean)
    .join(', ');
}

/** Delivers one (subscription, period) at most once, recording each step in the ledger. */
export async function deliver(
  o: DeliveryOptions,
  sub: Subscription,
  period: string,
): Promise<DeliveryOutcome> {
  const sender = o.senders[sub.platform];
  if (!sender) return 'no-sender';
  const key = ledgerKey(sub.channelKey, period);
  const now = () => o.clock().getTime();
  const existing = await o.store.get<LedgerRecord>(key);

  let claim: { eTag: string; record: Extract<LedgerRecord, { state: 'sending' }> };
  try {
    if (!existing) {
      const picked = o.compose(sub, period, historyOf(await ledgerEntries(o.store, sub.channelKey)));
      if (!picked) return 'no-item';
      const record = {
        state: 'sending',
        attemptId: randomUUID(),
        at: o.clock().toISOString(),
        itemId: picked.itemId,
        runs: 1,
      } as const;
      claim = { eTag: await o.store.put(key, record, { ifNoneMatch: '*' }), record };
    } else {
      const v = existing.value;
      if (v.state === 'sent') return 'already-sent';
      if (v.state === 'unknown') return 'unknown';
      if (v.state === 'failed') {
        if (v.final || v.runs >= o.maxRunsPerPeriod) return 'gave-up';
        if (now() - Date.parse(v.at) < o.retryFailedAfterMs) return 'waiting';
      }
      if (v.state === 'sending') {
        if (now() - Date.parse(v.at) < o.leaseMs) return 'in-flight';
        const verdict = await sender.wasDelivered?.(sub, {
          period,
          attemptId: v.attemptId,
          since: new Date(Date.parse(v.at) - 60_000),
        });
        if (verdict?.delivered) {
          const sent: LedgerRecord = {
            state: 'sent',
            attemptId: v.attemptId,
            at: o.clock().toISOString(),
            itemId: v.itemId,
            messageId: verdict.messageId,
            recovered: true,
          };
          await o.store.put(key, sent, { ifMatch: existing.eTag });
          await recordSuccess(o, sub, period, sent);
          o.log?.('digest.recovered', { channelKey: sub.channelKey, period });
          return 'recovered';
        }
        if (!verdict && o.onUnknownOutcome === 'hold') {
          const held: LedgerRecord = {
            state: 'unknown',
            attemptId: v.attemptId,
            at: o.clock().toISOString(),
            itemId: v.itemId,
            runs: v.runs,
          };
          await o.store.put(key, held, { ifMatch: existing.eTag });
          o.log?.('digest.unknown', { channelKey: sub.channelKey, period });
          return 'unknown';
        }
      }
      const runs = v.state === 'sending' || v.state === 'failed' ? v.runs + 1 : 1;
      const record = {
        state: 'sending',
        attemptId: randomUUID(),
        at: o.clock().toISOString(),
        itemId: v.itemId,
        runs,
      } as const;
      claim = { eTag: await o.store.put(key, record, { ifMatch: existing.eTag }), record };
    }
  } catch (error) {
    if (error instanceof ConflictError) return 'in-flight'; // another run claimed it first
    throw error;
  }

  const reply = o.composeItem(claim.record.itemId, period);
  if (!reply) {
    await o.store.put(
      key,
      { ...claim.record, state: 'failed', error: 'item no longer in the pool', final: true },
      { ifMatch: claim.eTag },
    );
    return 'gave-up';
  }
  const result = await sendWithRetries(o, sender, sub, reply, {
    period,
    attemptId: claim.record.attemptId,
    claimedAt: Date.parse(claim.record.at),
  });
  try {
    return await settle(o, sub, period, key, claim, result);
  } catch (error) {
    // Our lease ran out and another run took the period over; it owns the outcome now.
    if (error instanceof ConflictError) return 'in-flight';
    throw error;
  }
}

async function settle(
  o: DeliveryOptions,
  sub: Subscription,
  period: string,
  key: string,
  claim: { eTag: string; record: Extract<LedgerRecord, { state: 'sending' }> },
  result: Awaited<ReturnType<typeof sendWithRetries>>,
): Promise<DeliveryOutcome> {
  if (!result.ok && result.error.outcomeUnknown && o.onUnknownOutcome === 'hold') {
    const held: LedgerRecord = {
      state: 'unknown',
      attemptId: claim.record.attemptId,
      at: o.clock().toISOString(),
      itemId: claim.record.itemId,
      runs: claim.record.runs,
    };
    await o.store.put(key, held, { ifMatch: claim.eTag });
    o.log?.('digest.unknown', { channelKey: sub.channelKey, period, error: describe(result.error) });
    return 'unknown';
  }
  if (result.ok) {
    const sent: LedgerRecord = {
      state: 'sent',
      attemptId: claim.record.attemptId,
      at: o.clock().toISOString(),
      itemId: claim.record.itemId,
      messageId: result.messageId,
    };
    await o.store.put(key, sent, { ifMatch: claim.eTag });
    await recordSuccess(o, sub, period, sent);
    return 'sent';
  }
  const final = result.error.permanent || claim.record.runs >= o.maxRunsPerPeriod;
  const failed: LedgerRecord = {
    ...claim.record,
    state: 'failed',
    at: o.clock().toISOString(),
    error: describe(result.error),
    final,
  };
  await o.store.put(key, failed, { ifMatch: claim.eTag });
  o.log?.('digest.failed', { channelKey: sub.channelKey, period, error: failed.error, final });
  if (final) {
    await updateHealth(o.store, sub.channelKey, (h) => {
      const count =
        h.lastFailedPeriod === period ? h.consecutiveFailedPeriods : h.consecutiveFailedPeriods + 1;
      return {
        ...h,
        consecutiveFailedPeriods: count,
        failing: count >= o.failingAfterPeriods,
        lastError: failed.error,
        lastFailedPeriod: period,
        lastFailureAt: failed.at,
      };
    });
    return 'gave-up';
  }
  return 'failed';
}

async function recordSuccess(
  o: DeliveryOptions,
  sub: Subscription,
  period: string,
  sent: Extract<LedgerRecord, { state: 'sent' }>,
) {
  await updateHealth(o.store, sub.channelKey, (h) => ({
    ...h,
    consecutiveFailedPeriods: 0,
    failing: false,
    lastSent:
      h.lastSent && h.lastSent.period > period
        ? h.lastSent
        : {
            period,
            at: sent.at,
            itemId: sent.itemId,
            ...(sent.messageId ? { messageId: sent.messageId } : {}),
          },
  }));
}

async function sendWithRetries(
  o: DeliveryOptions,
  sender: DigestSender,
  sub: Subscription,
  reply: Reply,
  attempt: { period: string; attemptId: string; claimedAt: number },
): Promise<{ ok: true; messageId?: string } | { ok: false; error: DeliveryError }> {
  // Stop retrying well inside the lease, so no other run can think this one died while it still sends.
  const deadline = attempt.claimedAt + o.leaseMs * 0.8;
  for (let n = 1; ; n++) {
    let error: DeliveryError;
    try {
      await o.throttle.acquire(sub.platform, sub.channelKey);
      const { messageId } = await sender.send(sub, reply, {
        period: attempt.period,
        attemptId: attempt.attemptId,
      });
      return { ok: true, messageId };
    } catch (thrown) {
      error = toDeliveryError(thrown);
    }
    if (isAmbiguous(error) && sender.wasDelivered) {
      const verdict = await sender
        .wasDelivered(sub, { ...attempt, since: new Date(attempt.claimedAt - 60_000) })
        .catch(() => undefined);
      if (verdict?.delivered) return { ok: true, messageId: verdict.messageId };
    }
    // The post may have landed and nobody can tell us: re-sending could duplicate it.
    if (error.outcomeUnknown && o.onUnknownOutcome === 'hold') return { ok: false, error };
    if (!isRetryable(error) || n >= o.retry.maxAttempts) return { ok: false, error };
    if (error.retryAfterMs !== undefined && error.retryAfterMs > o.retry.maxRetryAfterMs)
      return { ok: false, error };
    const delay = retryDelayMs(o.retry, n, error, o.random);
    if (o.clock().getTime() + delay > deadline) return { ok: false, error };
    o.log?.('digest.retry', {
      channelKey: sub.channelKey,
      period: attempt.period,
      attempt: n,
      status: error.status,
      delayMs: delay,
    });
    await o.sleep(delay);
  }
}
