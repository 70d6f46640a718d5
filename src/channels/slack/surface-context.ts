import type { Logger } from 'pino';
import type { Store } from '../../core/store/store.js';
import type { BackgroundWork } from './background.js';
import type { EventDedupe } from './dedupe.js';
import type { KeptReplies } from '../../core/replies/kept-replies.js';
import type { GuideApi } from '../../core/guide-api.js';

/** What every surface handler gets: core, storage, bounded background work and config. */
export interface SurfaceContext {
  guide: GuideApi;
  store: Store;
  admins: ReadonlySet<string>;
  logger: Logger;
  work: BackgroundWork;
  dedupe: EventDedupe;
  /** Full replies behind "More", for messages posted as their first screen. */
  folded: KeptReplies;
}
