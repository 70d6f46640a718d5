import { join } from 'node:path';
import { renderBlocks } from '../../../src/channels/slack/render-blocks.js';
import { createDigestService } from '../../../src/core/digests/load.js';
import type { DigestSender } from '../../../src/core/digests/sender.js';
import type { DigestServiceOptions } from '../../../src/core/digests/service.js';
import { SlackDigestSender } from '../../../src/channels/slack/digest-sender.js';
import type { Store } from '../../../src/core/store/store.js';

export const contentDir = join(import.meta.dirname, '../../../content');

/** A clock that runs at real speed from a chosen start, and can be moved (restart after downtime). */
export class TestClock {
  #offset: number;
  constructor(start: string) {
    this.#offset = Date.parse(start) - Date.now();
  }
  now = (): Date => new Date(Date.now() + this.#offset);
  advance(ms: number): void {
    this.#offset += ms;
  }
  set(iso: string): void {
    this.#offset = Date.parse(iso) - Date.now();
  }
}

export function slackSender(apiUrl: string, timeoutMs = 400): SlackDigestSender {
  return new SlackDigestSender({
    token: 'xoxb-test',
    slackApiUrl: apiUrl,
    timeoutMs,
    renderBlocks: (reply) => renderBlocks(reply).blocks,
    renderText: (reply) => renderBlocks(reply).text,
  });
}

/** A DigestService over the real content pack, with small backoffs so tests stay quick. */
export function service(
  store: Store,
  clock: TestClock,
  senders: Partial<Record<'teams' | 'slack', DigestSender>>,
  extra: Partial<DigestServiceOptions> = {},
) {
  return createDigestService(contentDir, {
    store,
    senders,
    clock: clock.now,
    retry: { baseDelayMs: 10, maxDelayMs: 40 },
    limits: {
      slack: { perConversationMs: 5, perPlatformMs: 1 },
      teams: { perConversationMs: 5, perPlatformMs: 1 },
    },
    ...extra,
  });
}
