import type { Server } from 'restify';
import { activityBody } from '../../server/body.js';
import type { PlaygroundBot } from './bot.js';
import { localOnly } from './http.js';

/** Where the page posts its activities: the playground's own bot, never `/api/messages`. */
export const MESSAGES_PATH = '/playground/api/messages';

export interface MessagesOptions {
  playground: PlaygroundBot;
  /** The only serviceUrl accepted: this server's playground connector. */
  serviceUrl: () => string;
  /** Wraps each turn so shutdown waits for it. */
  track: <T>(work: () => Promise<T>) => Promise<T>;
}

/**
 * The playground's Bot Framework endpoint. Its adapter has no credentials (the page has no token to
 * send), so it must never be a way to make the bot call out elsewhere: an activity must name the
 * playground connector as its serviceUrl, or it is refused before the bot sees it.
 */
export function mountMessages(server: Server, options: MessagesOptions): void {
  const { adapter, bot } = options.playground;
  server.post(MESSAGES_PATH, localOnly, ...activityBody(), async (req, res) => {
    const serviceUrl = (req.body as { serviceUrl?: unknown }).serviceUrl;
    if (serviceUrl !== options.serviceUrl()) {
      res.send(400, {
        code: 'bad_input',
        message: 'Playground activities must use the serviceUrl given by /playground/session.',
      });
      return;
    }
    await options.track(() => adapter.process(req, res, (context) => bot.run(context)));
  });
}
