import { spawn } from 'node:child_process';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadConfig } from '../src/config.js';
import { CodedError } from '../src/core/errors.js';

const REPO = new URL('../', import.meta.url).pathname;
const APP_ID = '11111111-2222-3333-4444-555555555555';
const TENANT_ID = '99999999-8888-7777-6666-555555555555';
const TEAMS_ADMIN = '00000000-0000-0000-0000-0000000000a1';
const SERVED = { ALLOWED_TENANTS: TENANT_ID };
const OAUTH = {
  SLACK_CLIENT_ID: '1234.5678',
  SLACK_CLIENT_SECRET: 'client-secret',
  SLACK_STATE_SECRET: 'a-state-secret-of-at-least-32-characters',
};

/** The problem lines of the error loadConfig throws for `env` (empty when it does not throw). */
function problemsOf(env: Record<string, string>): string[] {
  try {
    // Production needs ALLOWED_TENANTS: given here unless the case is about it.
    loadConfig({ ...SERVED, ...env }, '/srv/bot');
    return [];
  } catch (error) {
    expect(error).toBeInstanceOf(CodedError);
    const coded = error as CodedError;
    expect(coded.code).toBe('bad_input');
    const [head, ...lines] = coded.message.split('\n');
    expect(head).toBe(
      `Invalid environment (${lines.length === 1 ? '1 problem' : `${lines.length} problems`}):`,
    );
    for (const line of lines) expect(line).toMatch(/^ {2}- \S/);
    return lines.map((l) => l.replace(/^ {2}- /, ''));
  }
}

