import type { Logger } from 'pino';
import type { Store } from '../../core/store/store.js';
import type { BackgroundWork } from './background.js';
import type { FirstTimeKeys } from '../shared/first-time.js';
import type { RecentKeys } from '../shared/recent-keys.js';
import type { KeptReplies } from '../../core/replies/kept-replies.js';
import type { GuideApi } from '../../core/guide-api.js';
import type { AdminList } from '../../core/partnerships.js';

/** What every surface handler gets: core, storage, bounded background work and config. */
export interface SurfaceContext {
  /** The Guide and admins of the request's partnership (picked from its team id, first thing). */
  guide: GuideApi;
  store: Store;
  admins: AdminList;
  logger: Logger;
  work: BackgroundWork;
  /** Events API event ids: each event is handled once (Slack retries carry the same id). */
  dedupe: FirstTimeKeys;
  /** Users welcomed in their DM with the app (the key is the Slack user id). */
  welcomed: FirstTimeKeys;
  /** Channels whose reference was stored lately. */
  remembered: RecentKeys;
  /** Full replies behind "More", for messages posted as their first screen. */
  folded: KeptReplies;
}
