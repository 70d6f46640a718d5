import { resolve } from 'node:path';
import { z } from 'zod';
import { CodedError } from './core/errors.js';

/** Environment, read once at start-up (names from design.md). */
export interface Config {
  port: number;
  host: string;
  dataDir: string;
  contentDir: string;
  databaseUrl?: string;
  microsoft: {
    appId?: string;
    appPassword?: string;
    appType: 'MultiTenant' | 'SingleTenant' | 'UserAssignedMSI';
    tenantId?: string;
  };
  /** True when no MicrosoftAppId is set: no Bot Framework auth, so the server binds to loopback only. */
  localMode: boolean;
  slack?: {
    botToken: string;
    signingSecret: string;
    appToken?: string;
    apiUrl?: string;
  };
  admins: ReadonlySet<string>;
  logLevel: string;
  digests: {
    /** The server runs the weekly digest scheduler (DIGEST_SCHEDULER=off leaves it to `npm run digest -- send`). */
    scheduler: boolean;
    /** How long one digest post may take before it counts as a timeout (DIGEST_SEND_TIMEOUT_MS). */
    sendTimeoutMs: number;
  };
}

const optionalText = z
  .string()
  .trim()
  .transform((v) => (v === '' ? undefined : v))
  .optional();

const schema = z.object({
  PORT: z.coerce.number().int().min(0).max(65535).default(3978),
  HOST: optionalText,
  DATA_DIR: optionalText,
  CONTENT_DIR: optionalText,
  DATABASE_URL: optionalText,
  MicrosoftAppId: optionalText,
  MicrosoftAppPassword: optionalText,
  MicrosoftAppType: z.enum(['MultiTenant', 'SingleTenant', 'UserAssignedMSI']).default('MultiTenant'),
  MicrosoftAppTenantId: optionalText,
  SLACK_BOT_TOKEN: optionalText,
  SLACK_SIGNING_SECRET: optionalText,
  SLACK_APP_TOKEN: optionalText,
  SLACK_API_URL: z
    .url()
    .optional()
    .or(z.literal('').transform(() => undefined)),
  ADMIN_USERS: optionalText,
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  DIGEST_SCHEDULER: z.enum(['on', 'off']).default('on'),
  DIGEST_SEND_TIMEOUT_MS: z.coerce.number().int().min(100).max(600_000).default(30_000),
});

export function loadConfig(env: NodeJS.ProcessEnv = process.env, cwd = process.cwd()): Config {
  const parsed = schema.safeParse(env);
  if (!parsed.success) {
    const problems = parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ');
    throw new CodedError('bad_input', `Invalid environment: ${problems}`);
  }
  const e = parsed.data;
  if (e.MicrosoftAppType === 'SingleTenant' && e.MicrosoftAppId && !e.MicrosoftAppTenantId) {
    throw new CodedError(
      'bad_input',
      'Invalid environment: MicrosoftAppTenantId is required when MicrosoftAppType is SingleTenant',
    );
  }
  const hasSlackToken = Boolean(e.SLACK_BOT_TOKEN);
  if (hasSlackToken !== Boolean(e.SLACK_SIGNING_SECRET)) {
    throw new CodedError(
      'bad_input',
      'Invalid environment: set both SLACK_BOT_TOKEN and SLACK_SIGNING_SECRET, or neither',
    );
  }
  const localMode = !e.MicrosoftAppId;
  return {
    port: e.PORT,
    host: e.HOST ?? (localMode ? '127.0.0.1' : '0.0.0.0'),
    dataDir: resolve(cwd, e.DATA_DIR ?? 'data'),
    contentDir: resolve(cwd, e.CONTENT_DIR ?? 'content'),
    databaseUrl: e.DATABASE_URL,
    microsoft: {
      appId: e.MicrosoftAppId,
      appPassword: e.MicrosoftAppPassword,
      appType: e.MicrosoftAppType,
      tenantId: e.MicrosoftAppTenantId,
    },
    localMode,
    slack:
      e.SLACK_BOT_TOKEN && e.SLACK_SIGNING_SECRET
        ? {
            botToken: e.SLACK_BOT_TOKEN,
            signingSecret: e.SLACK_SIGNING_SECRET,
            appToken: e.SLACK_APP_TOKEN,
            apiUrl: e.SLACK_API_URL,
          }
        : undefined,
    admins: new Set(
      (e.ADMIN_USERS ?? '')
        .split(',')
        .map((s) => s.trim())
        .filter(Boolean),
    ),
    logLevel: e.LOG_LEVEL,
    digests: { scheduler: e.DIGEST_SCHEDULER === 'on', sendTimeoutMs: e.DIGEST_SEND_TIMEOUT_MS },
  };
}
