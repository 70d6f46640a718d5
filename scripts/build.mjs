/**
 * `npm run build` (and the first step of `npm start`): bundles src/server.ts into build/server.js,
 * plain ESM for Node 20, so the server runs under `node` rather than the tsx loader (tsx compiles
 * every module at start and keeps its loader thread and source maps alive: ~70 MB of RSS and a
 * slower start). Packages stay external: they load from node_modules as before.
 *
 * Modules that find files next to themselves (`new URL('./static/', import.meta.url)`) keep
 * working: each bundled source file gets its own original file URL for `import.meta.url`, so
 * cards/, playground assets and the content pack are read from the checkout exactly as under tsx.
 */
import { existsSync } from 'node:fs';
import { readFile, rm } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import process from 'node:process';
import { fileURLToPath, pathToFileURL } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');

// A production install (`npm ci --omit=dev`, as in the Docker image) has no esbuild: `npm start` then
// runs the build/ made beforehand, rather than needing the dev dependencies.
const esbuild = await import('esbuild').catch((error) => {
  if (error?.code === 'ERR_MODULE_NOT_FOUND') return undefined;
  throw error;
});
if (!esbuild) {
  if (existsSync(join(root, 'build/server.js'))) {
    process.stderr.write('esbuild is not installed (a production install): starting the existing build/\n');
    process.exit(0);
  }
  process.stderr.write(
    'esbuild is not installed and there is no build/: run `npm ci` (with dev dependencies) first\n',
  );
  process.exit(1);
}
const { build } = esbuild;

/** Replaces `import.meta.url` in each of our source files with that file's own URL. */
const ownImportMetaUrl = {
  name: 'own-import-meta-url',
  setup(b) {
    b.onLoad({ filter: /[\\/]src[\\/].*\.ts$/ }, async (args) => {
      const source = await readFile(args.path, 'utf8');
      return {
        contents: source.replaceAll('import.meta.url', JSON.stringify(pathToFileURL(args.path).href)),
        loader: 'ts',
      };
    });
  },
};

/**
 * `@microsoft/teams-ai`'s index loads every module of the package (AI planners, OpenAI and Azure
 * clients, tokenizers: ~11 MB of heap, ~15 MB of RSS at start). The server uses two classes from it:
 * import just their modules. Type-only imports are erased; a new value import of anything else fails
 * the build here ("No matching export") until it is added to this list.
 */
const TEAMS_AI_USED = {
  Application: '@microsoft/teams-ai/lib/Application.js',
  TeamsAdapter: '@microsoft/teams-ai/lib/TeamsAdapter.js',
};
const teamsAiModulesOnly = {
  name: 'teams-ai-modules-only',
  setup(b) {
    b.onResolve({ filter: /^@microsoft\/teams-ai$/ }, () => ({
      path: 'teams-ai',
      namespace: 'teams-ai-used',
    }));
    b.onLoad({ filter: /.*/, namespace: 'teams-ai-used' }, () => ({
      contents: Object.entries(TEAMS_AI_USED)
        .map(([name, module]) => `export { ${name} } from ${JSON.stringify(module)};`)
        .join('\n'),
      resolveDir: root,
      loader: 'js',
    }));
  },
};

// Code split: modules loaded with import() (Slack only when configured) get their own chunks, so
// their packages are not imported at start. Old chunks go first (their names carry content hashes).
await rm(join(root, 'build/chunks'), { recursive: true, force: true });
await build({
  entryPoints: { server: join(root, 'src/server.ts') },
  outdir: join(root, 'build'),
  splitting: true,
  chunkNames: 'chunks/[name]-[hash]',
  bundle: true,
  platform: 'node',
  format: 'esm',
  target: 'node20',
  packages: 'external',
  sourcemap: 'linked',
  plugins: [ownImportMetaUrl, teamsAiModulesOnly],
  logLevel: 'warning',
});
