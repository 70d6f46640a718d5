import type { Store } from './store.js';

/**
 * Key prefixes older versions wrote and nothing reads any more. `botstate/` held teams-ai turn state
 * per conversation and per Teams user (user ids, kept indefinitely); the bot no longer keeps turn
 * state (src/channels/teams/bot.ts), so what is left of it is deleted by housekeeping.
 */
const RETIRED_PREFIXES = ['botstate/'];

/** Deletes what is stored under retired prefixes; returns how many items went. */
export async function deleteRetiredKeys(store: Store): Promise<number> {
  let deleted = 0;
  for (const prefix of RETIRED_PREFIXES) {
    for (const item of await store.list(prefix)) {
      // Conditional: an item rewritten meanwhile (by an older instance still running) stays for the next sweep.
      if (await store.delete(item.key, { ifMatch: item.eTag }).catch(() => false)) deleted += 1;
    }
  }
  return deleted;
}
