import type { IncomingMessage, ServerResponse } from 'node:http';
import {
  HTTPModuleFunctions as http,
  HTTPResponseAck,
  type App,
  type Logger as BoltLogger,
  type Receiver,
  type ReceiverEvent,
} from '@slack/bolt';
import type { Server } from 'restify';
import { readRawBody } from '../../server/raw-body.js';
import { isKnownEnvelope } from './envelope.js';
import type { InstallFlow } from './install-flow.js';

export const SLACK_EVENTS_PATH = '/slack/events';
/** Slack payloads are small; a modal submission with every field filled stays far below this. */
const BODY_LIMIT_BYTES = 1024 * 1024;
/** Slack's own rule for how far a request's timestamp may be from our clock. */
const MAX_CLOCK_SKEW_SECONDS = 5 * 60;

/**
 * A Bolt `Receiver` on the shared restify server: `POST /slack/events` takes events, slash commands
 * and interactivity. Bolt's own `parseAndVerifyHTTPRequest` checks the signature (once) on the raw
 * body, then each request becomes a `ReceiverEvent` for `app.processEvent`, acked the way Bolt's
 * HTTPReceiver acks (`processBeforeResponse`: the HTTP answer goes when the listener returns).
 * With an install flow, its pages are served too, and `installer` (the name Bolt's App looks for)
 * makes Bolt authorise each request with the installing workspace's own token.
 * start()/stop() have nothing to do: the server's lifetime is the app's, not Slack's.
 */
export class RestifyReceiver implements Receiver {
  #app: App | undefined;
  readonly installer: InstallFlow['installer'] | undefined;

  constructor(
    private readonly options: { signingSecret: string; logger: BoltLogger; installFlow?: InstallFlow },
  ) {
    this.installer = options.installFlow?.installer;
  }

  init(app: App): void {
    this.#app = app;
  }

  start(): Promise<void> {
    return Promise.resolve();
  }

  stop(): Promise<void> {
    return Promise.resolve();
  }

  /** Adds `POST /slack/events` (and the install pages). Never put bodyParser on server.use: the signature is over the raw body. */
  mount(server: Server): void {
    this.options.installFlow?.mount(server);
    server.post(SLACK_EVENTS_PATH, async (req, res) => {
      await this.#handle(req, res);
    });
  }

  async #handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    // Read to the end even when too large, so the keep-alive connection stays usable (Bolt's reader stops).
    const body = await readRawBody(req, BODY_LIMIT_BYTES).catch(() => undefined);
    if (!body) return; // the client went away mid-body
    if (body.kind === 'too_large') {
      res.writeHead(413, body.close ? { connection: 'close' } : {});
      res.end();
      return;
    }
    // Bolt refuses timestamps over 5 minutes old but not ones from the future, which a captured
    // request could be replayed with for as long as the sender's clock claimed.
    const timestamp = Number(req.headers['x-slack-request-timestamp']);
    if (timestamp > Date.now() / 1000 + MAX_CLOCK_SKEW_SECONDS) return http.buildNoBodyResponse(res, 401);

    const buffered = Object.assign(req, { rawBody: body.bytes });
    try {
      // Reuses `rawBody`; strips anything smuggled beside an unsigned `ssl_check`.
      await http.parseAndVerifyHTTPRequest(
        { signingSecret: this.options.signingSecret, logger: this.options.logger },
        buffered,
      );
    } catch {
      return http.buildNoBodyResponse(res, 401);
    }
    let parsed: Record<string, unknown>;
    try {
      parsed = http.parseHTTPRequestBody(buffered) as Record<string, unknown>;
    } catch {
      parsed = {};
    }
    // Anything else gets 400 at once instead of Bolt's silent 3-second no-ack timeout.
    if (!isKnownEnvelope(parsed)) return http.buildNoBodyResponse(res, 400);
    if (parsed.ssl_check === '1') return http.buildSSLCheckResponse(res);
    if (parsed.type === 'url_verification') return http.buildUrlVerificationResponse(res, parsed);

    const ack = new HTTPResponseAck({
      logger: this.options.logger,
      processBeforeResponse: true,
      httpRequest: buffered,
      httpRequestBody: parsed,
      httpResponse: res,
    });
    const event: ReceiverEvent = {
      body: parsed,
      ack: ack.bind(),
      // X-Slack-Retry-Num / -Reason: Slack resending an event it thinks went unanswered.
      retryNum: http.extractRetryNumFromHTTPRequest(req),
      retryReason: http.extractRetryReasonFromHTTPRequest(req),
    };
    try {
      await this.#app?.processEvent(event);
      if (ack.storedResponse !== undefined) http.buildContentResponse(res, ack.storedResponse);
    } catch (error) {
      const handled = await http.defaultProcessEventErrorHandler({
        error: error as Error,
        logger: this.options.logger,
        request: req,
        response: res,
        storedResponse: ack.storedResponse,
      });
      if (handled) ack.ack();
    }
  }
}
