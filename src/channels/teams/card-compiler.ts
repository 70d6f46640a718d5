/**
 * A card template (`cards/*.json`, Adaptive Card Templating syntax) compiled once into plain
 * functions, so binding a reply costs a walk over the template instead of the templating engine's
 * per-node expression evaluation (~0.6 ms a reply card, the largest single cost of a Teams turn after
 * the answer itself).
 *
 * Only the subset of the language our templates use is compiled, with the engine's semantics
 * (adaptivecards-templating 2.3.1 `Template.internalExpand`):
 * - `$data` bound to an expression: an array repeats the object per item (none → the object is
 *   dropped, one → the object itself, several → spliced into the parent array), an object rebinds it;
 * - `$when` an expression that must be a boolean; false drops the object;
 * - a string that is exactly one `${expression}` becomes that expression's value, with its type;
 * - expressions: a property path (`title`, `feedback.up`, `$root.x`, matched case-insensitively like
 *   the engine), `count(path) > 0`, `path == 'literal'`;
 * - arrays drop null items and flatten array items one level; reserved `$` keys are removed.
 * Anything else makes `compileTemplate` return undefined (the caller keeps the engine). At run time
 * anything the engine would treat specially (a missing or null value, a non-boolean `$when`, a
 * `$data` that is neither array nor object) throws `NotCompiled`, and the caller expands that one
 * card with the engine: output is always the engine's. tests/channels/teams/card-compiler.test.ts
 * compares the two over every guidance item and the other reply kinds.
 */

interface Scope {
  root: unknown;
  /** The engine's `$data`: the current `$data` item, or the root outside any. */
  data: unknown;
}

type Expand = (scope: Scope) => unknown;
type Evaluate = (scope: Scope) => unknown;

/** Thrown while binding when the engine's handling would differ from the compiled fast path. */
export class NotCompiled extends Error {}

const RESERVED = new Set(['$data', '$when', '$root', '$index', '$host', '$_acTemplateVersion']);
const WHOLE_EXPRESSION = /^\$\{([^{}]*)\}$/;
const PATH = /^[A-Za-z_$][\w$]*(?:\.[A-Za-z_][\w]*)*$/;
const COUNT_POSITIVE = /^count\(\s*([^()]+?)\s*\)\s*>\s*0$/;
const EQUALS_LITERAL = /^([^=\s]+)\s*==\s*'([^'\\$]*)'$/;
/** AEL constants and memory roots other than $root/$data: not plain paths. */
const NOT_PATHS = new Set(['true', 'false', 'null', 'undefined']);

class Unsupported extends Error {}

/** Compiles a parsed template; undefined when it uses anything outside the subset above. */
export function compileTemplate(template: unknown): ((root: object) => unknown) | undefined {
  try {
    const expand = compileNode(template);
    return (root) => expand({ root, data: root });
  } catch (error) {
    if (error instanceof Unsupported) return undefined;
    throw error;
  }
}

function compileNode(node: unknown): Expand {
  if (typeof node === 'string') {
    if (!node.includes('${')) return () => node;
    const whole = WHOLE_EXPRESSION.exec(node);
    if (!whole?.[1]) throw new Unsupported(node);
    const evaluate = compileExpression(whole[1]);
    return (scope) => present(evaluate(scope));
  }
  if (Array.isArray(node)) return compileArray(node);
  if (typeof node === 'object' && node !== null) return compileObject(node as Record<string, unknown>);
  return () => node; // numbers, booleans, null
}

function compileArray(items: unknown[]): Expand {
  const parts = items.map(compileNode);
  return (scope) => {
    const out: unknown[] = [];
    for (const part of parts) {
      const value = part(scope);
      if (value === null) continue;
      if (Array.isArray(value)) out.push(...(value as unknown[]));
      else out.push(value);
    }
    return out;
  };
}

