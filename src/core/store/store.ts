/**
 * The one storage interface. Keys are namespaced strings:
 *   checklist/{user}/{runId}, subscription/{channel}, digest-ledger/{channel}/{period},
 *   feedback/{replyId} …
 * Values are JSON. Nothing stored may hold raw message text.
 *
 * Optimistic concurrency: every stored item carries an eTag that changes on each write.
 * put(key, value, { ifMatch }) fails with ConflictError when the stored eTag differs;
 * put(key, value, { ifNoneMatch: '*' }) fails when the key already exists (create-only).
 */
export interface StoredItem<T> {
  key: string;
  value: T;
  eTag: string;
}

export interface PutOptions {
  /** Write only if the current eTag equals this. '*' means "must exist". */
  ifMatch?: string;
  /** '*' means "must not exist" (create-only). */
  ifNoneMatch?: '*';
}

export interface Store {
  /** True when several server instances may use this store at once (PostgreSQL); unset means one. */
  readonly sharedByInstances?: boolean;
  get<T>(key: string): Promise<StoredItem<T> | undefined>;
  /** Returns the new eTag. Throws ConflictError on a precondition failure. */
  put<T>(key: string, value: T, options?: PutOptions): Promise<string>;
  /** Returns true if something was deleted. Throws ConflictError if ifMatch is given and differs. */
  delete(key: string, options?: { ifMatch?: string }): Promise<boolean>;
  /** All items whose key starts with prefix, in key order. */
  list<T>(prefix: string): Promise<StoredItem<T>[]>;
  /** Checks the store can be read and written (for /healthz). */
  healthy(): Promise<boolean>;
  /** Waits for pending writes and releases resources. */
  close(): Promise<void>;
}
