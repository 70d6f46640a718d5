import { isUtf8 } from 'node:buffer';
import type { Request, RequestHandler, Response, Next } from 'restify';
import { readRawBody } from './raw-body.js';

/** Bot Framework activities are small; cards we receive back (submits) are well under this. */
export const MAX_BODY_BYTES = 256 * 1024;

/**
 * JSON body parsing for one route. Never install this with `server.use`: Slack's `/slack/events`
 * needs the raw body to check its signature. Over the limit → 413 (the body is drained first, so a
 * keep-alive connection stays usable); a compressed body → 415; bytes that are not UTF-8, malformed
 * JSON or a body that is not a JSON object → 400.
 */
export function jsonBody(maxBytes = MAX_BODY_BYTES): RequestHandler[] {
  return [(req: Request, res: Response, next: Next) => void readJsonObject(maxBytes, req, res, next)];
}

async function readJsonObject(maxBytes: number, req: Request, res: Response, next: Next): Promise<void> {
  const refuse = (status: number, code: string, message: string) => {
    res.send(status, { code, message });
    next(false);
  };
  const encoding = req.headers['content-encoding'];
  if (encoding !== undefined && encoding.toLowerCase() !== 'identity') {
    // Not read: close the connection rather than leave the body in it.
    res.header('connection', 'close');
    return refuse(415, 'bad_input', 'Send the body uncompressed.');
  }
  if (!req.is('json')) {
    const drained = await readRawBody(req, 0).catch(() => undefined);
    if (drained?.kind === 'too_large' && drained.close) res.header('connection', 'close');
    return refuse(400, 'bad_input', 'Expected a JSON object with Content-Type application/json.');
  }
  const body = await readRawBody(req, maxBytes).catch(() => undefined);
  if (!body) return; // the client went away mid-body: nobody to answer
  if (body.kind === 'too_large') {
    if (body.close) res.header('connection', 'close');
    return refuse(413, 'too_large', `The body is over ${Math.round(maxBytes / 1024)} KB.`);
  }
  if (!isUtf8(body.bytes)) return refuse(400, 'bad_input', 'The body is not valid UTF-8.');
  let parsed: unknown;
  try {
    parsed = JSON.parse(body.bytes.toString('utf8'));
  } catch {
    return refuse(400, 'bad_input', 'The body is not valid JSON.');
  }
  if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) {
    return refuse(400, 'bad_input', 'Expected a JSON object with Content-Type application/json.');
  }
  req.body = parsed;
  next();
}

/**
 * The body of a Bot Framework endpoint: a JSON object with a string `type`, as every activity has.
 * Anything else (a client's empty connection probe, say) is 400, not botbuilder's 500.
 */
export function activityBody(maxBytes = MAX_BODY_BYTES): RequestHandler[] {
  return [...jsonBody(maxBytes), requireActivityType];
}

function requireActivityType(req: Request, res: Response, next: Next): void {
  const type: unknown = (req.body as { type?: unknown }).type;
  if (typeof type === 'string' && type.trim() !== '') return next();
  res.send(400, { code: 'bad_input', message: 'Expected a Bot Framework activity: "type" is missing.' });
  next(false);
}
