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
