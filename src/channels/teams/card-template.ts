import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import type { Template } from 'adaptivecards-templating';
import { compileTemplate, NotCompiled } from './card-compiler.js';

/** The repo's `cards/` folder, next to `src/`. */
const CARDS_DIR = new URL('../../../cards/', import.meta.url);

interface LoadedTemplate {
  json: unknown;
  /** The templating engine's Template, built on first use only (see engine()). */
  engine?: Template;
  /** The same template compiled to functions; undefined if it uses syntax the compiler leaves to the engine. */
  compiled?: (root: object) => unknown;
}

const cache = new Map<string, LoadedTemplate>();

/** A card template from `cards/{name}.json`, parsed and compiled once. */
function template(name: string): LoadedTemplate {
  let t = cache.get(name);
  if (!t) {
    const json: unknown = JSON.parse(readFileSync(new URL(`${name}.json`, CARDS_DIR), 'utf8'));
    t = { json, compiled: compileTemplate(json) };
    cache.set(name, t);
  }
  return t;
}

export type AdaptiveCardJson = {
  type: 'AdaptiveCard';
  version: string;
  body: unknown[];
  actions?: unknown[];
} & Record<string, unknown>;

/**
 * Binds `data` to a template. Data values are inserted as values, never parsed as template
 * expressions, so user text such as `${...}` stays literal. Every expression a template uses must
 * be present in `data`: the engine leaves unresolved expressions in place as text.
 */
export function expandCard(name: string, data: object): AdaptiveCardJson {
  const t = template(name);
  if (t.compiled) {
    try {
      return t.compiled(data) as AdaptiveCardJson;
    } catch (error) {
      if (!(error instanceof NotCompiled)) throw error;
    }
  }
  return expandWithEngine(name, data);
}

/** The templating engine itself (the reference the compiled path is tested against). */
export function expandWithEngine(name: string, data: object): AdaptiveCardJson {
  const t = template(name);
  t.engine ??= new (engine().Template)(t.json);
  return t.engine.expand({ $root: data }) as AdaptiveCardJson;
}

let templating: typeof import('adaptivecards-templating') | undefined;

/**
 * adaptivecards-templating (with adaptive-expressions and its parser) costs ~5 MB of heap and a
 * noticeable start-up time; with our templates compiled it is only needed for a fallback, so it is
 * loaded (synchronously: it is CommonJS) the first time one happens.
 */
function engine(): typeof import('adaptivecards-templating') {
  templating ??= createRequire(import.meta.url)(
    'adaptivecards-templating',
  ) as typeof import('adaptivecards-templating');
  return templating;
}

/** Whether `cards/{name}.json` binds through the compiled path (tests assert ours does). */
export function isCompiled(name: string): boolean {
  return template(name).compiled !== undefined;
}
