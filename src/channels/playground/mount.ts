import type { Request, Response, Server } from 'restify';
import type { Logger } from '../../server/logger.js';
import { jsonBody } from '../../server/body.js';
import { ASSETS, PAGE, type Asset } from './assets.js';
import { PlaygroundConversations, type PlaygroundEvent } from './conversations.js';
import { isLoopbackAddress, isLoopbackHostHeader } from './loopback.js';

export interface PlaygroundOptions {
  logger: Logger;
  conversations?: PlaygroundConversations;
  /** Open event streams at once; more get 429. */
  maxStreams?: number;
}

/** Where the page tells the bot to send its replies (the activity's `serviceUrl`). */
export const CONNECTOR_PATH = '/playground/connector';
const ACTIVITIES = `${CONNECTOR_PATH}/v3/conversations/:conversationId/activities`;

/** Conversation ids the page makes (`pg-{uuid}`), and any Teams-like id a Bot Framework client might use. */
const CONVERSATION_ID = /^[A-Za-z0-9:._@;=-]{1,200}$/;
const ACTIVITY_ID = /^[A-Za-z0-9:._@|-]{1,200}$/;

/** The page runs only its own script; card text can never become markup that runs. */
const PAGE_HEADERS = {
  'content-security-policy':
    "default-src 'none'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; " +
    "connect-src 'self'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'",
  'x-content-type-options': 'nosniff',
  'referrer-policy': 'no-referrer',
  'cache-control': 'no-store',
};

/**
 * The local browser playground (local mode only): the chat page and its assets, a minimal Bot
 * Framework connector the bot replies to, and a Server-Sent Events stream of those replies. The page
 * itself posts real activities to `POST /api/messages`, so the bot answers it exactly as it answers Teams.
 */
export function mountPlayground(server: Server, options: PlaygroundOptions): PlaygroundConversations {
  const conversations = options.conversations ?? new PlaygroundConversations();
  const maxStreams = options.maxStreams ?? 32;
  let streams = 0;

  /** Loopback callers only, by address and by Host header; anything else sees no playground at all. */
  const local = (req: Request, res: Response): boolean => {
    if (isLoopbackAddress(req.socket.remoteAddress) && isLoopbackHostHeader(req.headers.host)) return true;
    res.send(404, { code: 'not_found', message: 'Not found.' });
    return false;
  };

  const sendAsset = async (req: Request, res: Response, asset: Asset): Promise<void> => {
    if (!local(req, res)) return;
    const content = await asset.load();
    if (!content) {
      res.send(404, { code: 'not_found', message: 'Not found.' });
      return;
    }
    res.writeHead(200, { ...PAGE_HEADERS, 'content-type': asset.type, 'content-length': content.length });
    res.end(content);
  };

  server.get('/playground', async (req, res) => sendAsset(req, res, PAGE));
  for (const [name, asset] of Object.entries(ASSETS)) {
    server.get(`/playground/${name}`, async (req, res) => sendAsset(req, res, asset));
  }

  // The serviceUrl comes from the address the server is bound to: a page opened as http://localhost
  // must not send the bot to a name that may resolve to another address (::1).
  server.get('/playground/session', async (req, res) => {
    if (!local(req, res)) return;
    const address = server.address();
    const host = address.family === 'IPv6' ? `[${address.address}]` : address.address;
    res.header('cache-control', 'no-store');
    res.send(200, { serviceUrl: `http://${host}:${address.port}${CONNECTOR_PATH}` });
  });

  server.get('/playground/events', async (req, res) => {
    if (!local(req, res)) return;
    const conversationId = new URL(req.url ?? '/', 'http://x').searchParams.get('conversation') ?? '';
    if (!CONVERSATION_ID.test(conversationId)) {
      res.send(400, { code: 'bad_input', message: 'Expected ?conversation= with a conversation id.' });
      return;
    }
    if (streams >= maxStreams) {
      res.send(429, { code: 'too_many_streams', message: 'Too many playground pages are open.' });
      return;
    }
    streams += 1;
    res.writeHead(200, {
      'content-type': 'text/event-stream; charset=utf-8',
      'cache-control': 'no-store',
      'x-accel-buffering': 'no',
    });
    const write = (event: PlaygroundEvent): void => {
      res.write(`event: ${event.kind}\ndata: ${JSON.stringify(event)}\n\n`);
    };
    res.write('retry: 2000\n\n');
    for (const activity of conversations.history(conversationId)) write({ kind: 'activity', activity });
    res.write('event: ready\ndata: {}\n\n');
    const unsubscribe = conversations.subscribe(conversationId, write);
    // A comment line now and then keeps idle proxies and the browser from dropping the stream.
    const heartbeat = setInterval(() => res.write(': keep-alive\n\n'), 15_000);
    heartbeat.unref();
    await new Promise<void>((resolve) => res.once('close', resolve));
    clearInterval(heartbeat);
    unsubscribe();
    streams -= 1;
  });

  const activityFrom = (req: Request, res: Response): { conversationId: string } | undefined => {
    if (!local(req, res)) return undefined;
    const conversationId = String(req.params.conversationId ?? '');
    const activityId = req.params.activityId as string | undefined;
    if (
      !CONVERSATION_ID.test(conversationId) ||
      (activityId !== undefined && !ACTIVITY_ID.test(activityId))
    ) {
      res.send(400, { code: 'bad_input', message: 'Malformed conversation or activity id.' });
      return undefined;
    }
    return { conversationId };
  };

  // New activity, or a reply to one (the bot replies to the activity it received).
  const post = async (req: Request, res: Response): Promise<void> => {
    const target = activityFrom(req, res);
    if (!target) return;
    const id = conversations.add(target.conversationId, req.body as Record<string, unknown>);
    options.logger.debug({ conversations: conversations.size }, 'playground: bot activity stored');
    res.send(200, { id });
  };
  server.post(ACTIVITIES, ...jsonBody(), post);
  server.post(`${ACTIVITIES}/:activityId`, ...jsonBody(), post);

  server.put(`${ACTIVITIES}/:activityId`, ...jsonBody(), async (req, res) => {
    const target = activityFrom(req, res);
    if (!target) return;
    const id = String(req.params.activityId);
    if (!conversations.update(target.conversationId, id, req.body as Record<string, unknown>)) {
      res.send(404, { code: 'not_found', message: 'No such activity.' });
      return;
    }
    res.send(200, { id });
  });

  server.del(`${ACTIVITIES}/:activityId`, async (req, res) => {
    const target = activityFrom(req, res);
    if (!target) return;
    const found = conversations.delete(target.conversationId, String(req.params.activityId));
    res.send(found ? 200 : 404, found ? {} : { code: 'not_found', message: 'No such activity.' });
  });

  options.logger.info({ path: '/playground' }, 'playground: mounted (local mode, loopback only)');
  return conversations;
}