/** Each bad environment alone gives exactly one problem line, naming the variable and the fix. */
const ALONE: { name: string; env: Record<string, string>; line: RegExp }[] = [
  {
    name: 'PORT not a number',
    env: { PORT: 'eighty' },
    line: /^PORT is "eighty": set a whole number from 0 to 65535/,
  },
  { name: 'PORT out of range', env: { PORT: '70000' }, line: /^PORT is "70000": set a whole number/ },
  { name: 'PORT fractional', env: { PORT: '80.5' }, line: /^PORT is "80.5"/ },
  {
    name: 'LOG_LEVEL unknown',
    env: { LOG_LEVEL: 'verbose' },
    line: /^LOG_LEVEL is "verbose": set one of fatal, error, warn, info, debug, trace, silent/,
  },
  {
    name: 'MicrosoftAppType unknown',
    env: { MicrosoftAppId: APP_ID, MicrosoftAppPassword: 's', MicrosoftAppType: 'Tenant' },
    line: /^MicrosoftAppType is "Tenant": set one of MultiTenant, SingleTenant, UserAssignedMSI/,
  },
  {
    name: 'DIGEST_SCHEDULER not on/off',
    env: { DIGEST_SCHEDULER: 'yes' },
    line: /^DIGEST_SCHEDULER is "yes": set one of on, off/,
  },
  {
    name: 'DIGEST_SEND_TIMEOUT_MS too small',
    env: { DIGEST_SEND_TIMEOUT_MS: '5' },
    line: /^DIGEST_SEND_TIMEOUT_MS is "5": set a whole number from 100 to 600000/,
  },
  {
    name: 'HOST in URL brackets',
    env: { HOST: '[::1]' },
    line: /^HOST is "\[::1\]": write an IPv6 address without the brackets a URL needs, e\.g\. HOST=::1$/,
  },
  {
    name: 'TEAMS_TURN_TIMEOUT_MS too large',
    env: { TEAMS_TURN_TIMEOUT_MS: '600000' },
    line: /^TEAMS_TURN_TIMEOUT_MS is "600000": set a whole number from 100 to 60000/,
  },
  {
    name: 'QUESTION_LOG_DAYS too large',
    env: { QUESTION_LOG_DAYS: '366' },
    line: /^QUESTION_LOG_DAYS is "366": set a whole number from 0 to 365/,
  },
  {
    name: 'QUESTION_LOG_DAYS negative',
    env: { QUESTION_LOG_DAYS: '-1' },
    line: /^QUESTION_LOG_DAYS is "-1"/,
  },
  {
    name: 'PLAYGROUND not on/off',
    env: { PLAYGROUND: 'true' },
    line: /^PLAYGROUND is "true": set one of on, off/,
  },
  {
    name: 'password without app id',
    env: { MicrosoftAppPassword: 'secret' },
    line: /^MicrosoftAppPassword is set but MicrosoftAppId is not: set both \(Azure Bot registration\) or neither \(local mode\)$/,
  },
  {
    name: 'tenant id without app id',
    env: { MicrosoftAppTenantId: TENANT_ID },
    line: /^MicrosoftAppTenantId is set but MicrosoftAppId is not/,
  },
  {
    name: 'SingleTenant type without app id',
    env: { MicrosoftAppType: 'SingleTenant' },
    line: /^MicrosoftAppType is SingleTenant but MicrosoftAppId is not set/,
  },
  {
    name: 'app id without password (MultiTenant)',
    env: { MicrosoftAppId: APP_ID },
    line: /^MicrosoftAppId is set but MicrosoftAppPassword is not: set MicrosoftAppPassword to a client secret/,
  },
  {
    name: 'app id without password (SingleTenant)',
    env: { MicrosoftAppId: APP_ID, MicrosoftAppType: 'SingleTenant', MicrosoftAppTenantId: TENANT_ID },
    line: /^MicrosoftAppId is set but MicrosoftAppPassword is not/,
  },
  {
    name: 'SingleTenant without tenant id',
    env: { MicrosoftAppId: APP_ID, MicrosoftAppPassword: 's', MicrosoftAppType: 'SingleTenant' },
    line: /^MicrosoftAppType is SingleTenant but MicrosoftAppTenantId is not set: set it to the Directory \(tenant\) ID/,
  },
  {
    name: 'managed identity without tenant id',
    env: { MicrosoftAppId: APP_ID, MicrosoftAppType: 'UserAssignedMSI' },
    line: /^MicrosoftAppType is UserAssignedMSI but MicrosoftAppTenantId is not set/,
  },
  {
    name: 'managed identity with a password',
    env: {
      MicrosoftAppId: APP_ID,
      MicrosoftAppType: 'UserAssignedMSI',
      MicrosoftAppTenantId: TENANT_ID,
      MicrosoftAppPassword: 's',
    },
    line: /^MicrosoftAppPassword is set but MicrosoftAppType is UserAssignedMSI: a managed identity has no secret/,
  },
  {
    name: 'app id not a GUID',
    env: { MicrosoftAppId: 'my-bot', MicrosoftAppPassword: 's' },
    line: /^MicrosoftAppId is "my-bot": set the bot's Microsoft App ID, a GUID/,
  },
  {
    name: 'tenant id not a GUID',
    env: {
      MicrosoftAppId: APP_ID,
      MicrosoftAppPassword: 's',
      MicrosoftAppType: 'SingleTenant',
      MicrosoftAppTenantId: 'contoso',
    },
    line: /^MicrosoftAppTenantId is "contoso": set the Directory \(tenant\) ID, a GUID/,
  },
  {
    name: 'local mode on every interface',
    env: { HOST: '0.0.0.0' },
    line: /^HOST is "0.0.0.0" but MicrosoftAppId is not set: local mode has no Bot Framework authentication/,
  },
  {
    name: 'PLAYGROUND on a public host',
    env: { MicrosoftAppId: APP_ID, MicrosoftAppPassword: 's', PLAYGROUND: 'on' },
    line: /^PLAYGROUND is on but HOST is "0.0.0.0": .*set PLAYGROUND=off on a public host/,
  },
  {
    name: 'Slack bot token without signing secret',
    env: { SLACK_BOT_TOKEN: 'xoxb-1' },
    line: /^SLACK_BOT_TOKEN is set but SLACK_SIGNING_SECRET is not: set both .* or neither \(Slack off\)$/,
  },
  {
    name: 'Slack signing secret without bot token',
    env: { SLACK_SIGNING_SECRET: 'abc' },
    line: /^SLACK_SIGNING_SECRET is set but SLACK_BOT_TOKEN is not: set both/,
  },
  {
    name: 'Slack bot token of the wrong kind',
    env: { SLACK_BOT_TOKEN: 'xoxp-user-token', SLACK_SIGNING_SECRET: 'abc' },
    line: /^SLACK_BOT_TOKEN does not start with xoxb-: use the Bot User OAuth Token/,
  },
  {
    name: 'Slack app token of the wrong kind',
    env: { SLACK_BOT_TOKEN: 'xoxb-1', SLACK_SIGNING_SECRET: 'abc', SLACK_APP_TOKEN: 'xoxb-2' },
    line: /^SLACK_APP_TOKEN does not start with xapp-: use an app-level token with the connections:write scope/,
  },
  {
    name: 'Slack API URL not a URL',
    env: { SLACK_BOT_TOKEN: 'xoxb-1', SLACK_SIGNING_SECRET: 'abc', SLACK_API_URL: 'slack.local' },
    line: /^SLACK_API_URL is "slack.local": set an http\(s\):\/\/ URL/,
  },
  {
    name: 'DATABASE_URL of another database',
    env: { DATABASE_URL: 'mysql://u:hunter2@db/bot' },
    line: /^DATABASE_URL is not a PostgreSQL URL: set postgres:\/\/user:password@host:5432\/database/,
  },
  {
    name: 'DATABASE_URL not a URL',
    env: { DATABASE_URL: 'host=db dbname=bot' },
    line: /^DATABASE_URL is not a PostgreSQL URL/,
  },
  {
    name: 'ADMIN_USERS with an email',
    env: { ADMIN_USERS: `${TEAMS_ADMIN}, jo@example.org` },
    line: /^ADMIN_USERS has "jo@example.org": an email address is not an id/,
  },
  {
    name: 'ADMIN_USERS with a display name',
    env: { ADMIN_USERS: 'Jo Bloggs' },
    line: /^ADMIN_USERS has "Jo Bloggs": use Teams users by Entra object ID \(a GUID\) and Slack users by member ID/,
  },
  {
    name: 'production without ALLOWED_TENANTS',
    env: { MicrosoftAppId: APP_ID, MicrosoftAppPassword: 's', ALLOWED_TENANTS: ' ' },
    line: /^ALLOWED_TENANTS is not set: with MicrosoftAppId set, anyone holding the Teams app package could use the bot; list the Microsoft Entra tenant ids/,
  },
  {
    name: 'ALLOWED_TENANTS with a domain name',
    env: { ALLOWED_TENANTS: `${TENANT_ID},school.example.org` },
    line: /^ALLOWED_TENANTS has "school.example.org": list Microsoft Entra tenant ids, GUIDs/,
  },
  {
    name: 'ALLOWED_SLACK_TEAMS with a workspace URL',
    env: { ALLOWED_SLACK_TEAMS: 'T012AB3CD,northyorks.slack.com' },
    line: /^ALLOWED_SLACK_TEAMS has "northyorks.slack.com": list Slack workspace ids like T012AB3CD/,
  },
  {
    name: 'production Slack without ALLOWED_SLACK_TEAMS',
    env: {
      MicrosoftAppId: APP_ID,
      MicrosoftAppPassword: 's',
      SLACK_BOT_TOKEN: 'xoxb-1',
      SLACK_SIGNING_SECRET: 'x',
    },
    line: /^ALLOWED_SLACK_TEAMS is not set: with MicrosoftAppId set this is a production set-up; list the Slack team ids/,
  },
  {
    name: 'the install flow without ALLOWED_SLACK_TEAMS, even in local mode',
    env: { ...OAUTH, SLACK_SIGNING_SECRET: 'x' },
    line: /^ALLOWED_SLACK_TEAMS is not set: with the install flow \(SLACK_CLIENT_ID\) any workspace could install the app/,
  },
  {
    name: 'the install flow half set up',
    env: { SLACK_CLIENT_ID: '123.456', SLACK_SIGNING_SECRET: 'x', ALLOWED_SLACK_TEAMS: 'T1AB' },
    line: /^SLACK_CLIENT_SECRET and SLACK_STATE_SECRET are not set: the install flow for many workspaces needs/,
  },
  {
    name: 'the install flow and a workspace token together',
    env: { ...OAUTH, SLACK_BOT_TOKEN: 'xoxb-1', SLACK_SIGNING_SECRET: 'x', ALLOWED_SLACK_TEAMS: 'T1AB' },
    line: /^SLACK_BOT_TOKEN and SLACK_CLIENT_ID are both set: use one workspace token/,
  },
  {
    name: 'a short state secret',
    env: { ...OAUTH, SLACK_STATE_SECRET: 'short', SLACK_SIGNING_SECRET: 'x', ALLOWED_SLACK_TEAMS: 'T1AB' },
    line: /^SLACK_STATE_SECRET is shorter than 32 characters/,
  },
];

