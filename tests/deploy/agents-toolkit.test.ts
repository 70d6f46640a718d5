import { spawn } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { existsSync } from 'node:fs';
import { mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { AppManifestUtils } from '@microsoft/app-manifest';
import { parse } from 'yaml';
import { describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/config.js';
import { all, parseDockerfile } from '../helpers/dockerfile.js';

/**
 * The Microsoft 365 Agents Toolkit layout, checked as the toolkit would read it: each m365agents*.yml
 * with its env/.env.* file, the ARM parameter files and Bicep outputs it chains, the manifest it
 * validates, and the VS Code launch and task entries that drive it. Then `npm run playground:agents`
 * is started for real.
 */
const REPO = new URL('../../', import.meta.url).pathname;
const PLACEHOLDER = /\$\{\{([A-Za-z0-9_]+)\}\}/g;

type Action = {
  uses: string;
  with?: Record<string, unknown>;
  writeToEnvironmentFile?: Record<string, string>;
};
type Project = { version: string; environmentFolderPath?: string } & Partial<
  Record<'provision' | 'deploy' | 'publish', Action[]>
>;

const read = (path: string) => readFile(join(REPO, path), 'utf8');
const placeholders = (text: string) => [...text.matchAll(PLACEHOLDER)].map((m) => m[1]!);

async function envFile(name: string): Promise<Map<string, string>> {
  const entries = (await read(`env/${name}`))
    .split('\n')
    .filter((l) => l.trim() && !l.trim().startsWith('#'))
    .map((l) => {
      const at = l.indexOf('=');
      return [l.slice(0, at).trim(), l.slice(at + 1).trim()] as const;
    });
  return new Map(entries);
}

/** What a Bicep file declares: params (with or without a default), outputs and resource types. */
function bicep(text: string) {
  const params = new Map(
    [...text.matchAll(/^param (\w+) \w+( = .+)?$/gm)].map((m) => [m[1]!, m[2] !== undefined] as const),
  );
  const outputs = [...text.matchAll(/^output (\w+) /gm)].map((m) => m[1]!);
  const types = [...text.matchAll(/^resource \w+ '([^@']+)@/gm)].map((m) => m[1]!);
  return { params, outputs, types };
}

/** The operator fills these in env/.env.* (the toolkit asks for the Azure ones): not written by any step. */
const OPERATOR_SET = new Set([
  'APP_DEVELOPER_NAME',
  'APP_WEBSITE_URL',
  'APP_PRIVACY_URL',
  'APP_TERMS_URL',
  'AZURE_SUBSCRIPTION_ID',
  'AZURE_RESOURCE_GROUP_NAME',
  'RESOURCE_SUFFIX',
  'ADMIN_USERS',
]);

/**
 * Walks a project's lifecycle in order and returns every variable used before anything defined it:
 * a non-empty value in the env file, an earlier step's output (writeToEnvironmentFile, Bicep outputs,
 * `::set-teamsfx-env`), a value written before provisioning (the dev tunnel), or one the operator sets.
 */
async function undefinedVariables(project: Project, env: Map<string, string>, before: string[] = []) {
  const known = new Set([...before, ...[...env].filter(([, v]) => v !== '').map(([k]) => k)]);
  const missing: string[] = [];
  for (const stage of ['provision', 'deploy', 'publish'] as const) {
    for (const action of project[stage] ?? []) {
      let used = placeholders(JSON.stringify(action.with ?? {}));
      const manifestPath = action.with?.manifestPath;
      if (typeof manifestPath === 'string') used.push(...placeholders(await read(manifestPath)));
      const written: string[] = Object.values(action.writeToEnvironmentFile ?? {});
      if (action.uses === 'arm/deploy') {
        for (const t of (action.with?.templates ?? []) as { path: string; parameters: string }[]) {
          used.push(...placeholders(await read(t.parameters)));
          written.push(...bicep(await read(t.path)).outputs);
        }
      }
      written.push(
        ...[...JSON.stringify(action.with ?? {}).matchAll(/::set-teamsfx-env (\w+)=/g)].map((m) => m[1]!),
      );
      used = used.filter((v) => !known.has(v) && !(OPERATOR_SET.has(v) && env.has(v)));
      missing.push(...used.map((v) => `${stage} ${action.uses}: ${v}`));
      for (const w of written) known.add(w);
    }
  }
  return missing;
}

async function project(file: string): Promise<Project> {
  return parse(await read(file)) as Project;
}

