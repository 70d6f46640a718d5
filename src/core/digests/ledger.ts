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

export async function ledgerEntries(store: Store, channelKey: string): Promise<StoredItem<LedgerRecord>[]> {
  return store.list<LedgerRecord>(ledgerPrefix(channelKey));
}

/** Items already used in a channel (a failed or unresolved period still counts, to keep rotation stable). */
export function historyOf(entries: readonly StoredItem<LedgerRecord>[]): DigestHistoryEntry[] {
  return entries.map((e) => ({ itemId: e.value.itemId, period: periodOfLedgerKey(e.key) }));
}
