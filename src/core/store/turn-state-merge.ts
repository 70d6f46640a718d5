import { isDeepStrictEqual } from 'node:util';

export type StateObject = Record<string, unknown>;

/**
 * Three-way merge of one bot-state scope, property by property (top level).
 * `base` is what this turn read, `theirs` what is stored now (another turn's save), `ours` what this
 * turn wants to save. A property this turn changed takes our value (last writer wins); one it left
 * alone keeps theirs; one it deleted is deleted unless the other turn changed it meanwhile.
 * Without a base (read by another instance, or evicted) we cannot tell what we changed, so our
 * properties win and properties only they have are kept: nothing another turn wrote is dropped.
 */
export function mergeTurnState(
  base: StateObject | undefined,
  theirs: StateObject | undefined,
  ours: StateObject,
): StateObject {
  if (!theirs) return ours;
  if (!base) return { ...theirs, ...ours };
  const merged: StateObject = { ...theirs };
  for (const name of new Set([...Object.keys(base), ...Object.keys(ours)])) {
    const weHaveIt = Object.hasOwn(ours, name);
    if (weHaveIt && !isDeepStrictEqual(ours[name], base[name])) {
      merged[name] = ours[name];
    } else if (!weHaveIt && Object.hasOwn(base, name) && isDeepStrictEqual(theirs[name], base[name])) {
      delete merged[name];
    }
  }
  return merged;
}
