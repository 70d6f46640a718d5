import { plugins, type Request, type RequestHandler, type Response, type Next } from 'restify';

/** Bot Framework activities are small; cards we receive back (submits) are well under this. */
export const MAX_BODY_BYTES = 256 * 1024;

/**
 * JSON body parsing for one route. Never install this with `server.use`: Slack's `/slack/events`
 * needs the raw body to check its signature. Over the limit → 413 (restify's PayloadTooLarge);
 * malformed JSON → 400 (InvalidContent); a body that is not a JSON object → 400.
 */
export function jsonBody(maxBytes = MAX_BODY_BYTES): RequestHandler[] {
  return [
    ...plugins.bodyParser({
      maxBodySize: maxBytes,
      mapParams: false,
      mapFiles: false,
      overrideParams: false,
    }),
    requireJsonObject,
  ];
}

/**
 * The body of `/api/messages`: a JSON object with a string `type`, as every activity has. Anything
 * else (a client's empty connection probe, say) is 400, not the adapter's 500.
 */
export function activityBody(maxBytes = MAX_BODY_BYTES): RequestHandler[] {
  return [...jsonBody(maxBytes), requireActivityType];
}

function requireActivityType(req: Request, res: Response, next: Next): void {
  const type: unknown = (req.body as { type?: unknown }).type;
  if (typeof type !== 'string' || type === '') {
    res.send(400, { code: 'bad_input', message: 'Expected a Bot Framework activity with a "type".' });
    next(false);
    return;
  }
  next();
}

function requireJsonObject(req: Request, res: Response, next: Next): void {
  const body: unknown = req.body;
  if (!req.is('json') || typeof body !== 'object' || body === null || Array.isArray(body)) {
    res.send(400, {
      code: 'bad_input',
      message: 'Expected a JSON object with Content-Type application/json.',
    });
    next(false);
    return;
  }
  next();
}
