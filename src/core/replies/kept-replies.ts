import type { Logger } from 'pino';
import type { Reply } from '../reply.js';
import type { Store } from '../store/store.js';

/**
 * Replies a channel must render again later, by reply id: Slack has no hidden blocks, so an answer
 * posted as its first screen is kept until "More" swaps the full reply in; Teams redraws a card in
 * place after a vote. A Reply holds guidance text and structured checklist answers only, never the
 * practitioner's message. Entries expire after `ttlMs`; expired ones are swept at most once per
 * `sweepEveryMs`, on a write, so no timer is needed.
 */
const PREFIX = 'kept-reply/';

/** What a channel needs of kept replies: the store-backed KeptReplies or the bounded RecentReplies. */
export interface ReplyKeeper {
  keep(reply: Reply): Promise<void>;
  full(replyId: string): Promise<Reply | undefined>;
  forget(replyId: string): Promise<void>;
}

interface Entry {
  reply: Reply;
  expiresAt: number;
}

export class KeptReplies implements ReplyKeeper {
  #lastSweep = 0;

  constructor(
    private readonly store: Store,
    private readonly logger: Pick<Logger, 'warn'>,
    private readonly ttlMs = 7 * 24 * 60 * 60 * 1000,
    private readonly sweepEveryMs = 60 * 60 * 1000,
    private readonly now: () => number = Date.now,
  ) {}

  async keep(reply: Reply): Promise<void> {
    const entry: Entry = { reply, expiresAt: this.now() + this.ttlMs };
    await this.store.put(PREFIX + reply.meta.replyId, entry);
    if (this.now() - this.#lastSweep >= this.sweepEveryMs) {
      this.#lastSweep = this.now();
      await this.sweep().catch((err: unknown) => this.logger.warn({ err }, 'kept replies not swept'));
    }
  }

  /** The kept reply, or undefined when it expired or was forgotten. */
  async full(replyId: string): Promise<Reply | undefined> {
    const item = await this.store.get<Entry>(PREFIX + replyId);
    return item && item.value.expiresAt > this.now() ? item.value.reply : undefined;
  }

  /** Called once the reply no longer needs redrawing. */
  async forget(replyId: string): Promise<void> {
    await this.store.delete(PREFIX + replyId);
  }

  private async sweep(): Promise<void> {
    const t = this.now();
    for (const item of await this.store.list<Entry>(PREFIX)) {
      if (item.value.expiresAt <= t) await this.store.delete(item.key);
    }
  }
}
