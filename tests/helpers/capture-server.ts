import { randomUUID } from 'node:crypto';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

/**
 * A local stand-in for the Bot Framework connector (an outside system). Activities the bot sends
 * to `serviceUrl` arrive here as POST /v3/conversations/{id}/activities[/{replyToId}] (and PUT for
 * updates); each is recorded and answered like the connector does ({ id }). It can be told to answer
 * the next requests with 429 + Retry-After, 500, or after a delay.
 */
export interface CapturedActivity {
  method: string;
  conversationId: string;
  /** The activity id in the path: replyToId for a POST reply, the updated id for a PUT. */
  pathActivityId?: string;
  authorization?: string;
  activity: Record<string, unknown>;
}

export interface PlannedResponse {
  status: number;
  retryAfterSeconds?: number;
  delayMs?: number;
}

const ROUTE = /^\/v3\/conversations\/([^/]+)\/activities(?:\/([^/]+))?\/?$/;

export class CaptureServer {
  readonly captured: CapturedActivity[] = [];
  /** Conversations the bot created (POST /v3/conversations, e.g. a 1:1 chat), with their new ids. */
  readonly created: { id: string; parameters: Record<string, unknown> }[] = [];
  /** Every request, including failed ones, as "METHOD path status". */
  readonly requests: string[] = [];
  /** Requests that have arrived (counted before any planned delay). */
  received = 0;
  readonly #arrivalWaiters: (() => void)[] = [];
  readonly #planned: PlannedResponse[] = [];
  readonly #waiters: { count: number; resolve: () => void }[] = [];
  #server?: Server;
  url = '';

  async start(): Promise<this> {
    this.#server = createServer((req, res) => void this.#handle(req, res));
    await new Promise<void>((resolve) => this.#server?.listen(0, '127.0.0.1', resolve));
    this.url = `http://127.0.0.1:${(this.#server.address() as AddressInfo).port}`;
    return this;
  }

  /** The next requests get these responses, in order, before the normal 200 resumes. */
  plan(...responses: PlannedResponse[]): void {
    this.#planned.push(...responses);
  }

  /** Resolves once at least `count` activities were captured (rejects after `timeoutMs`). */
  async waitFor(count: number, timeoutMs = 10_000): Promise<CapturedActivity[]> {
    if (this.captured.length < count) {
      await new Promise<void>((resolve, reject) => {
        const timer = setTimeout(
          () =>
            reject(
              new Error(
                `capture server: ${this.captured.length} of ${count} activities after ${timeoutMs} ms`,
              ),
            ),
          timeoutMs,
        );
        this.#waiters.push({ count, resolve: () => (clearTimeout(timer), resolve()) });
      });
    }
    return this.captured;
  }

  /** Captured activities for one conversation. */
  for(conversationId: string): CapturedActivity[] {
    return this.captured.filter((c) => c.conversationId === conversationId);
  }

  clear(): void {
    this.received = 0;
    this.captured.length = 0;
    this.created.length = 0;
    this.requests.length = 0;
  }

  async close(): Promise<void> {
    const server = this.#server;
    if (!server) return;
    server.closeAllConnections();
    await new Promise<void>((resolve) => server.close(() => resolve()));
  }

  /** Resolves once a request has arrived (even if its planned response is still delayed). */
  async waitForArrival(): Promise<void> {
    if (this.received > 0) return;
    await new Promise<void>((resolve) => this.#arrivalWaiters.push(resolve));
  }

  async #handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    this.received += 1;
    this.#arrivalWaiters.splice(0).forEach((wake) => wake());
    const chunks: Buffer[] = [];
    for await (const chunk of req) chunks.push(chunk as Buffer);
    const path = new URL(req.url ?? '/', 'http://x').pathname;
    if (req.method === 'POST' && /^\/v3\/conversations\/?$/.test(path)) {
      const id = `a:created-${randomUUID()}`;
      this.created.push({ id, parameters: JSON.parse(Buffer.concat(chunks).toString('utf8') || '{}') });
      this.requests.push(`POST ${path} 200`);
      res.writeHead(200, { 'content-type': 'application/json' });
      res.end(JSON.stringify({ id }));
      return;
    }
    const match = ROUTE.exec(path);
    const plan = this.#planned.shift();
    if (plan?.delayMs) await new Promise((r) => setTimeout(r, plan.delayMs));
    const status = plan?.status ?? (match && (req.method === 'POST' || req.method === 'PUT') ? 200 : 404);
    this.requests.push(`${req.method} ${path} ${status}`);
    if (status !== 200) {
      const headers: Record<string, string> = { 'content-type': 'application/json' };
      if (plan?.retryAfterSeconds !== undefined) headers['retry-after'] = String(plan.retryAfterSeconds);
      res.writeHead(status, headers);
      res.end(
        JSON.stringify({
          error: { code: status === 429 ? 'Throttled' : 'ServiceError', message: 'planned' },
        }),
      );
      return;
    }
    if (!match) return; // unreachable: status is 404 without a match
    const activity = JSON.parse(Buffer.concat(chunks).toString('utf8') || '{}') as Record<string, unknown>;
    this.captured.push({
      method: req.method ?? '',
      conversationId: decodeURIComponent(match[1] ?? ''),
      pathActivityId: match[2] && decodeURIComponent(match[2]),
      authorization: req.headers.authorization,
      activity,
    });
    for (const w of this.#waiters.filter((x) => this.captured.length >= x.count)) {
      this.#waiters.splice(this.#waiters.indexOf(w), 1);
      w.resolve();
    }
    // Separate calls: restify (loaded in the same process) patches ServerResponse.writeHead to return nothing.
    res.writeHead(200, { 'content-type': 'application/json' });
    res.end(JSON.stringify({ id: randomUUID() }));
  }
}

export async function startCaptureServer(): Promise<CaptureServer> {
  return new CaptureServer().start();
}
