/**
 * `npm run build` (and, through scripts/start.mjs, the first step of `npm start`): bundles src/server.ts into build/server.js,
 * plain ESM for Node 20, so the server runs under `node` rather than the tsx loader (tsx compiles
 * every module at start and keeps its loader thread and source maps alive: ~70 MB of RSS and a
 * slower start). Packages stay external: they load from node_modules as before.
 *
 * Modules that find files next to themselves (`new URL('./static/', import.meta.url)`) keep
 * working: each bundled source file gets its own original file URL for `import.meta.url`, so
 * cards/, playground assets and the content pack are read from the checkout exactly as under tsx.
 *
 * Nothing is built when build/ is up to date: every file the last build read (esbuild's metafile),
 * this script and package-lock.json have the size and modification time recorded then
 * (build/inputs.json). `npm start` on a built tree then costs a stat per source file, not an esbuild run.
 */
import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import process, { argv } from 'node:process';
import { readFile, rm, stat, writeFile } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const requireFromRoot = createRequire(join(root, 'package.json'));
const INPUTS = join(root, 'build/inputs.json');
/** Read by every build besides what esbuild reports: a change to either means a new bundle. */
const ALWAYS = ['scripts/build.mjs', 'package-lock.json'];

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

/** esbuild is imported only when something is out of date: an up-to-date `npm start` never loads it. */
let esbuildLoaded;
const loadEsbuild = () => (esbuildLoaded ??= import('esbuild'));

async function fingerprint(file) {
  const s = await stat(join(root, file));
  return `${s.size}:${s.mtimeMs}`;
}

/** True when build/inputs.json lists the same inputs, unchanged, and the bundle is there. */
async function upToDate() {
  try {
    const recorded = JSON.parse(await readFile(INPUTS, 'utf8'));
    await stat(join(root, 'build/server.js'));
    const entries = Object.entries(recorded);
    if (entries.length === 0) return false;
    for (const [file, print] of entries) if ((await fingerprint(file)) !== print) return false;
    return true;
  } catch {
    return false; // no record, a file gone, or no bundle
  }
}


/**
 * The content pack's YAML, parsed once here (build/yaml-snapshot.json, see
 * src/core/content/yaml-snapshot.ts) so the server reads it back with JSON.parse at start. Made again
 * when any file under content/ changed (build/yaml-snapshot-inputs.json); a text edited since is
 * simply parsed at start. A pack that does not load leaves no snapshot: the server then reports its
 * problems itself.
 */
const CONTENT = join(root, 'content');
const SNAPSHOT_INPUTS = join(root, 'build/yaml-snapshot-inputs.json');

async function contentPrints() {
  const { readdir } = await import('node:fs/promises');
  const files = (await readdir(CONTENT, { recursive: true, withFileTypes: true }))
    .filter((d) => d.isFile())
    .map((d) => join(d.parentPath ?? d.path, d.name).slice(root.length + 1))
    .sort();
  const prints = {};
  for (const file of files) prints[file] = await fingerprint(file);
  return prints;
}

async function snapshotUpToDate() {
  try {
    const recorded = await readFile(SNAPSHOT_INPUTS, 'utf8');
    return recorded === JSON.stringify(await contentPrints());
  } catch {
    return false; // no record, or no content/ (a production build stage copies src/ only)
  }
}

