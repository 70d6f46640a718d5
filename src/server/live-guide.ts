import type { Guide, ReloadResult } from '../core/guide.js';
import { asCodedError } from '../core/errors.js';
import { forwardTo } from '../core/partnerships.js';
import type { Logger } from './logger.js';

export type { ReloadResult };

/**
 * The Guide every channel talks to, swappable while serving: `reload()` builds a new Guide from the
 * content pack (the same checks as `npm run content:check`), and only when it loads does one
 * assignment make it the current one. A pack that fails is refused and the old Guide keeps
 * answering. A turn already running finishes on the Guide it started with; that one is closed
 * (its question counts flushed) once such turns have had time to end.
 */
export class LiveGuide {
  #current: Guide;
  #reloading: Promise<ReloadResult> | undefined;
  readonly #retiring = new Set<Promise<void>>();
  /** Ends the wait of each Guide being retired (on close). */
  readonly #retireNow = new Set<() => void>();
  /** Forwards every call to the current Guide, so holders need no change when it is swapped. */
  readonly guide: Guide;

  constructor(
    initial: Guide,
    private readonly build: () => Promise<Guide>,
    private readonly logger: Logger,
    private readonly retireAfterMs = 30_000,
  ) {
    this.#current = initial;
    this.guide = forwardTo(() => this.#current);
  }

  /** A view of part of the current Guide (e.g. its digest service, for the scheduler). */
  part<T extends object>(pick: (guide: Guide) => T): T {
    return forwardTo(() => pick(this.#current));
  }

  /**
   * One reload at a time; a second request while one runs gets the same result. `accept` may refuse
   * the new Guide by throwing (a partnership's pack that no longer fits beside the others).
   */
  reload(accept?: (next: Guide) => void): Promise<ReloadResult> {
    this.#reloading ??= this.#reload(accept).finally(() => (this.#reloading = undefined));
    return this.#reloading;
  }

  /** The Guide serving now. */
  get current(): Guide {
    return this.#current;
  }

  async #reload(accept?: (next: Guide) => void): Promise<ReloadResult> {
    let next: Guide;
    try {
      next = await this.build();
      try {
        accept?.(next);
      } catch (refusal) {
        await next.close();
        throw refusal;
      }
    } catch (error) {
      const reason = asCodedError(error).message;
      this.logger.error({ reason }, 'content: reload refused; the current pack keeps serving');
      return { ok: false, reason };
    }
    const previous = this.#current;
    this.#current = next;
    this.logger.info({ contentItems: next.pack.items.length }, 'content: pack reloaded');
    this.#retire(previous);
    return { ok: true, items: next.pack.items.length };
  }

  #retire(guide: Guide): void {
    const done = new Promise<void>((resolve) => {
      const timer = setTimeout(resolve, this.retireAfterMs);
      timer.unref();
      this.#retireNow.add(() => {
        clearTimeout(timer);
        resolve();
      });
    })
      .then(() => guide.close())
      .catch((error: unknown) =>
        this.logger.warn({ err: error }, 'content: closing the previous pack failed'),
      )
      .finally(() => this.#retiring.delete(done));
    this.#retiring.add(done);
  }

  /** Closes the current Guide and any not yet retired (the server is stopping: turns have drained). */
  async close(): Promise<void> {
    await this.#reloading;
    for (const now of this.#retireNow) now();
    this.#retireNow.clear();
    await Promise.all(this.#retiring);
    await this.#current.close();
  }
}