describe('loadConfig: each problem alone', () => {
  for (const c of ALONE) {
    it(c.name, () => {
      const lines = problemsOf(c.env);
      expect(lines).toHaveLength(1);
      expect(lines[0]).toMatch(c.line);
    });
  }

  it('an app id without password for MultiTenant: MicrosoftAppType unset defaults to MultiTenant', () => {
    expect(problemsOf({ MicrosoftAppId: APP_ID, MicrosoftAppType: 'MultiTenant' })).toEqual(
      problemsOf({ MicrosoftAppId: APP_ID }),
    );
  });

  it('never echoes a database password', () => {
    const [line] = problemsOf({ DATABASE_URL: 'mysql://u:hunter2@db/bot' });
    expect(line).not.toContain('hunter2');
  });

  it('never echoes Slack tokens or secrets', () => {
    const lines = problemsOf({ SLACK_BOT_TOKEN: 'xoxp-zq81tok', SLACK_APP_TOKEN: 'zq82tok' }).join('\n');
    expect(lines).not.toMatch(/zq8/);
  });
});

describe('loadConfig: several problems at once', () => {
  it('lists every problem, one a line, in one error', () => {
    const lines = problemsOf({
      PORT: '-3',
      LOG_LEVEL: 'loud',
      MicrosoftAppPassword: 'secret',
      SLACK_BOT_TOKEN: 'token',
      SLACK_APP_TOKEN: 'xapp-1',
      DATABASE_URL: 'sqlite:bot.db',
      ADMIN_USERS: 'UADMIN01,admin',
      DIGEST_SEND_TIMEOUT_MS: 'soon',
      QUESTION_LOG_DAYS: '1000',
    });
    const variables = lines.map((l) => l.split(' ')[0]);
    expect(variables).toEqual([
      'PORT',
      'LOG_LEVEL',
      'MicrosoftAppPassword',
      'SLACK_BOT_TOKEN', // without a signing secret
      'SLACK_BOT_TOKEN', // not xoxb-
      'DATABASE_URL',
      'ADMIN_USERS',
      'DIGEST_SEND_TIMEOUT_MS',
      'QUESTION_LOG_DAYS',
    ]);
  });

  it('reports the Azure Bot problems together', () => {
    const lines = problemsOf({ MicrosoftAppId: 'bot', MicrosoftAppType: 'SingleTenant' });
    expect(lines).toHaveLength(3);
    expect(lines[0]).toMatch(/^MicrosoftAppId is "bot"/);
    expect(lines[1]).toMatch(/^MicrosoftAppId is set but MicrosoftAppPassword is not/);
    expect(lines[2]).toMatch(/^MicrosoftAppType is SingleTenant but MicrosoftAppTenantId is not set/);
  });

  it('a Socket Mode token alone: no bot token, and not xapp-', () => {
    const lines = problemsOf({ SLACK_APP_TOKEN: 'xoxb-1' });
    expect(lines).toHaveLength(2);
    expect(lines[0]).toMatch(/^SLACK_APP_TOKEN is set but SLACK_BOT_TOKEN is not/);
    expect(lines[1]).toMatch(/^SLACK_APP_TOKEN does not start with xapp-/);
  });
});

