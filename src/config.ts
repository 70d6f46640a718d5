import { resolve } from 'node:path';
import { isLoopbackHost } from './server/loopback.js';
import { CodedError } from './core/errors.js';
import { GUID, SLACK_TEAM_ID, SLACK_USER_ID } from './core/organisations.js';

/** Environment, read once at start-up. */
export interface Config {
  port: number;
  host: string;
  dataDir: string;
  contentDir: string;
  /**
   * PACKS_DIR: one folder per partnership (src/core/content/packs.ts), each pack.yaml listing the
   * tenants, Slack teams and admins it serves. Unset: the one pack at CONTENT_DIR, served to
   * ALLOWED_TENANTS / ALLOWED_SLACK_TEAMS with ADMIN_USERS as its admins.
   */
  packsDir?: string;
  /** PARTNERSHIP: with PACKS_DIR, the partnership `npm run ask`, `digest` and `report` work for. */
  partnership?: string;
  databaseUrl?: string;
  microsoft: {
    appId?: string;
    appPassword?: string;
    appType: AppType;
    tenantId?: string;
  };
  /** True when no MicrosoftAppId is set: no Bot Framework auth, so the server binds to loopback only. */
  localMode: boolean;
  /** The browser playground is served (PLAYGROUND; default on in local mode only). */
  playground: boolean;
  slack?: {
    /** Single-workspace token mode (SLACK_BOT_TOKEN); absent when workspaces install through OAuth. */
    botToken?: string;
    /** Many workspaces: Bolt's OAuth install flow (SLACK_CLIENT_ID…), tokens kept in the store. */
    oauth?: SlackOAuth;
    signingSecret: string;
    appToken?: string;
    apiUrl?: string;
    /** How long one Slack Web API call may take (SLACK_API_TIMEOUT_MS). */
    apiTimeoutMs: number;
  };
  /**
   * The organisations this partnership serves (ALLOWED_TENANTS: Entra tenant ids, lower-cased;
   * ALLOWED_SLACK_TEAMS: Slack team or Enterprise Grid ids). Unset: every organisation, which only
   * local mode allows; a turn from anywhere else gets one refusal and nothing is stored.
   */
  allowed: { tenants?: ReadonlySet<string>; slackTeams?: ReadonlySet<string> };
  admins: ReadonlySet<string>;
  logLevel: string;
  digests: {
    /** The server runs the weekly digest scheduler (DIGEST_SCHEDULER=off leaves it to `npm run digest -- send`). */
    scheduler: boolean;
    /** How long one digest post may take before it counts as a timeout (DIGEST_SEND_TIMEOUT_MS). */
    sendTimeoutMs: number;
  };
  /** Days redacted examples of unanswered questions are kept for the admin report (QUESTION_LOG_DAYS). */
  questionLogDays: number;
  /** Time limits of a Teams turn (TEAMS_TURN_TIMEOUT_MS) and of one connector call in it (TEAMS_CALL_TIMEOUT_MS). */
  teams: { turnMs: number; callMs: number };
}

export interface SlackOAuth {
  clientId: string;
  clientSecret: string;
  /** Signs the OAuth `state` parameter (CSRF protection of the install flow). */
  stateSecret: string;
  /** Must match a Redirect URL of the Slack app when set; unset, Slack uses the app's only one. */
  redirectUri?: string;
}

/** The bot scopes the app manifest asks for (appPackage/slack-manifest.json). */
export const SLACK_BOT_SCOPES = [
  'commands',
  'app_mentions:read',
  'channels:read',
  'chat:write',
  'im:history',
  'im:read',
  'im:write',
] as const;

type AppType = 'MultiTenant' | 'SingleTenant' | 'UserAssignedMSI';
const APP_TYPES: readonly AppType[] = ['MultiTenant', 'SingleTenant', 'UserAssignedMSI'];
const LOG_LEVELS = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'] as const;

/** Collects every problem with the environment, one line each, before anything is thrown. */
class Problems {
  readonly lines: string[] = [];
  add(line: string): void {
    this.lines.push(line);
  }
}

/** A set variable, trimmed; empty counts as unset (as in most .env tooling). */
function text(env: NodeJS.ProcessEnv, name: string): string | undefined {
  const value = env[name]?.trim();
  return value ? value : undefined;
}

/** Quotes a value for a problem line; secrets are never echoed. */
function shown(value: string): string {
  return JSON.stringify(value.length > 60 ? `${value.slice(0, 57)}...` : value);
}

