import type { Store } from '../core/store/store.js';

/** What a terminal command gets: output lines, and in tests an environment, clock and store of their own. */
export interface CommandIo {
  out(line: string): void;
  err(line: string): void;
  env?: NodeJS.ProcessEnv;
  cwd?: string;
  clock?: () => Date;
  /** Injected by tests; otherwise opened from config and closed on exit. */
  store?: Store;
}
