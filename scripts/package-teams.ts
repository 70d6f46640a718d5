/**
 * `npm run package:teams`: fills the manifest placeholders from the environment, validates the result
 * against the bundled Teams manifest schema (offline) and the icon rules, and writes
 * build/appPackage.zip (manifest.json, color.png, outline.png at the zip root) for upload to Teams.
 *
 * Environment: TEAMS_APP_ID and BOT_ID (GUIDs; BOT_ID is the bot's MicrosoftAppId), BOT_DOMAIN (host
 * name of the bot's public HTTPS endpoint, no scheme), APP_DEVELOPER_NAME, APP_WEBSITE_URL,
 * APP_PRIVACY_URL, APP_TERMS_URL (https URLs of your organisation's pages).
 */
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { pathToFileURL } from 'node:url';
import { AppManifestUtils } from '@microsoft/app-manifest';
import { zipSync } from 'fflate';
import { PNG } from 'pngjs';

const ROOT = new URL('../', import.meta.url);
const PLACEHOLDER = /\$\{\{([A-Z0-9_]+)\}\}/g;
const GUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const HOST = /^(?=.{1,253}$)([a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?\.)+[a-z]{2,63}$/i;

const RULES: Record<string, (v: string) => string | undefined> = {
  TEAMS_APP_ID: (v) => (GUID.test(v) ? undefined : 'must be a GUID'),
  BOT_ID: (v) => (GUID.test(v) ? undefined : "must be a GUID (the bot's MicrosoftAppId)"),
  BOT_DOMAIN: (v) =>
    HOST.test(v) ? undefined : 'must be a host name such as bot.example.org (no https://, no path)',
  APP_WEBSITE_URL: httpsUrl,
  APP_PRIVACY_URL: httpsUrl,
  APP_TERMS_URL: httpsUrl,
};

function httpsUrl(v: string): string | undefined {
  try {
    return new URL(v).protocol === 'https:' ? undefined : 'must be an https:// URL';
  } catch {
    return 'must be an https:// URL';
  }
}

export const ICONS = { 'color.png': 192, 'outline.png': 32 } as const;

export interface PackageResult {
  zipPath: string;
  manifest: Record<string, unknown>;
}

/** Fills `${{NAME}}` placeholders; every problem is collected and reported together. */
export function fillManifest(template: string, env: NodeJS.ProcessEnv): { text: string; problems: string[] } {
  const problems: string[] = [];
  const names = [...new Set([...template.matchAll(PLACEHOLDER)].map((m) => m[1] ?? ''))];
  for (const name of names) {
    const value = env[name]?.trim();
    if (!value) problems.push(`${name} is not set`);
    else {
      const problem = RULES[name]?.(value);
      if (problem) problems.push(`${name} ${problem}`);
    }
  }
  // JSON-escape the values: they are placed inside JSON strings.
  const text = template.replace(PLACEHOLDER, (_m, name: string) =>
    JSON.stringify(env[name]?.trim() ?? '').slice(1, -1),
  );
  return { text, problems };
}

export async function iconProblems(dir: URL): Promise<string[]> {
  const problems: string[] = [];
  for (const [file, size] of Object.entries(ICONS)) {
    const png = PNG.sync.read(await readFile(new URL(file, dir)));
    if (png.width !== size || png.height !== size)
      problems.push(`${file} is ${png.width}×${png.height}, expected ${size}×${size}`);
    if (file === 'outline.png') {
      for (let i = 0; i < png.data.length; i += 4) {
        const [r, g, b, a] = [png.data[i], png.data[i + 1], png.data[i + 2], png.data[i + 3]];
        if (a !== 0 && (r !== 255 || g !== 255 || b !== 255)) {
          problems.push('outline.png must be white on a transparent background');
          break;
        }
      }
    }
  }
  return problems;
}

export async function packageTeamsApp(
  env: NodeJS.ProcessEnv,
  outDir = new URL('build/', ROOT),
): Promise<PackageResult> {
  const dir = new URL('appPackage/', ROOT);
  const { text, problems } = fillManifest(await readFile(new URL('manifest.json', dir), 'utf8'), env);
  if (problems.length) throw new Error(`Cannot package the Teams app:\n  - ${problems.join('\n  - ')}`);
  const manifest = JSON.parse(text) as Record<string, unknown>;
  // Validates against the schema bundled with @microsoft/app-manifest for manifest.$schema (no network).
  const schemaErrors = await AppManifestUtils.validateAgainstSchema(manifest as never);
  const errors = [...schemaErrors, ...(await iconProblems(dir))];
  if (errors.length) throw new Error(`The Teams app manifest is invalid:\n  - ${errors.join('\n  - ')}`);
  const zip = zipSync({
    'manifest.json': new TextEncoder().encode(JSON.stringify(manifest, null, 2)),
    'color.png': new Uint8Array(await readFile(new URL('color.png', dir))),
    'outline.png': new Uint8Array(await readFile(new URL('outline.png', dir))),
  });
  await mkdir(outDir, { recursive: true });
  const zipUrl = new URL('appPackage.zip', outDir);
  await writeFile(zipUrl, zip);
  return { zipPath: zipUrl.pathname, manifest };
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  packageTeamsApp(process.env).then(
    (r) => console.log(`Wrote ${r.zipPath}: upload it in Teams (Apps → Manage your apps → Upload an app).`),
    (error: unknown) => {
      console.error(error instanceof Error ? error.message : String(error));
      process.exit(1);
    },
  );
}