function integer(
  env: NodeJS.ProcessEnv,
  problems: Problems,
  name: string,
  range: { min: number; max: number; fallback: number; hint: string },
): number {
  const raw = text(env, name);
  if (raw === undefined) return range.fallback;
  const value = /^\d+$/.test(raw) ? Number(raw) : Number.NaN;
  if (Number.isSafeInteger(value) && value >= range.min && value <= range.max) return value;
  problems.add(
    `${name} is ${shown(raw)}: set a whole number from ${range.min} to ${range.max} ${range.hint}, or unset it for the default (${range.fallback})`,
  );
  return range.fallback;
}

function choice<T extends string>(
  env: NodeJS.ProcessEnv,
  problems: Problems,
  name: string,
  allowed: readonly T[],
  fallback: T,
): T {
  const raw = text(env, name);
  if (raw === undefined) return fallback;
  const match = allowed.find((a) => a.toLowerCase() === raw.toLowerCase());
  if (match) return match;
  problems.add(
    `${name} is ${shown(raw)}: set one of ${allowed.join(', ')}, or unset it for the default (${fallback})`,
  );
  return fallback;
}

function onOff(env: NodeJS.ProcessEnv, problems: Problems, name: string): boolean | undefined {
  if (text(env, name) === undefined) return undefined;
  return choice(env, problems, name, ['on', 'off'], 'on') === 'on';
}

function readMicrosoft(env: NodeJS.ProcessEnv, problems: Problems): Config['microsoft'] {
  const appId = text(env, 'MicrosoftAppId');
  const appPassword = text(env, 'MicrosoftAppPassword');
  const tenantId = text(env, 'MicrosoftAppTenantId');
  const appTypeSet = text(env, 'MicrosoftAppType') !== undefined;
  const appType = choice(env, problems, 'MicrosoftAppType', APP_TYPES, 'MultiTenant');

  if (!appId) {
    // Local mode: any other Microsoft setting means a half-finished Azure Bot set-up.
    if (appPassword) {
      problems.add(
        'MicrosoftAppPassword is set but MicrosoftAppId is not: set both (Azure Bot registration) or neither (local mode)',
      );
    }
    if (tenantId) {
      problems.add(
        'MicrosoftAppTenantId is set but MicrosoftAppId is not: set MicrosoftAppId too (Azure Bot registration) or unset MicrosoftAppTenantId (local mode)',
      );
    }
    if (appTypeSet && appType !== 'MultiTenant') {
      problems.add(
        `MicrosoftAppType is ${appType} but MicrosoftAppId is not set: set MicrosoftAppId (Azure Bot registration) or unset MicrosoftAppType (local mode)`,
      );
    }
    return { appType };
  }

  if (!GUID.test(appId)) {
    problems.add(
      `MicrosoftAppId is ${shown(appId)}: set the bot's Microsoft App ID, a GUID like 00000000-0000-0000-0000-000000000000 (Azure Bot → Configuration)`,
    );
  }
  // The same rules botbuilder's ConfigurationServiceClientCredentialFactory asserts, said up front.
  if (appType === 'UserAssignedMSI') {
    if (appPassword) {
      problems.add(
        'MicrosoftAppPassword is set but MicrosoftAppType is UserAssignedMSI: a managed identity has no secret; unset MicrosoftAppPassword, or use MultiTenant/SingleTenant with a client secret',
      );
    }
  } else if (!appPassword) {
    problems.add(
      `MicrosoftAppId is set but MicrosoftAppPassword is not: set MicrosoftAppPassword to a client secret of the bot's app registration (Certificates & secrets), or use MicrosoftAppType=UserAssignedMSI with a managed identity`,
    );
  }
  if (appType !== 'MultiTenant' && !tenantId) {
    problems.add(
      `MicrosoftAppType is ${appType} but MicrosoftAppTenantId is not set: set it to the Directory (tenant) ID of the bot's app registration`,
    );
  }
  if (tenantId && !GUID.test(tenantId)) {
    problems.add(
      `MicrosoftAppTenantId is ${shown(tenantId)}: set the Directory (tenant) ID, a GUID (Entra ID → Overview)`,
    );
  }
  return { appId, appPassword, appType, tenantId };
}

