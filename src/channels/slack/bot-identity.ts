import type { webApi } from '@slack/bolt';
import type { Logger } from 'pino';

type WebClient = webApi.WebClient;

export interface BotIds {
  botId?: string;
  botUserId?: string;
  teamId?: string;
}

/**
 * The bot's own ids from `auth.test`, fetched in the background with backoff. Bolt's own check runs
 * once at start-up and keeps its first result: a Slack that hung or failed then left every later
 * event unanswered until a restart. Here events are answered with the token alone meanwhile (the ids
 * only tell the bot's own messages apart, which the surfaces also do by `bot_id`), and `/healthz`
 * says Slack is not ready until Slack has confirmed the token.
 */
export class BotIdentity {
  #ids: BotIds | undefined;
  #timer: NodeJS.Timeout | undefined;
  #stopped = false;
  #attempt = 0;

  constructor(
    private readonly client: WebClient,
    private readonly token: string,
    private readonly logger: Logger,
    private readonly onReady: () => void,
    private readonly backoff = { firstMs: 1_000, maxMs: 60_000 },
  ) {}

  get ready(): boolean {
    return this.#ids !== undefined;
  }

  /** Starts checking; returns at once (the first check runs in the background). */
  start(): void {
    void this.#check();
  }

  stop(): void {
    this.#stopped = true;
    clearTimeout(this.#timer);
  }

  /** Bolt's `authorize`: the token, and the ids once known. */
  authorize = async (): Promise<BotIds & { botToken: string }> => ({ botToken: this.token, ...this.#ids });

  async #check(): Promise<void> {
    if (this.#stopped) return;
    try {
      const res = await this.client.auth.test({ token: this.token });
      this.#ids = {
        ...(res.bot_id ? { botId: res.bot_id } : {}),
        ...(res.user_id ? { botUserId: res.user_id } : {}),
        ...(res.team_id ? { teamId: res.team_id } : {}),
      };
      this.logger.info({ attempt: this.#attempt + 1 }, 'slack: token confirmed (auth.test)');
      this.onReady();
    } catch (error) {
      const delay = Math.min(this.backoff.maxMs, this.backoff.firstMs * 2 ** this.#attempt);
      this.#attempt += 1;
      this.logger.warn(
        { err: error, attempt: this.#attempt, retryInMs: delay },
        'slack: auth.test failed; Slack is not ready, retrying',
      );
      if (this.#stopped) return;
      this.#timer = setTimeout(() => void this.#check(), delay);
      this.#timer.unref();
    }
  }
}