describe('loadConfig: valid environments', () => {
  it('nothing set: local mode on loopback with the defaults', () => {
    const config = loadConfig({}, '/srv/bot');
    expect(config).toEqual({
      port: 3978,
      host: '127.0.0.1',
      dataDir: '/srv/bot/data',
      contentDir: '/srv/bot/content',
      databaseUrl: undefined,
      microsoft: { appType: 'MultiTenant' },
      localMode: true,
      playground: true,
      slack: undefined,
      allowed: { tenants: undefined, slackTeams: undefined },
      admins: new Set(),
      logLevel: 'info',
      digests: { scheduler: true, sendTimeoutMs: 30_000 },
      questionLogDays: 90,
      teams: { turnMs: 13_000, callMs: 8_000 },
    });
  });

  it('empty values count as unset', () => {
    const config = loadConfig(
      {
        PORT: '',
        MicrosoftAppId: ' ',
        SLACK_BOT_TOKEN: '',
        SLACK_SIGNING_SECRET: '',
        PLAYGROUND: '',
        QUESTION_LOG_DAYS: '',
      },
      '/srv/bot',
    );
    expect(config.port).toBe(3978);
    expect(config.localMode).toBe(true);
    expect(config.slack).toBeUndefined();
    expect(config.questionLogDays).toBe(90);
  });

  it('MultiTenant with a client secret: auth on, every interface, no playground', () => {
    const config = loadConfig(
      { MicrosoftAppId: APP_ID, MicrosoftAppPassword: 's3cret', ...SERVED },
      '/srv/bot',
    );
    expect(config.localMode).toBe(false);
    expect(config.host).toBe('0.0.0.0');
    expect(config.playground).toBe(false);
    expect(config.microsoft).toEqual({
      appId: APP_ID,
      appPassword: 's3cret',
      appType: 'MultiTenant',
      tenantId: undefined,
    });
  });

  it('SingleTenant with a secret and a tenant id', () => {
    const config = loadConfig(
      {
        MicrosoftAppId: APP_ID,
        MicrosoftAppPassword: 's',
        MicrosoftAppType: 'SingleTenant',
        MicrosoftAppTenantId: TENANT_ID,
        ...SERVED,
      },
      '/srv/bot',
    );
    expect(config.microsoft).toEqual({
      appId: APP_ID,
      appPassword: 's',
      appType: 'SingleTenant',
      tenantId: TENANT_ID,
    });
  });

  it("a user-assigned managed identity: tenant id, no secret (botbuilder's spelling UserAssignedMsi too)", () => {
    for (const type of ['UserAssignedMSI', 'UserAssignedMsi']) {
      const config = loadConfig(
        { MicrosoftAppId: APP_ID, MicrosoftAppType: type, MicrosoftAppTenantId: TENANT_ID, ...SERVED },
        '/srv/bot',
      );
      expect(config.microsoft).toEqual({
        appId: APP_ID,
        appPassword: undefined,
        appType: 'UserAssignedMSI',
        tenantId: TENANT_ID,
      });
    }
  });

  it('Slack over HTTP and in Socket Mode', () => {
    expect(loadConfig({ SLACK_BOT_TOKEN: 'xoxb-1-2', SLACK_SIGNING_SECRET: 'abc' }, '/').slack).toEqual({
      botToken: 'xoxb-1-2',
      oauth: undefined,
      signingSecret: 'abc',
      appToken: undefined,
      apiUrl: undefined,
      apiTimeoutMs: 10_000,
    });
    const socket = loadConfig(
      {
        SLACK_BOT_TOKEN: 'xoxb-1',
        SLACK_SIGNING_SECRET: 'abc',
        SLACK_APP_TOKEN: 'xapp-1',
        SLACK_API_URL: 'http://127.0.0.1:9/api/',
      },
      '/',
    );
    expect(socket.slack?.appToken).toBe('xapp-1');
    expect(socket.slack?.apiUrl).toBe('http://127.0.0.1:9/api/');
  });

  it('allowed tenants (kept lower-case) and Slack teams; unset serves everyone, in local mode only', () => {
    const upper = TENANT_ID.toUpperCase().replace('9', 'A');
    const config = loadConfig(
      { ALLOWED_TENANTS: `${upper}, ${TENANT_ID}`, ALLOWED_SLACK_TEAMS: 'T012AB3CD,E0GRID1' },
      '/',
    );
    expect([...(config.allowed.tenants ?? [])]).toEqual([upper.toLowerCase(), TENANT_ID]);
    expect([...(config.allowed.slackTeams ?? [])]).toEqual(['T012AB3CD', 'E0GRID1']);
    expect(loadConfig({}, '/').allowed).toEqual({ tenants: undefined, slackTeams: undefined });
  });

  it('Slack for many workspaces: the install flow instead of a token', () => {
    const config = loadConfig(
      { ...OAUTH, SLACK_SIGNING_SECRET: 'abc', ALLOWED_SLACK_TEAMS: 'T012AB3CD' },
      '/',
    );
    expect(config.slack?.botToken).toBeUndefined();
    expect(config.slack?.oauth).toEqual({
      clientId: OAUTH.SLACK_CLIENT_ID,
      clientSecret: OAUTH.SLACK_CLIENT_SECRET,
      stateSecret: OAUTH.SLACK_STATE_SECRET,
      redirectUri: undefined,
    });
  });

  it('PACKS_DIR: the partnerships folder; production needs no ALLOWED_TENANTS (each pack lists its own)', () => {
    const production = { MicrosoftAppId: '00000000-0000-0000-0000-0000000000b1', MicrosoftAppPassword: 'pw' };
    const config = loadConfig({ ...production, PACKS_DIR: 'packs' }, '/srv/bot');
    expect(config.packsDir).toBe('/srv/bot/packs');
    expect(config.allowed).toEqual({ tenants: undefined, slackTeams: undefined });
    expect(loadConfig({}, '/').packsDir).toBeUndefined();
  });

  it('PACKS_DIR with ALLOWED_TENANTS, ALLOWED_SLACK_TEAMS or ADMIN_USERS is refused: those are per partnership', () => {
    const problems = problemsOf({
      PACKS_DIR: 'packs',
      ALLOWED_SLACK_TEAMS: 'T012AB3CD',
      ADMIN_USERS: TEAMS_ADMIN,
    });
    for (const name of ['ALLOWED_TENANTS', 'ALLOWED_SLACK_TEAMS', 'ADMIN_USERS'])
      expect(problems).toContain(
        `${name} is set with PACKS_DIR: list tenants, Slack teams and admins per partnership, under \`serves\` in each pack.yaml, and unset ${name}`,
      );
  });

  it('PostgreSQL URLs in both spellings', () => {
    for (const url of [
      'postgres://bot:pw@db.internal:5432/guide',
      'postgresql://bot@localhost/guide?sslmode=require',
    ]) {
      expect(loadConfig({ DATABASE_URL: url }, '/').databaseUrl).toBe(url);
    }
  });

  it('admins: Teams object ids and Slack member ids, spaces and empty entries ignored', () => {
    const config = loadConfig({ ADMIN_USERS: ` ${TEAMS_ADMIN} ,U012AB3CD,,W0ENTERPRISE ` }, '/');
    expect([...config.admins]).toEqual([TEAMS_ADMIN, 'U012AB3CD', 'W0ENTERPRISE']);
  });

  it('PLAYGROUND: off in local mode; on behind Bot Framework auth when bound to loopback', () => {
    expect(loadConfig({ PLAYGROUND: 'off' }, '/').playground).toBe(false);
    const config = loadConfig(
      { MicrosoftAppId: APP_ID, MicrosoftAppPassword: 's', HOST: '127.0.0.1', PLAYGROUND: 'ON', ...SERVED },
      '/',
    );
    expect(config.playground).toBe(true);
    expect(config.localMode).toBe(false);
  });

  it('the numbers and levels at their bounds; relative directories resolve against cwd', () => {
    const config = loadConfig(
      {
        PORT: '0',
        HOST: '::1',
        LOG_LEVEL: 'silent',
        DIGEST_SCHEDULER: 'off',
        DIGEST_SEND_TIMEOUT_MS: '600000',
        QUESTION_LOG_DAYS: '0',
        DATA_DIR: 'var/data',
        CONTENT_DIR: '/opt/content',
      },
      '/srv/bot',
    );
    expect(config).toMatchObject({
      port: 0,
      host: '::1',
      logLevel: 'silent',
      digests: { scheduler: false, sendTimeoutMs: 600_000 },
      questionLogDays: 0,
      dataDir: '/srv/bot/var/data',
      contentDir: '/opt/content',
    });
    expect(loadConfig({ PORT: '65535', QUESTION_LOG_DAYS: '365' }, '/')).toMatchObject({
      port: 65535,
      questionLogDays: 365,
    });
  });
});