async function tasks() {
  return JSON.parse(await read('.vscode/tasks.json')) as {
    tasks: {
      label: string;
      type?: string;
      command?: string;
      dependsOn?: string[];
      args?: { ports?: { portNumber: number; writeToEnvironmentFile?: Record<string, string> }[] };
      options?: { env?: Record<string, string> };
    }[];
  };
}

describe('Agents Toolkit projects', () => {
  it('the three project files are one schema version, with the env folder and files each one reads', async () => {
    const files = ['m365agents.yml', 'm365agents.local.yml', 'm365agents.playground.yml'];
    const versions = await Promise.all(files.map(async (f) => (await project(f)).version));
    expect(new Set(versions).size).toBe(1);
    expect((await project('m365agents.yml')).environmentFolderPath).toBe('./env');
    for (const env of ['.env.dev', '.env.local', '.env.playground'])
      expect((await envFile(env)).get('TEAMSFX_ENV')).toBe(env.slice('.env.'.length));
  });

  it('every path a step reads exists', async () => {
    for (const file of ['m365agents.yml', 'm365agents.local.yml', 'm365agents.playground.yml']) {
      const p = await project(file);
      for (const action of [...(p.provision ?? []), ...(p.deploy ?? []), ...(p.publish ?? [])]) {
        const paths = [
          action.with?.manifestPath,
          ...((action.with?.templates ?? []) as { path: string; parameters: string }[]).flatMap((t) => [
            t.path,
            t.parameters,
          ]),
        ].filter((x): x is string => typeof x === 'string');
        for (const path of paths) expect(existsSync(join(REPO, path)), `${file}: ${path}`).toBe(true);
      }
    }
  });

  it('dev (Azure): every ${{…}} in the steps, the manifest and the ARM parameters is defined before use', async () => {
    expect(await undefinedVariables(await project('m365agents.yml'), await envFile('.env.dev'))).toEqual([]);
  });

  it('local (Debug in Teams): the same, with the dev tunnel writing the bot endpoint and domain first', async () => {
    const tunnel = (await tasks()).tasks.find((t) => t.command === 'debug-start-local-tunnel');
    const tunnelWrites = Object.values(tunnel?.args?.ports?.[0]?.writeToEnvironmentFile ?? {});
    expect(tunnelWrites.sort()).toEqual(['BOT_DOMAIN', 'BOT_ENDPOINT']);
    expect(
      await undefinedVariables(
        await project('m365agents.local.yml'),
        await envFile('.env.local'),
        tunnelWrites,
      ),
    ).toEqual([]);
  });

  it('playground: nothing to provision, and nothing undefined', async () => {
    const p = await project('m365agents.playground.yml');
    expect(p.provision).toBeUndefined();
    expect(await undefinedVariables(p, await envFile('.env.playground'))).toEqual([]);
  });

  it('the committed env files hold no secret, and the generated ones are git-ignored', async () => {
    for (const env of ['.env.dev', '.env.local', '.env.playground'])
      expect([...(await envFile(env)).keys()].filter((k) => k.startsWith('SECRET_'))).toEqual([]);
    const ignored = await read('.gitignore');
    for (const pattern of ['env/.env.*.user', '.localConfigs']) expect(ignored).toContain(pattern);
  });

  it('the server started by "Debug in Teams" gets settings its configuration accepts', async () => {
    const local = await project('m365agents.local.yml');
    const generated = (local.deploy ?? []).find((a) => a.uses === 'file/createOrUpdateEnvironmentFile');
    expect(generated?.with?.target).toBe('./.localConfigs');
    const envs = generated!.with!.envs as Record<string, string | number>;
    const filled = Object.fromEntries(
      Object.entries(envs).map(([k, v]) => [k, String(v).replace(PLACEHOLDER, () => randomUUID())]),
    );
    const config = loadConfig({ ...filled, DATA_DIR: join(tmpdir(), 'unused') }, REPO);
    expect(config.localMode).toBe(false);
    expect(config.microsoft).toMatchObject({ appType: filled.MicrosoftAppType });
    const pkg = JSON.parse(await read('package.json')) as { scripts: Record<string, string> };
    expect(pkg.scripts['dev:teams']).toContain('--env-file=.localConfigs');
  });
});