async function snapshotYaml() {
  await rm(SNAPSHOT_INPUTS, { force: true });
  await rm(join(root, 'build/yaml-snapshot.json'), { force: true });
  const esbuild = await loadEsbuild().catch(() => undefined);
  if (!esbuild || !existsSync(CONTENT)) return;
  const writer = join(root, 'build/yaml-snapshot-writer.mjs');
  await esbuild.build({
    stdin: {
      contents: [
        "export { loadWholePack } from './src/core/content/checklists-and-digests.ts';",
        "export { writeYamlSnapshot } from './src/core/content/yaml-snapshot.ts';",
      ].join('\n'),
      resolveDir: root,
      loader: 'ts',
    },
    outfile: writer,
    bundle: true,
    platform: 'node',
    format: 'esm',
    target: 'node20',
    packages: 'external',
    plugins: [ownImportMetaUrl],
    banner: { js: "import { createRequire as __createRequire } from 'node:module'; const require = __createRequire(import.meta.url);" },
    logLevel: 'warning',
  });
  const prints = await contentPrints();
  const { loadWholePack, writeYamlSnapshot } = await import(pathToFileURL(writer).href);
  try {
    await writeYamlSnapshot(() => loadWholePack(CONTENT));
  } catch (error) {
    await rm(join(root, 'build/yaml-snapshot.json'), { force: true });
    process.stderr.write(`build: no YAML snapshot, the content pack did not load (${String(error?.message ?? error).split('\n')[0]})\n`);
    return;
  }
  await writeFile(SNAPSHOT_INPUTS, JSON.stringify(prints));
}