function compileObject(node: Record<string, unknown>): Expand {
  const when = node.$when === undefined ? undefined : compileBinding(node.$when);
  const data = node.$data === undefined ? undefined : compileBinding(node.$data);
  const fields = Object.keys(node)
    .filter((key) => !RESERVED.has(key))
    .map((key) => [key, compileNode(node[key])] as const);

  const one = (scope: Scope): Record<string, unknown> | undefined => {
    if (when) {
      const keep = when(scope);
      if (typeof keep !== 'boolean') throw new NotCompiled('$when is not a boolean');
      if (!keep) return undefined;
    }
    const out: Record<string, unknown> = {};
    for (const [key, expand] of fields) out[key] = expand(scope);
    return out;
  };

  if (!data) return (scope) => one(scope) ?? null;
  return (scope) => {
    const bound = present(data(scope));
    if (typeof bound !== 'object') throw new NotCompiled('$data is not an array or object');
    const items = Array.isArray(bound) ? (bound as unknown[]) : [bound];
    const out: Record<string, unknown>[] = [];
    for (const item of items) {
      const expanded = one({ root: scope.root, data: present(item) });
      if (expanded) out.push(expanded);
    }
    return out.length === 0 ? null : out.length === 1 ? out[0] : out;
  };
}

/** `$when` / `$data`: must be a single `${expression}` (literal bindings are not compiled). */
function compileBinding(value: unknown): Evaluate {
  const whole = typeof value === 'string' ? WHOLE_EXPRESSION.exec(value) : null;
  if (!whole?.[1]) throw new Unsupported(String(value));
  return compileExpression(whole[1]);
}

function compileExpression(source: string): Evaluate {
  const expression = source.trim();
  const count = COUNT_POSITIVE.exec(expression);
  if (count?.[1]) {
    const path = compilePath(count[1]);
    return (scope) => {
      const list = path(scope);
      if (!Array.isArray(list)) throw new NotCompiled('count() of a non-array');
      return list.length > 0;
    };
  }
  const equals = EQUALS_LITERAL.exec(expression);
  if (equals?.[1] && equals[2] !== undefined) {
    const path = compilePath(equals[1]);
    const literal = equals[2];
    return (scope) => {
      const value = path(scope);
      if (typeof value !== 'string') throw new NotCompiled('== on a non-string');
      return value === literal;
    };
  }
  return compilePath(expression);
}

function compilePath(source: string): Evaluate {
  if (!PATH.test(source) || NOT_PATHS.has(source)) throw new Unsupported(source);
  const parts = source.split('.');
  const first = parts[0] ?? '';
  let start: (scope: Scope) => unknown = (scope) => scope.data;
  if (first.startsWith('$')) {
    if (first === '$root') start = (scope) => scope.root;
    else if (first !== '$data') throw new Unsupported(source);
    parts.shift();
  }
  const names = parts.map((name) => ({ name, lower: name.toLowerCase() }));
  return (scope) => {
    let value = start(scope);
    for (const { name, lower } of names) value = property(value, name, lower);
    return value;
  };
}

/** The engine's property access: the first own key equal to `name` ignoring case. */
function property(target: unknown, name: string, lower: string): unknown {
  if (typeof target !== 'object' || target === null || Array.isArray(target) || target instanceof Map) {
    throw new NotCompiled(`${name} looked up on a non-object`);
  }
  const record = target as Record<string, unknown>;
  // for-in visits own keys in Object.keys order (no array built); inherited ones only off plain objects.
  const plain = Object.getPrototypeOf(record) === Object.prototype;
  for (const key in record) {
    if (!plain && !Object.hasOwn(record, key)) continue;
    if (key === name || (key.length === name.length && key.toLowerCase() === lower)) return record[key];
  }
  return undefined;
}

/** The engine substitutes `${path}` for a missing value and keeps null: leave both to it. */
function present(value: unknown): unknown {
  if (value === undefined || value === null) throw new NotCompiled('missing or null value');
  return value;
}