describe('infra/ (Bicep)', () => {
  it('every ARM parameter is a Bicep param, and every param without a default gets a value', async () => {
    for (const name of ['registry', 'azure']) {
      const declared = bicep(await read(`infra/${name}.bicep`)).params;
      const given = Object.keys(
        (JSON.parse(await read(`infra/${name}.parameters.json`)) as { parameters: object }).parameters,
      );
      for (const g of given) expect(declared.has(g), `${name}: ${g}`).toBe(true);
      for (const [param, hasDefault] of declared)
        if (!hasDefault) expect(given, `${name}: ${param}`).toContain(param);
    }
  });

  it('registers an Azure Bot with the Teams channel at the Container App /api/messages', async () => {
    const text = await read('infra/azure.bicep');
    const { types, outputs } = bicep(text);
    expect(types).toEqual(
      expect.arrayContaining([
        'Microsoft.BotService/botServices',
        'Microsoft.BotService/botServices/channels',
        'Microsoft.App/containerApps',
        'Microsoft.ManagedIdentity/userAssignedIdentities',
      ]),
    );
    expect(text).toMatch(
      /endpoint: 'https:\/\/\$\{app\.properties\.configuration\.ingress\.fqdn\}\/api\/messages'/,
    );
    expect(text).toContain("channelName: 'MsTeamsChannel'");
    expect(outputs).toEqual(
      expect.arrayContaining(['BOT_ID', 'BOT_DOMAIN', 'AZURE_CONTAINER_APP_RESOURCE_ID']),
    );
  });

  it('runs the image as the Dockerfile and the configuration expect it', async () => {
    const text = await read('infra/azure.bicep');
    const runtime = parseDockerfile(await read('Dockerfile')).at(-1)!;
    expect(/^var port = (\d+)$/m.exec(text)?.[1]).toBe(all(runtime, 'EXPOSE')[0]);
    expect(/^var dataDir = '([^']+)'$/m.exec(text)?.[1]).toBe(
      /DATA_DIR=(\S+)/.exec(all(runtime, 'ENV').join(' '))?.[1],
    );
    expect(text).toMatch(/path: '\/healthz'/);
    const env = Object.fromEntries(
      [...text.matchAll(/name: '(\w+)'\s+value: ([^\n]+)/g)].map((m) => [m[1]!, m[2]!.trim()]),
    );
    expect(Object.keys(env)).toEqual([
      'MicrosoftAppType',
      'MicrosoftAppId',
      'MicrosoftAppTenantId',
      'ADMIN_USERS',
      'ALLOWED_TENANTS',
      'DATA_DIR',
    ]);
    // Only the listed organisations are served; by default the deployment's own tenant.
    expect(text).toMatch(/param allowedTenants string = tenant\(\)\.tenantId/);
    expect(env.MicrosoftAppType).toBe("'UserAssignedMSI'");
    expect(text).toContain("msaAppType: 'UserAssignedMSI'");
    // The settings the Container App gives the server start it with Bot Framework auth on.
    const config = loadConfig(
      {
        MicrosoftAppType: 'UserAssignedMSI',
        MicrosoftAppId: randomUUID(),
        MicrosoftAppTenantId: randomUUID(),
        ADMIN_USERS: '',
        ALLOWED_TENANTS: randomUUID(),
        DATA_DIR: '/data',
      },
      REPO,
    );
    expect(config.localMode).toBe(false);
    expect(config.host).toBe('0.0.0.0');
    expect(config.port).toBe(Number(all(runtime, 'EXPOSE')[0]));
  });
});

describe('VS Code launch and tasks', () => {
  it('"Debug in Microsoft 365 Agents Playground" and "Debug in Teams" start tasks and configurations that exist', async () => {
    const launch = JSON.parse(await read('.vscode/launch.json')) as {
      configurations: { name: string; port?: number }[];
      compounds: { name: string; configurations: string[]; preLaunchTask: string }[];
    };
    const { tasks: list } = await tasks();
    const labels = new Set(list.map((t) => t.label));
    const names = launch.compounds.map((c) => c.name);
    expect(names).toContain('Debug in Microsoft 365 Agents Playground');
    expect(names.some((n) => n.startsWith('Debug in Teams'))).toBe(true);
    const configurations = new Set(launch.configurations.map((c) => c.name));
    for (const compound of launch.compounds) {
      expect(labels.has(compound.preLaunchTask), compound.preLaunchTask).toBe(true);
      for (const c of compound.configurations) expect(configurations.has(c), c).toBe(true);
    }
    for (const task of list) for (const d of task.dependsOn ?? []) expect(labels.has(d), d).toBe(true);

    const pkg = JSON.parse(await read('package.json')) as { scripts: Record<string, string> };
    for (const task of list.filter((t) => t.type === 'shell')) {
      const script = /^npm run ([\w:-]+)$/.exec(task.command ?? '')?.[1];
      expect(script && pkg.scripts[script], task.command).toBeTruthy();
    }
    // The debugger attaches where both ways of starting the bot open the inspector.
    const attach = launch.configurations.find((c) => c.name === 'Attach to Local Service');
    expect(pkg.scripts['dev:teams']).toContain(`--inspect=127.0.0.1:${attach?.port}`);
    const playgroundTask = list.find((t) => t.command === 'npm run playground:agents');
    expect(playgroundTask?.options?.env?.INSPECT_PORT).toBe(String(attach?.port));
  });
});