function readSlack(env: NodeJS.ProcessEnv, problems: Problems): Config['slack'] {
  const botToken = text(env, 'SLACK_BOT_TOKEN');
  const signingSecret = text(env, 'SLACK_SIGNING_SECRET');
  const appToken = text(env, 'SLACK_APP_TOKEN');
  const apiUrl = text(env, 'SLACK_API_URL');
  const oauth = readSlackOAuth(env, problems);
  // Said once: a half-set install flow gets its own line, not a "no token" one as well.
  const oauthWanted = oauth !== undefined || text(env, 'SLACK_CLIENT_ID') !== undefined;

  if (botToken && oauthWanted) {
    problems.add(
      'SLACK_BOT_TOKEN and SLACK_CLIENT_ID are both set: use one workspace token (SLACK_BOT_TOKEN) or the install flow for many workspaces (SLACK_CLIENT_ID, SLACK_CLIENT_SECRET, SLACK_STATE_SECRET), not both',
    );
  }
  const credential = botToken ?? (oauthWanted ? 'oauth' : undefined);
  if (credential && !signingSecret) {
    problems.add(
      `${botToken ? 'SLACK_BOT_TOKEN' : 'SLACK_CLIENT_ID'} is set but SLACK_SIGNING_SECRET is not: set both (Slack app: Basic Information → Signing Secret) or neither (Slack off)`,
    );
  }
  if (signingSecret && !credential) {
    problems.add(
      'SLACK_SIGNING_SECRET is set but SLACK_BOT_TOKEN is not: set both (Slack app: OAuth & Permissions → Bot User OAuth Token), or SLACK_CLIENT_ID, SLACK_CLIENT_SECRET and SLACK_STATE_SECRET for many workspaces, or neither (Slack off)',
    );
  }
  if (botToken && !botToken.startsWith('xoxb-')) {
    problems.add(
      'SLACK_BOT_TOKEN does not start with xoxb-: use the Bot User OAuth Token from OAuth & Permissions (not a user, app-level or configuration token)',
    );
  }
  if (appToken) {
    if (oauthWanted) {
      problems.add(
        'SLACK_APP_TOKEN is set with SLACK_CLIENT_ID: the install flow needs HTTP mode (its /slack/install and /slack/oauth_redirect pages are on this server); unset SLACK_APP_TOKEN, or use SLACK_BOT_TOKEN for one workspace in Socket Mode',
      );
    } else if (!botToken) {
      problems.add(
        'SLACK_APP_TOKEN is set but SLACK_BOT_TOKEN is not: Socket Mode needs SLACK_BOT_TOKEN and SLACK_SIGNING_SECRET as well, or unset SLACK_APP_TOKEN',
      );
    }
    if (!appToken.startsWith('xapp-')) {
      problems.add(
        'SLACK_APP_TOKEN does not start with xapp-: use an app-level token with the connections:write scope (Basic Information → App-Level Tokens), or unset it for HTTP mode',
      );
    }
  }
  if (apiUrl && !isHttpUrl(apiUrl)) {
    problems.add(
      `SLACK_API_URL is ${shown(apiUrl)}: set an http(s):// URL, or unset it to use Slack's own API`,
    );
  }
  const apiTimeoutMs = integer(env, problems, 'SLACK_API_TIMEOUT_MS', {
    min: 100,
    max: 60_000,
    fallback: 10_000,
    hint: '(milliseconds one Slack Web API call may take)',
  });
  return (botToken || oauth) && signingSecret
    ? { botToken, oauth, signingSecret, appToken, apiUrl, apiTimeoutMs }
    : undefined;
}

/** SLACK_CLIENT_ID, SLACK_CLIENT_SECRET, SLACK_STATE_SECRET (all or none), SLACK_REDIRECT_URI. */
function readSlackOAuth(env: NodeJS.ProcessEnv, problems: Problems): SlackOAuth | undefined {
  const clientId = text(env, 'SLACK_CLIENT_ID');
  const clientSecret = text(env, 'SLACK_CLIENT_SECRET');
  const stateSecret = text(env, 'SLACK_STATE_SECRET');
  const redirectUri = text(env, 'SLACK_REDIRECT_URI');
  const set = {
    SLACK_CLIENT_ID: clientId,
    SLACK_CLIENT_SECRET: clientSecret,
    SLACK_STATE_SECRET: stateSecret,
  };
  const missing = Object.entries(set)
    .filter(([, v]) => !v)
    .map(([k]) => k);
  if (missing.length === 3) {
    if (redirectUri)
      problems.add(
        'SLACK_REDIRECT_URI is set but SLACK_CLIENT_ID is not: it belongs to the install flow; set SLACK_CLIENT_ID, SLACK_CLIENT_SECRET and SLACK_STATE_SECRET too, or unset it',
      );
    return undefined;
  }
  if (missing.length > 0) {
    problems.add(
      `${missing.join(' and ')} ${missing.length === 1 ? 'is' : 'are'} not set: the install flow for many workspaces needs SLACK_CLIENT_ID and SLACK_CLIENT_SECRET (Slack app: Basic Information → App Credentials) and SLACK_STATE_SECRET (a long random value of your own), or none of them`,
    );
  }
  if (stateSecret && stateSecret.length < 32) {
    problems.add(
      "SLACK_STATE_SECRET is shorter than 32 characters: it signs the install flow's state; use a long random value, e.g. from `openssl rand -hex 32`",
    );
  }
  if (redirectUri && !/^https:\/\/|^http:\/\/(127\.0\.0\.1|localhost)[:/]/.test(redirectUri)) {
    problems.add(
      `SLACK_REDIRECT_URI is ${shown(redirectUri)}: set the https:// URL of /slack/oauth_redirect on this server, as listed under the Slack app's OAuth & Permissions → Redirect URLs`,
    );
  }
  if (missing.length > 0 || !clientId || !clientSecret || !stateSecret) return undefined;
  return { clientId, clientSecret, stateSecret, redirectUri };
}

