import type { Next, Request, RequestHandler, Response, Server } from 'restify';
import type { TurnContext } from 'botbuilder';
import type { TeamsAdapter } from '@microsoft/teams-ai';
import { isLocalRequest, isLoopbackHost } from './loopback.js';
import { startTurnClock, type TurnLimits } from '../channels/teams/time-limits.js';
import { activityBody } from './body.js';
import type { InFlight } from './in-flight.js';

export interface MessagesRouteDeps {
  adapter: TeamsAdapter;
  run: (context: TurnContext) => Promise<void>;
  inFlight: InFlight;
  limits: TurnLimits;
  /** No MicrosoftAppId: no token is checked, so the route takes the playground's loopback rules. */
  localMode: boolean;
}

/**
 * `POST /api/messages`, the Bot Framework endpoint. In local mode nothing authenticates a request, so
 * only the operator at this machine may use it (loopback peer and Host, no proxy headers: a page that
 * rebinds its DNS name to 127.0.0.1 is refused), and the bot replies only to a loopback serviceUrl
 * (Agents Playground and the Emulator run locally). With a MicrosoftAppId the token's serviceUrl claim
 * is checked by botbuilder instead.
 */
export function mountMessagesRoute(server: Server, deps: MessagesRouteDeps): void {
  const local: RequestHandler[] = deps.localMode ? [localOperatorOnly] : [];
  const loopbackReplies: RequestHandler[] = deps.localMode ? [loopbackServiceUrl] : [];
  server.post('/api/messages', ...local, ...activityBody(), ...loopbackReplies, async (req, res) => {
    // The turn's deadline, found by its activity (the parsed body) when botbuilder makes its connector client.
    startTurnClock(req.body as object, deps.limits);
    await deps.inFlight.track(() => deps.adapter.process(req, res, deps.run));
  });
}

function refuse(res: Response, next: Next, status: number, code: string, message: string): void {
  res.send(status, { code, message });
  next(false);
}

const localOperatorOnly: RequestHandler = (req: Request, res: Response, next: Next) => {
  if (isLocalRequest(req)) return next();
  refuse(
    res,
    next,
    403,
    'forbidden',
    'Local mode (no MicrosoftAppId) answers this machine only: no proxy, and a Host of localhost or 127.0.0.1.',
  );
};

function loopbackServiceUrl(req: Request, res: Response, next: Next): void {
  const serviceUrl = (req.body as { serviceUrl?: unknown }).serviceUrl;
  if (typeof serviceUrl === 'string' && isLoopbackUrl(serviceUrl)) return next();
  refuse(
    res,
    next,
    400,
    'bad_input',
    'Local mode (no MicrosoftAppId) replies to this machine only: serviceUrl must be an http(s) address on localhost or 127.0.0.1.',
  );
}

function isLoopbackUrl(value: string): boolean {
  try {
    const url = new URL(value);
    return (url.protocol === 'http:' || url.protocol === 'https:') && isLoopbackHost(url.hostname);
  } catch {
    return false;
  }
}
