import type { Request, Response, Server } from 'restify';
import type { Logger } from '../../server/logger.js';
import { jsonBody } from '../../server/body.js';
import { PlaygroundConversations, type PlaygroundEvent } from './conversations.js';
import { localOnly } from './http.js';

/** Where the page tells the bot to send its replies (the activity's `serviceUrl`). */
export const CONNECTOR_PATH = '/playground/connector';
const ACTIVITIES = `${CONNECTOR_PATH}/v3/conversations/:conversationId/activities`;

/** Conversation ids the page makes (`pg-{uuid}`), and any Teams-like id a Bot Framework client might use. */
export const CONVERSATION_ID = /^[A-Za-z0-9:._@;=-]{1,200}$/;
const ACTIVITY_ID = /^[A-Za-z0-9:._@|-]{1,200}$/;

export interface ConnectorOptions {
  logger: Logger;
  conversations: PlaygroundConversations;
  /** Open event streams at once; more get 429. */
  maxStreams: number;
}

/**
 * A minimal Bot Framework connector the bot replies to (new activities, replies, in-place updates and
 * deletes), and the Server-Sent Events stream that tells the page about them.
 */
export function mountConnector(server: Server, options: ConnectorOptions): void {
  const { conversations, maxStreams } = options;
  let streams = 0;

  server.get('/playground/events', localOnly, async (req, res) => {
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

  const target = (req: Request, res: Response): { conversationId: string } | undefined => {
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
    const to = target(req, res);
    if (!to) return;
    const id = conversations.add(to.conversationId, req.body as Record<string, unknown>);
    options.logger.debug({ conversations: conversations.size }, 'playground: bot activity stored');
    res.send(200, { id });
  };
  server.post(ACTIVITIES, localOnly, ...jsonBody(), post);
  server.post(`${ACTIVITIES}/:activityId`, localOnly, ...jsonBody(), post);

  server.put(`${ACTIVITIES}/:activityId`, localOnly, ...jsonBody(), async (req, res) => {
    const to = target(req, res);
    if (!to) return;
    const id = String(req.params.activityId);
    if (!conversations.update(to.conversationId, id, req.body as Record<string, unknown>)) {
      res.send(404, { code: 'not_found', message: 'No such activity.' });
      return;
    }
    res.send(200, { id });
  });

  server.del(`${ACTIVITIES}/:activityId`, localOnly, async (req, res) => {
    const to = target(req, res);
    if (!to) return;
    const found = conversations.delete(to.conversationId, String(req.params.activityId));
    res.send(found ? 200 : 404, found ? {} : { code: 'not_found', message: 'No such activity.' });
  });
}
