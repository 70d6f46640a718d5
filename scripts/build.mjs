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
import { readFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { build } from 'esbuild';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');

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

await build({
  entryPoints: [join(root, 'src/server.ts')],
  outfile: join(root, 'build/server.js'),
  bundle: true,
  platform: 'node',
  format: 'esm',
  target: 'node20',
  packages: 'external',
  sourcemap: 'linked',
  plugins: [ownImportMetaUrl],
  logLevel: 'warning',
});
