import type { TeamsAdapter } from '@microsoft/teams-ai';
import type { Config } from '../config.js';
import { renderBlocks } from '../channels/slack/render-blocks.js';
import { createTeamsAdapter } from '../channels/teams/adapter.js';
import { createTeamsDigestSender } from '../channels/teams/digest-sender.js';
import type { DigestPlatform, DigestSender } from '../core/digests/sender.js';
import { SlackDigestSender } from '../core/digests/senders/slack.js';
import { installedTokenFor } from '../channels/slack/installation-store.js';
import type { Store } from '../core/store/store.js';

export type DigestSenders = Partial<Record<DigestPlatform, DigestSender>>;

/**
 * The digest senders for a configuration: Teams through the bot's adapter (proactive posts to stored
 * conversation references), Slack through chat.postMessage when Slack is configured. The server and
 * `npm run digest` both build their Guide (and so their DigestService) with these.
 */
export function createDigestSenders(
  config: Config,
  adapter: TeamsAdapter = createTeamsAdapter(config.microsoft),
  store?: Store,
): DigestSenders {
  const timeoutMs = config.digests.sendTimeoutMs;
  const senders: DigestSenders = {
    teams: createTeamsDigestSender(adapter, config.microsoft.appId, { timeoutMs }),
  };
  const tokenFor = config.slack?.oauth && store ? installedTokenFor(store) : undefined;
  if (config.slack?.botToken || tokenFor) {
    senders.slack = new SlackDigestSender({
      token: config.slack?.botToken,
      tokenFor,
      slackApiUrl: config.slack?.apiUrl,
      timeoutMs,
      renderBlocks: (reply) => renderBlocks(reply, { feedback: true }).blocks,
      renderText: (reply) => renderBlocks(reply).text,
    });
  }
  return senders;
}
