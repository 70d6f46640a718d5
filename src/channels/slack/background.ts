import type { Logger } from 'pino';

/**
 * Work done after Slack has been acknowledged. With `processBeforeResponse: true` Bolt answers
 * the HTTP request only when the listener returns, so listeners ack, hand the slow part here and
 * return. Concurrency and queue length are bounded; every task is awaited and its failure logged.
 */
export class BackgroundWork {
  #running = 0;
  readonly #queue: (() => void)[] = [];
  readonly #pending = new Set<Promise<void>>();

  constructor(
    private readonly logger: Logger,
    private readonly concurrency = 16,
    private readonly maxQueued = 1000,
  ) {}

  run(label: string, task: () => Promise<void>): boolean {
    if (this.#queue.length >= this.maxQueued) {
      this.logger.warn({ label }, 'slack: background queue full, dropping work');
      return false;
    }
    const done: Promise<void> = this.#slot()
      .then(task)
      .catch((err: unknown) => this.logger.error({ err, label }, 'slack: background work failed'))
      .finally(() => {
        this.#running -= 1;
        this.#queue.shift()?.();
        this.#pending.delete(done);
      });
    this.#pending.add(done);
    return true;
  }

  /** Resolves once nothing is running or queued (tests, shutdown). */
  async idle(): Promise<void> {
    while (this.#pending.size > 0) await Promise.allSettled([...this.#pending]);
  }

  #slot(): Promise<void> {
    if (this.#running < this.concurrency) {
      this.#running += 1;
      return Promise.resolve();
    }
    return new Promise((resolve) =>
      this.#queue.push(() => {
        this.#running += 1;
        resolve();
      }),
    );
  }
}
