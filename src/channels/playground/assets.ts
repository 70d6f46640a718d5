import { readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';

export interface Asset {
  type: string;
  /** Undefined when the file is missing (e.g. dev dependencies not installed). */
  load(): Promise<Buffer | undefined>;
}

const STATIC = new URL('./static/', import.meta.url);
const require = createRequire(import.meta.url);

/** Read once on first request, then served from memory. */
function cached(read: () => Promise<Buffer>, type: string): Asset {
  let content: Promise<Buffer | undefined> | undefined;
  return {
    type,
    load: () => (content ??= read().catch(() => undefined)),
  };
}

function staticFile(name: string, type: string): Asset {
  return cached(() => readFile(new URL(name, STATIC)), type);
}

/** The Adaptive Cards renderer's browser bundle, served from node_modules (no CDN: the page works offline). */
function packageFile(specifier: string, type: string): Asset {
  return cached(async () => readFile(require.resolve(specifier)), type);
}

const JS = 'text/javascript; charset=utf-8';

/** Everything the page loads, by the name it is served under `/playground/`. */
export const ASSETS: Record<string, Asset> = {
  'playground.js': staticFile('playground.js', JS),
  'playground.css': staticFile('playground.css', 'text/css; charset=utf-8'),
  'admin.js': staticFile('admin.js', JS),
  'admin.css': staticFile('admin.css', 'text/css; charset=utf-8'),
  'host-config.json': staticFile('host-config.json', 'application/json; charset=utf-8'),
  'adaptivecards.js': packageFile('adaptivecards/dist/adaptivecards.min.js', JS),
  'adaptivecards.css': packageFile('adaptivecards/dist/adaptivecards.css', 'text/css; charset=utf-8'),
};

export const PAGE = staticFile('index.html', 'text/html; charset=utf-8');
export const ADMIN_PAGE = staticFile('admin.html', 'text/html; charset=utf-8');
