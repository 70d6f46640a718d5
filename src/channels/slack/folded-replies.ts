import type { Logger } from 'pino';
import type { Reply } from '../../core/reply.js';
import type { Store } from '../../core/store/store.js';

/**
 * Slack has no hidden blocks, so an answer posted as its first screen keeps its full Reply here
 * until "More" swaps it in (then it is deleted). A Reply holds guidance text and structured
 * checklist answers only, never the practitioner's message. Entries expire after `ttlMs`; expired
 * ones are swept at most once per `sweepEveryMs`, on a write, so no timer is needed.
 */
const PREFIX = 'slack-folded/';

interface Entry {
  reply: Reply;
  expiresAt: number;
}

export class FoldedReplies {
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
      await this.sweep().catch((err: unknown) =>
        this.logger.warn({ err }, 'slack: folded replies not swept'),
      );
    }
  }

  /** The full reply for "More", or undefined when it expired or was already expanded. */
  async full(replyId: string): Promise<Reply | undefined> {
    const item = await this.store.get<Entry>(PREFIX + replyId);
    return item && item.value.expiresAt > this.now() ? item.value.reply : undefined;
  }

  /** Called once the message shows the full reply. */
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