async function bundle() {
  // A production install (`npm ci --omit=dev`, as in the Docker image) has no esbuild: `npm start`
  // then runs the build/ made beforehand, rather than needing the dev dependencies.
  const esbuild = await loadEsbuild().catch((error) => {
    if (error?.code === 'ERR_MODULE_NOT_FOUND') return undefined;
    throw error;
  });
  if (!esbuild) {
    if (existsSync(join(root, 'build/server.js'))) {
      process.stderr.write('esbuild is not installed (a production install): starting the existing build/\n');
      return false;
    }
    process.stderr.write(
      'esbuild is not installed and there is no build/: run `npm ci` (with dev dependencies) first\n',
    );
    process.exit(1);
  }
  const { build } = esbuild;

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

  /**
   * teams-ai's Application requires its sign-in modules at load, and they require botbuilder-dialogs,
   * which loads the Microsoft recognizers (numbers, dates, choices in many languages): about a third
   * of the server's start-up CPU, for sign-in flows this bot never configures (no `authentication`
   * option). So Application and its own modules are bundled, and those requires become modules that
   * load the real thing on first use: the sign-in manager only if `authentication` is ever set,
   * botbuilder-dialogs only if a sign-in helper runs. The same for `./AI` (planners, moderators, the
   * OpenAI client, axios): Application constructs it only when given an `ai` option, which this bot
   * never passes. Everything else teams-ai requires stays external.
   */
  const teamsAiLib = dirname(requireFromRoot.resolve('@microsoft/teams-ai/lib/Application.js'));
  const ON_FIRST_USE = /^(?:\.\/authentication\/Authentication|\.\/Authentication|\.\/AI|botbuilder-dialogs)$/;
  const teamsAiSignInOnFirstUse = {
    name: 'teams-ai-sign-in-on-first-use',
    setup(b) {
      b.onResolve({ filter: /^@microsoft\/teams-ai\/lib\/(?:Application|TeamsAdapter)\.js$/ }, (args) => ({
        path: requireFromRoot.resolve(args.path),
      }));
      b.onResolve({ filter: ON_FIRST_USE }, (args) => {
        if (!args.importer.startsWith(teamsAiLib)) return undefined;
        const target = args.path.startsWith('.')
          ? requireFromRoot.resolve(join(dirname(args.importer), args.path))
          : args.path;
        return { path: target, namespace: 'on-first-use' };
      });
      b.onLoad({ filter: /.*/, namespace: 'on-first-use' }, (args) => ({
        contents: [
          'let loaded;',
          `const load = () => (loaded ??= __nodeRequire(${JSON.stringify(args.path)}));`,
          'module.exports = new Proxy({}, { get: (_target, key) => load()[key], has: (_target, key) => key in load() });',
        ].join('\n'),
        loader: 'js',
      }));
    },
  };

  /**
   * restify's index requires all its plugins at load (body parsers, throttles, http-signature and
   * sshpk for the authorization parser: about a third of restify's start-up), and its server requires
   * spdy; this server uses neither (no restify plugin, no `spdy` option). So those two files are
   * bundled with the plugins and spdy loaded on first use, and everything else they require is Node's
   * require of the very file restify would load (restify has its own pino, among others). An edit
   * not found in the file (a new restify) fails the build here.
   */
  const restifyLib = dirname(requireFromRoot.resolve('restify'));
  const RESTIFY_EDITS = {
    'index.js': [
      [
        "module.exports.plugins = require('./plugins');\nmodule.exports.pre = require('./plugins').pre;",
        "Object.defineProperty(module.exports, 'plugins', { enumerable: true, get: () => require('./plugins') });\n" +
          "Object.defineProperty(module.exports, 'pre', { enumerable: true, get: () => require('./plugins').pre });",
      ],
    ],
    'server.js': [
      ["var spdy = require('spdy');", "var spdy = { createServer: (options) => require('spdy').createServer(options) };"],
    ],
  };
  const restifyOnFirstUse = {
    name: 'restify-plugins-on-first-use',
    setup(b) {
      b.onResolve({ filter: /^restify$/ }, () => ({ path: join(restifyLib, 'index.js') }));
      const edited = new RegExp(`^${restifyLib.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}[\\\\/](?:index|server)\\.js$`);
      b.onLoad({ filter: edited }, async (args) => {
        let source = await readFile(args.path, 'utf8');
        for (const [from, to] of RESTIFY_EDITS[basename(args.path)]) {
          if (!source.includes(from)) throw new Error(`build: restify changed, ${basename(args.path)} no longer has: ${from}`);
          source = source.replace(from, to);
        }
        const requireHere = createRequire(args.path);
        source = source.replace(/require\('([^']+)'\)/g, (_, spec) => {
          const target = requireHere.resolve(spec);
          return edited.test(target) ? `require(${JSON.stringify(target)})` : `__nodeRequire(${JSON.stringify(target)})`;
        });
        return { contents: source, loader: 'js' };
      });
    },
  };

  // Code split: modules loaded with import() (Slack only when configured) get their own chunks, so
  // their packages are not imported at start. Old chunks go first (their names carry content hashes).
  await rm(INPUTS, { force: true });
  await rm(join(root, 'build/chunks'), { recursive: true, force: true });
  const result = await build({
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
    plugins: [ownImportMetaUrl, teamsAiModulesOnly, teamsAiSignInOnFirstUse, restifyOnFirstUse],
    // Turns on the derived snapshot (src/core/content/derived-snapshot.ts), keyed by this bundle.
    define: { __SG_BUNDLED__: 'true' },
    // The bundled teams-ai modules are CommonJS: their require() of external packages needs Node's.
    banner: {
      js: [
        "import { createRequire as __createRequire } from 'node:module';",
        'const require = __createRequire(import.meta.url);',
        'const __nodeRequire = require;',
      ].join(' '),
    },
    logLevel: 'warning',
    metafile: true,
  absWorkingDir: root, // metafile paths relative to the repo, whatever the caller's cwd
  });
  const files = [...ALWAYS, ...Object.keys(result.metafile.inputs).filter((f) => !f.includes(':'))];
  const record = {};
  for (const file of files) record[file] = await fingerprint(file);
  await writeFile(INPUTS, JSON.stringify(record, null, 1));
  return true;
}

/**
 * Builds what is out of date. Without esbuild (a production install) it leaves build/ as it is,
 * YAML snapshot included. esbuild's service process is stopped afterwards: under `npm start` the
 * server runs on in this process and has no use for it.
 */
export async function ensureBuilt({ force = false } = {}) {
  if ((force || !(await upToDate())) && !(await bundle())) return;
  if (force || !(await snapshotUpToDate())) await snapshotYaml();
  if (esbuildLoaded) await esbuildLoaded.then((esbuild) => esbuild.stop(), () => undefined);
}

if (argv[1] && import.meta.url === pathToFileURL(argv[1]).href) await ensureBuilt({ force: argv.includes('--force') });