/** A comma-separated id list; undefined when unset. Each entry must match `pattern`. */
function idList(
  env: NodeJS.ProcessEnv,
  problems: Problems,
  name: string,
  pattern: RegExp,
  hint: string,
): Set<string> | undefined {
  const raw = text(env, name);
  if (raw === undefined) return undefined;
  const entries = raw
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean);
  for (const entry of entries) {
    if (!pattern.test(entry)) problems.add(`${name} has ${shown(entry)}: ${hint}, comma-separated`);
  }
  return new Set(entries);
}

function readAllowed(
  env: NodeJS.ProcessEnv,
  problems: Problems,
  production: boolean,
  slack: Config['slack'],
): Config['allowed'] {
  const tenants = idList(
    env,
    problems,
    'ALLOWED_TENANTS',
    GUID,
    'list Microsoft Entra tenant ids, GUIDs (Entra ID → Overview → Tenant ID), not domain names',
  );
  const slackTeams = idList(
    env,
    problems,
    'ALLOWED_SLACK_TEAMS',
    SLACK_TEAM_ID,
    'list Slack workspace ids like T012AB3CD (or Enterprise Grid ids like E012AB3CD), not workspace names or URLs',
  );
  if (production && !tenants?.size) {
    problems.add(
      'ALLOWED_TENANTS is not set: with MicrosoftAppId set, anyone holding the Teams app package could use the bot; list the Microsoft Entra tenant ids of the organisations this partnership serves, comma-separated (Entra ID → Overview → Tenant ID)',
    );
  }
  if (slack && (production || slack.oauth) && !slackTeams?.size) {
    problems.add(
      `ALLOWED_SLACK_TEAMS is not set: ${slack.oauth ? 'with the install flow (SLACK_CLIENT_ID) any workspace could install the app' : 'with MicrosoftAppId set this is a production set-up'}; list the Slack team ids this partnership serves, comma-separated (workspace settings, or the T… id in the workspace's URL)`,
    );
  }
  return {
    tenants: tenants?.size ? new Set([...tenants].map((t) => t.toLowerCase())) : undefined,
    slackTeams: slackTeams?.size ? slackTeams : undefined,
  };
}

function isHttpUrl(value: string): boolean {
  try {
    const url = new URL(value);
    return url.protocol === 'http:' || url.protocol === 'https:';
  } catch {
    return false;
  }
}

function readDatabaseUrl(env: NodeJS.ProcessEnv, problems: Problems): string | undefined {
  const raw = text(env, 'DATABASE_URL');
  if (raw === undefined) return undefined;
  let ok = false;
  try {
    const url = new URL(raw);
    ok = (url.protocol === 'postgres:' || url.protocol === 'postgresql:') && url.hostname !== '';
  } catch {
    ok = false;
  }
  if (!ok) {
    // The URL may hold a password: name the variable, never echo it.
    problems.add(
      'DATABASE_URL is not a PostgreSQL URL: set postgres://user:password@host:5432/database (or postgresql://...), or unset it to use the lowdb file in DATA_DIR',
    );
  }
  return raw;
}

function readAdmins(env: NodeJS.ProcessEnv, problems: Problems): ReadonlySet<string> {
  const entries = (text(env, 'ADMIN_USERS') ?? '')
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean);
  for (const entry of entries) {
    if (GUID.test(entry) || SLACK_USER_ID.test(entry)) continue;
    const hint = entry.includes('@')
      ? 'an email address is not an id; use the Teams user object ID (Entra ID → Users) or the Slack member ID'
      : 'use Teams users by Entra object ID (a GUID) and Slack users by member ID (like U012AB3CD)';
    problems.add(`ADMIN_USERS has ${shown(entry)}: ${hint}, comma-separated`);
  }
  return new Set(entries);
}

