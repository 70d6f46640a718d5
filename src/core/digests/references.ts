import { ConflictError } from '../errors.js';
import type { Store } from '../store/store.js';

/** The parts of a stored conversation reference that name someone or something. */
const NAMED_PARTS = ['user', 'bot', 'conversation'] as const;

/**
 * A conversation reference without display names: older versions stored Teams references whole,
 * with `user.name` (the practitioner), `bot.name` and `conversation.name` (a group chat is often
 * named after its members). Returns the same object when there is nothing to remove.
 */
export function withoutNames(reference: unknown): unknown {
  if (typeof reference !== 'object' || reference === null) return reference;
  const ref = reference as Record<string, unknown>;
  let copy: Record<string, unknown> | undefined;
  for (const part of NAMED_PARTS) {
    const account = ref[part];
    if (typeof account !== 'object' || account === null || !('name' in account)) continue;
    const { name: _name, ...rest } = account as Record<string, unknown>;
    (copy ??= { ...ref })[part] = rest;
  }
  return copy ?? reference;
}

/**
 * Removes display names from the references stored under `conversation/` and `subscription/`
 * (records written before references kept ids only). Conditional writes: a record changed meanwhile
 * is left for the next sweep. Returns how many records were rewritten.
 */
export async function scrubStoredReferences(store: Store): Promise<number> {
  let scrubbed = 0;
  for (const prefix of ['conversation/', 'subscription/']) {
    for (const item of await store.list<{ reference?: unknown }>(prefix)) {
      const value = item.value;
      if (typeof value !== 'object' || value === null) continue;
      const clean = withoutNames(value.reference);
      if (clean === value.reference) continue;
      try {
        await store.put(item.key, { ...value, reference: clean }, { ifMatch: item.eTag });
        scrubbed += 1;
      } catch (error) {
        if (!(error instanceof ConflictError)) throw error;
      }
    }
  }
  return scrubbed;
}
