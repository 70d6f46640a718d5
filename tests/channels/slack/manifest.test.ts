import { readFile } from 'node:fs/promises';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { z } from 'zod';
import { SLASH_COMMAND } from '../../../src/channels/slack/surfaces/command.js';
import { SLACK_EVENTS_PATH } from '../../../src/channels/slack/mount.js';
import { REDIRECT_PATH } from '../../../src/channels/slack/install-flow.js';
import { SLACK_BOT_SCOPES } from '../../../src/config.js';

const MANIFEST = new URL('../../../appPackage/slack/manifest.yml', import.meta.url);

/** The parts of Slack's app manifest schema this app relies on (names and limits from Slack's reference). */
const manifestSchema = z.object({
  display_information: z.object({
    name: z.string().min(1).max(35),
    description: z.string().max(140).optional(),
    long_description: z.string().min(174).max(4000).optional(),
    background_color: z
      .string()
      .regex(/^#[0-9a-fA-F]{6}$/)
      .optional(),
  }),
  features: z.object({
    app_home: z.object({
      home_tab_enabled: z.boolean(),
      messages_tab_enabled: z.boolean(),
      messages_tab_read_only_enabled: z.boolean(),
    }),
    bot_user: z.object({ display_name: z.string().min(1).max(80), always_online: z.boolean() }),
    slash_commands: z
      .array(
        z.object({
          command: z.string().regex(/^\/[a-z0-9_-]{1,31}$/),
          url: z.url(),
          description: z.string().min(1).max(2000),
          usage_hint: z.string().max(1000),
          should_escape: z.boolean(),
        }),
      )
      .max(50),
  }),
  oauth_config: z.object({
    redirect_urls: z.array(z.url()).min(1).optional(),
    scopes: z.object({ bot: z.array(z.string()).min(1).max(255) }),
  }),
  settings: z.object({
    event_subscriptions: z.object({ request_url: z.url(), bot_events: z.array(z.string()).min(1) }),
    interactivity: z.object({ is_enabled: z.boolean(), request_url: z.url() }),
    org_deploy_enabled: z.boolean(),
    socket_mode_enabled: z.boolean(),
    token_rotation_enabled: z.boolean(),
  }),
});

describe('appPackage/slack/manifest.yml', () => {
  it('is YAML with the fields Slack requires', async () => {
    const parsed = manifestSchema.safeParse(parse(await readFile(MANIFEST, 'utf8')));
    expect(parsed.error?.issues ?? []).toEqual([]);
  });

  it('matches what the code handles, with least-privilege scopes', async () => {
    const m = manifestSchema.parse(parse(await readFile(MANIFEST, 'utf8')));
    expect(m.features.slash_commands.map((c) => c.command)).toEqual([SLASH_COMMAND]);
    for (const u of [
      m.features.slash_commands[0]?.url,
      m.settings.event_subscriptions.request_url,
      m.settings.interactivity.request_url,
    ]) {
      expect(new URL(u ?? '').pathname).toBe(SLACK_EVENTS_PATH);
    }
    expect([...m.oauth_config.scopes.bot].sort()).toEqual([
      'app_mentions:read',
      'channels:read',
      'chat:write',
      'commands',
      'im:history',
      'im:read',
      'im:write',
    ]);
    // The install flow asks Slack for exactly the manifest's scopes, and is sent back to its route.
    expect(m.oauth_config.scopes.bot).toEqual([...SLACK_BOT_SCOPES]);
    expect(m.oauth_config.redirect_urls?.map((u) => new URL(u).pathname)).toEqual([REDIRECT_PATH]);
    expect([...m.settings.event_subscriptions.bot_events].sort()).toEqual([
      'app_home_opened',
      'app_mention',
      'app_uninstalled',
      'member_joined_channel',
      'message.im',
      'tokens_revoked',
    ]);
    expect(m.settings.interactivity.is_enabled).toBe(true);
    expect(m.features.app_home.home_tab_enabled && m.features.app_home.messages_tab_enabled).toBe(true);
    expect(m.settings.socket_mode_enabled).toBe(false);
  });
});