describe('Teams manifest', () => {
  it('is at the newest schema version the offline validator bundles', async () => {
    const bundled = await readdir(
      join(REPO, 'node_modules/@microsoft/app-manifest/build/json-schemas/teams'),
    );
    const newest = bundled
      .map((d) => /^v1\.(\d+)$/.exec(d)?.[1])
      .filter((n): n is string => n !== undefined)
      .map(Number)
      .sort((a, b) => b - a)[0];
    const manifest = JSON.parse(await read('appPackage/manifest.json')) as Record<string, unknown>;
    expect(manifest.manifestVersion).toBe(`1.${newest}`);
    expect(manifest.$schema).toBe(
      `https://developer.microsoft.com/en-us/json-schemas/teams/v1.${newest}/MicrosoftTeams.schema.json`,
    );
    // Placeholders filled as the toolkit would; the schema check itself runs offline.
    const filled = JSON.parse(
      JSON.stringify(manifest).replace(PLACEHOLDER, (_m, name: string) =>
        name.endsWith('_URL')
          ? 'https://partnership.example/'
          : name.endsWith('_ID')
            ? randomUUID()
            : name === 'BOT_DOMAIN'
              ? 'guide.partnership.example'
              : 'Example Partnership',
      ),
    ) as never;
    expect(await AppManifestUtils.validateAgainstSchema(filled)).toEqual([]);
  });
});

describe('npm run playground:agents', { timeout: 120_000 }, () => {
  it('starts the bot and Microsoft 365 Agents Playground together, and stops both', async () => {
    const pkg = JSON.parse(await read('package.json')) as { scripts: Record<string, string> };
    expect(pkg.scripts['playground:agents']).toBe('node scripts/playground-agents.mjs');
    const dataDir = await mkdtemp(join(tmpdir(), 'sg-agents-'));
    // The script itself (what npm runs), so the signal below reaches it and not a whole process group.
    const child = spawn(process.execPath, ['scripts/playground-agents.mjs'], {
      cwd: REPO,
      env: {
        PATH: process.env.PATH ?? '',
        HOME: process.env.HOME ?? tmpdir(),
        PORT: '0',
        TEAMSAPPTESTER_PORT: '0',
        TEAMSAPPTESTER_BROWSER: 'none',
        DATA_DIR: dataDir,
      },
      stdio: ['ignore', 'pipe', 'pipe'],
      detached: true,
    });
    let out = '';
    const closed = new Promise<void>((resolve) => child.once('close', () => resolve()));
    try {
      const [botUrl, playgroundPort] = await new Promise<[string, string]>((resolve, reject) => {
        const timer = setTimeout(() => reject(new Error(`not started:\n${out.slice(-3000)}`)), 90_000);
        const onData = (c: Buffer) => {
          out += c.toString('utf8');
          const bot = /Safeguarding Guide listening on (http:\/\/127\.0\.0\.1:\d+)/.exec(out)?.[1];
          const port = /Listening on (\d+)/.exec(out)?.[1];
          if (bot && port) {
            clearTimeout(timer);
            resolve([bot, port]);
          }
        };
        child.stdout.on('data', onData);
        child.stderr.on('data', onData);
        child.once('close', () => reject(new Error(`exited:\n${out.slice(-3000)}`)));
      });
      expect((await fetch(`${botUrl}/healthz`)).status).toBe(200);
      const page = await fetch(`http://127.0.0.1:${playgroundPort}/`);
      expect(page.status).toBe(200);
      expect(page.headers.get('content-type')).toMatch(/text\/html/);
      // Only the script is signalled (as Ctrl+C or a task's stop would): it stops the bot and the playground.
      process.kill(child.pid!, 'SIGTERM');
      await closed;
      // Both are gone: nothing answers on either port any more.
      await expect(fetch(`${botUrl}/healthz`)).rejects.toThrow();
      await expect(fetch(`http://127.0.0.1:${playgroundPort}/`)).rejects.toThrow();
    } finally {
      try {
        process.kill(-child.pid!, 'SIGKILL');
      } catch {
        // already stopped
      }
      await rm(dataDir, { recursive: true, force: true });
    }
  });
});
