import { ledgerRecordShape, type LedgerRecord } from '../digests/ledger.js';
import type { DigestService } from '../digests/service.js';
import { listSubscriptions, getHealth } from '../digests/subscriptions.js';
import type { Store } from '../store/store.js';
import { readRecords, type SkippedRecords } from './read-records.js';
import type { PartnershipReport } from './report-data.js';

type DigestSection = PartnershipReport['digests'];

/**
 * Deliveries per channel from the ledger (all periods: `sent` and `failed` records as they stand
 * now), for every subscribed channel and every channel with a ledger but no longer subscribed.
 * State: 'failing' when paused after repeated failures, 'needs-attention' when a period gave up or is
 * held with an unknown outcome, else 'ok'.
 */
export async function digestSection(
  store: Store,
  digests: DigestService,
  skipped: SkippedRecords,
): Promise<DigestSection> {
  const ledger = new Map<string, LedgerRecord[]>();
  for (const e of await readRecords(store, 'digest-ledger/', ledgerRecordShape, skipped)) {
    const channelKey = e.key.slice('digest-ledger/'.length, e.key.lastIndexOf('/'));
    const list = ledger.get(channelKey);
    const record = e.value as LedgerRecord;
    if (list) list.push(record);
    else ledger.set(channelKey, [record]);
  }
  const failures = await digests.failures();
  const subs = new Map((await listSubscriptions(store)).map((s) => [s.channelKey, s]));
  const keys = [...new Set([...subs.keys(), ...ledger.keys()])].sort();
  const channels = await Promise.all(
    keys.map(async (channelKey) => {
      const sub = subs.get(channelKey);
      const records = ledger.get(channelKey) ?? [];
      const health = await getHealth(store, channelKey);
      const sentAts = records.filter((r) => r.state === 'sent').map((r) => r.at);
      const lastSent = [...sentAts, ...(health?.lastSent ? [health.lastSent.at] : [])].sort().at(-1);
      const problem = failures.some((f) => f.channelKey === channelKey && f.kind !== 'failing');
      const row: DigestSection['channels'][number] = {
        channelKey,
        platform: sub?.platform ?? channelKey.slice(0, channelKey.indexOf(':')),
        schedule: sub ? `${sub.schedule.day} ${sub.schedule.time}` : 'not subscribed',
        sent: sentAts.length,
        failed: records.filter((r) => r.state === 'failed').length,
        state: health?.failing ? 'failing' : problem ? 'needs-attention' : 'ok',
      };
      if (lastSent) row.lastSent = lastSent;
      return row;
    }),
  );
  return {
    channels,
    problems: failures.map((f) => ({
      channelKey: f.channelKey,
      ...(f.period ? { period: f.period } : {}),
      detail: f.detail,
    })),
  };
}