describe('the server with a bad environment', () => {
  it('exits 1 and prints every problem, without a stack trace', async () => {
    const child = spawn(process.execPath, ['--import', 'tsx', join(REPO, 'src/server.ts')], {
      cwd: REPO,
      env: {
        PATH: process.env.PATH ?? '',
        NODE_ENV: 'production',
        PORT: 'http',
        MicrosoftAppPassword: 'not-a-real-secret',
        SLACK_SIGNING_SECRET: 'not-a-real-secret',
        DATABASE_URL: 'mysql://db/bot',
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (c: Buffer) => (stdout += c.toString('utf8')));
    child.stderr.on('data', (c: Buffer) => (stderr += c.toString('utf8')));
    const code = await new Promise<number | null>((resolve) => child.once('close', resolve));

    expect(code).toBe(1);
    expect(stdout).toBe('');
    expect(stderr).toContain('Safeguarding Guide could not start: Invalid environment (4 problems):');
    const lines = stderr.split('\n').filter((l) => l.startsWith('  - '));
    expect(lines.map((l) => l.slice(4).split(' ')[0])).toEqual([
      'PORT',
      'MicrosoftAppPassword',
      'SLACK_SIGNING_SECRET',
      'DATABASE_URL',
    ]);
    expect(stderr).not.toMatch(/\n\s+at /); // no stack frames
    expect(stderr).not.toContain('not-a-real-secret');
  }, 30_000);
});
