import type { Logger } from 'pino';
import { isTimeout } from './web-api.js';

export interface BackgroundLimits {
  concurrency?: number;
  maxQueued?: number;
  /** A task still running after this long gives up its slot (it is logged and counted). */
  taskTimeoutMs: number;
  onTimeout?: () => void;
}

/**
 * Work done after Slack has been acknowledged. With `processBeforeResponse: true` Bolt answers
 * the HTTP request only when the listener returns, so listeners ack, hand the slow part here and
 * return. Concurrency and queue length are bounded; every task is awaited and its failure logged.
 * A task that outlives its time limit (a Slack API that never answers) frees its slot, so it cannot
 * hold up later messages or shutdown; the Web API client's own time limit ends its request.
 */
export class BackgroundWork {
  #running = 0;
  readonly #queue: (() => void)[] = [];
  readonly #pending = new Set<Promise<void>>();
  readonly #concurrency: number;
  readonly #maxQueued: number;

  constructor(
    private readonly logger: Logger,
    private readonly limits: BackgroundLimits,
  ) {
    this.#concurrency = limits.concurrency ?? 16;
    this.#maxQueued = limits.maxQueued ?? 1000;
  }

  run(label: string, task: () => Promise<void>): boolean {
    if (this.#queue.length >= this.#maxQueued) {
      this.logger.warn({ label }, 'slack: background queue full, dropping work');
      return false;
    }
    const done: Promise<void> = this.#slot()
      .then(() => this.#limited(label, task))
      .catch((err: unknown) => {
        if (!isTimeout(err)) return this.logger.error({ err, label }, 'slack: background work failed');
        this.logger.warn({ label }, 'slack: background work timed out (a Web API call)');
        this.limits.onTimeout?.();
      })
      .finally(() => {
        this.#running -= 1;
        this.#queue.shift()?.();
        this.#pending.delete(done);
      });
    this.#pending.add(done);
    return true;
  }

  /** Resolves once nothing is running or queued (tests, shutdown); timed-out tasks no longer count. */
  async idle(): Promise<void> {
    while (this.#pending.size > 0) await Promise.allSettled([...this.#pending]);
  }

  #limited(label: string, task: () => Promise<void>): Promise<void> {
    let timer: NodeJS.Timeout | undefined;
    const timedOut = new Promise<void>((resolve) => {
      timer = setTimeout(() => {
        this.logger.warn({ label, timeoutMs: this.limits.taskTimeoutMs }, 'slack: background work timed out');
        this.limits.onTimeout?.();
        resolve();
      }, this.limits.taskTimeoutMs);
    });
    const running = task().finally(() => clearTimeout(timer));
    // A task that fails after its time limit is still logged (the race no longer reports it).
    running.catch((err: unknown) => this.logger.warn({ err, label }, 'slack: timed-out work failed later'));
    return Promise.race([running, timedOut]);
  }

  #slot(): Promise<void> {
    if (this.#running < this.#concurrency) {
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
