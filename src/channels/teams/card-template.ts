import { readFileSync } from 'node:fs';
import { Template } from 'adaptivecards-templating';

/** The repo's `cards/` folder, next to `src/`. */
const CARDS_DIR = new URL('../../../cards/', import.meta.url);

const cache = new Map<string, Template>();

/** A card template from `cards/{name}.json`, parsed once. */
function template(name: string): Template {
  let t = cache.get(name);
  if (!t) {
    t = new Template(JSON.parse(readFileSync(new URL(`${name}.json`, CARDS_DIR), 'utf8')));
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
  return template(name).expand({ $root: data }) as AdaptiveCardJson;
}
