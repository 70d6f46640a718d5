import { z } from 'zod';
import type { Store, StoredItem } from '../store/store.js';
import type { DigestHistoryEntry } from './composer.js';

/**
 * One (channel, period) delivery. Created with ifNoneMatch '*' as 'sending' before the post, so two
 * runs can never both post; moved to 'sent' after. A 'sending' older than the lease belongs to a
 * process that died mid-send. 'unknown' = died mid-send on a platform we cannot ask; an admin
 * resolves it (see DigestService.resolveUnknown). 'failed' = a run gave up; later ticks may retry.
 */
export type LedgerRecord =
  | { state: 'sending'; attemptId: string; at: string; itemId: string; runs: number }
  | { state: 'sent'; attemptId: string; at: string; itemId: string; messageId?: string; recovered?: boolean }
  | {
      state: 'failed';
      attemptId: string;
      at: string;
      itemId: string;
      runs: number;
      error: string;
      final: boolean;
    }
  | { state: 'unknown'; attemptId: string; at: string; itemId: string; runs: number };

export const ledgerPrefix = (channelKey: string) => `digest-ledger/${channelKey}/`;
export const ledgerKey = (channelKey: string, period: string) => `${ledgerPrefix(channelKey)}${period}`;

export function periodOfLedgerKey(key: string): string {
  return key.slice(key.lastIndexOf('/') + 1);
}

/** What every ledger state has: enough to count it and to keep rotation. Anything else is not a record. */
export const ledgerRecordShape = z.looseObject({
  state: z.enum(['sending', 'sent', 'failed', 'unknown']),
  attemptId: z.string(),
  at: z.string(),
  itemId: z.string(),
});

export function isLedgerRecord(value: unknown): value is LedgerRecord {
  return ledgerRecordShape.safeParse(value).success;
}

/** A channel's ledger; a malformed record (e.g. a `null` from a hand edit) is left out, not fatal. */
export async function ledgerEntries(store: Store, channelKey: string): Promise<StoredItem<LedgerRecord>[]> {
  return (await store.list<unknown>(ledgerPrefix(channelKey))).filter((e): e is StoredItem<LedgerRecord> =>
    isLedgerRecord(e.value),
  );
}

/** Items already used in a channel (a failed or unresolved period still counts, to keep rotation stable). */
export function historyOf(entries: readonly StoredItem<LedgerRecord>[]): DigestHistoryEntry[] {
  return entries.map((e) => ({ itemId: e.value.itemId, period: periodOfLedgerKey(e.key) }));
}