export function loadConfig(env: NodeJS.ProcessEnv = process.env, cwd = process.cwd()): Config {
  const problems = new Problems();
  const port = integer(env, problems, 'PORT', {
    min: 0,
    max: 65535,
    fallback: 3978,
    hint: '(the HTTP port)',
  });
  const logLevel = choice(env, problems, 'LOG_LEVEL', LOG_LEVELS, 'info');
  const microsoft = readMicrosoft(env, problems);
  const localMode = !microsoft.appId;
  const host = text(env, 'HOST') ?? (localMode ? '127.0.0.1' : '0.0.0.0');
  if (/^\[.*\]$/.test(host)) {
    problems.add(
      `HOST is ${shown(host)}: write an IPv6 address without the brackets a URL needs, e.g. HOST=${host.slice(1, -1)}`,
    );
  }
  if (localMode && !isLoopbackHost(host)) {
    problems.add(
      `HOST is ${shown(host)} but MicrosoftAppId is not set: local mode has no Bot Framework authentication, so it listens on loopback only; unset HOST (or 127.0.0.1), or set up an Azure Bot (MicrosoftAppId...)`,
    );
  }
  const playgroundSetting = onOff(env, problems, 'PLAYGROUND');
  const playground = playgroundSetting ?? localMode;
  if (playgroundSetting === true && !isLoopbackHost(host)) {
    problems.add(
      `PLAYGROUND is on but HOST is ${shown(host)}: the playground has no sign-in and is for this machine only; set PLAYGROUND=off on a public host, or listen on loopback (HOST=127.0.0.1)`,
    );
  }
  const slack = readSlack(env, problems);
  const databaseUrl = readDatabaseUrl(env, problems);
  const packsDir = text(env, 'PACKS_DIR');
  if (packsDir) {
    // Each partnership says whom it serves and who its admins are; one list for all would cross them.
    for (const name of ['ALLOWED_TENANTS', 'ALLOWED_SLACK_TEAMS', 'ADMIN_USERS'])
      if (text(env, name))
        problems.add(
          `${name} is set with PACKS_DIR: list tenants, Slack teams and admins per partnership, under \`serves\` in each pack.yaml, and unset ${name}`,
        );
  }
  const admins = readAdmins(env, problems);
  // With PACKS_DIR each pack must name whom it serves (checked when the packs load).
  const allowed = readAllowed(env, problems, !localMode && !packsDir, packsDir ? undefined : slack);
  const scheduler = onOff(env, problems, 'DIGEST_SCHEDULER') ?? true;
  const sendTimeoutMs = integer(env, problems, 'DIGEST_SEND_TIMEOUT_MS', {
    min: 100,
    max: 600_000,
    fallback: 30_000,
    hint: '(milliseconds one digest post may take)',
  });
  const questionLogDays = integer(env, problems, 'QUESTION_LOG_DAYS', {
    min: 0,
    max: 365,
    fallback: 90,
    hint: '(days to keep redacted unanswered-question examples; 0 keeps none)',
  });
  // Bot Framework gives a turn about 15 s: the defaults answer before that.
  const turnMs = integer(env, problems, 'TEAMS_TURN_TIMEOUT_MS', {
    min: 100,
    max: 60_000,
    fallback: 13_000,
    hint: '(milliseconds a Teams turn may take)',
  });
  const callMs = integer(env, problems, 'TEAMS_CALL_TIMEOUT_MS', {
    min: 100,
    max: 60_000,
    fallback: 8_000,
    hint: '(milliseconds one Bot Framework connector call may take)',
  });

  if (problems.lines.length > 0) {
    const count = problems.lines.length === 1 ? '1 problem' : `${problems.lines.length} problems`;
    throw new CodedError(
      'bad_input',
      [`Invalid environment (${count}):`, ...problems.lines.map((l) => `  - ${l}`)].join('\n'),
    );
  }
  return {
    port,
    host,
    dataDir: resolve(cwd, text(env, 'DATA_DIR') ?? 'data'),
    contentDir: resolve(cwd, text(env, 'CONTENT_DIR') ?? 'content'),
    packsDir: packsDir ? resolve(cwd, packsDir) : undefined,
    partnership: text(env, 'PARTNERSHIP'),
    databaseUrl,
    microsoft,
    localMode,
    playground,
    slack,
    allowed,
    admins,
    logLevel,
    digests: { scheduler, sendTimeoutMs },
    questionLogDays,
    teams: { turnMs, callMs },
  };
}
