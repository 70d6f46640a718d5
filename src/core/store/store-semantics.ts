import { randomUUID } from 'node:crypto';
import { ConflictError } from '../errors.js';
import type { PutOptions } from './store.js';

/**
 * Rules every backend shares, so memory, lowdb and PostgreSQL behave identically
 * (the contract suite in tests/core/store checks it).
 */

/** A fresh, unguessable eTag per write: never reused, even after delete and re-create (no ABA). */
export function newETag(): string {
  return randomUUID();
}

/** Throws ConflictError when a put's preconditions fail against the current eTag (undefined = absent). */
export function checkPut(
  key: string,
  currentETag: string | undefined,
  options: PutOptions | undefined,
): void {
  if (options?.ifNoneMatch === '*' && currentETag !== undefined) {
    throw new ConflictError(`store: ${key} already exists`);
  }
  checkIfMatch(key, currentETag, options?.ifMatch);
}

export function checkIfMatch(
  key: string,
  currentETag: string | undefined,
  ifMatch: string | undefined,
): void {
  if (ifMatch === undefined) return;
  if (currentETag === undefined) throw new ConflictError(`store: ${key} does not exist`);
  if (ifMatch !== '*' && ifMatch !== currentETag) throw new ConflictError(`store: ${key} was changed`);
}

/**
 * Values are JSON: what comes back is what JSON.stringify keeps (undefined properties dropped,
 * Dates become strings), exactly as PostgreSQL jsonb would return it. Also detaches the caller's object.
 */
export function toJsonValue<T>(value: T): T {
  const text = JSON.stringify(value);
  if (text === undefined) throw new TypeError('store: value is not JSON-serialisable');
  return JSON.parse(text) as T;
}

/** Key order = UTF-8 byte order, the same as PostgreSQL's COLLATE "C" used by the kv table. */
export function compareKeys(a: string, b: string): number {
  return Buffer.compare(Buffer.from(a, 'utf8'), Buffer.from(b, 'utf8'));
}
