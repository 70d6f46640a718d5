import { readFileSync } from 'node:fs';
import { Template } from 'adaptivecards-templating';
import { compileTemplate, NotCompiled } from './card-compiler.js';

/** The repo's `cards/` folder, next to `src/`. */
const CARDS_DIR = new URL('../../../cards/', import.meta.url);

interface LoadedTemplate {
  engine: Template;
  /** The same template compiled to functions; undefined if it uses syntax the compiler leaves to the engine. */
  compiled?: (root: object) => unknown;
}

const cache = new Map<string, LoadedTemplate>();

/** A card template from `cards/{name}.json`, parsed and compiled once. */
function template(name: string): LoadedTemplate {
  let t = cache.get(name);
  if (!t) {
    const json: unknown = JSON.parse(readFileSync(new URL(`${name}.json`, CARDS_DIR), 'utf8'));
    t = { engine: new Template(json), compiled: compileTemplate(json) };
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
  return template(name).engine.expand({ $root: data }) as AdaptiveCardJson;
}

/** Whether `cards/{name}.json` binds through the compiled path (tests assert ours does). */
export function isCompiled(name: string): boolean {
  return template(name).compiled !== undefined;
}
