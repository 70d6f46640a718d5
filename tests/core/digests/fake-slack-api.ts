import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

/** A fault the fake answers a chat.postMessage with, instead of posting. */
export type Fault =
  | { kind: 'status'; status: number; retryAfter?: string }
  | { kind: 'hang' } // never answers: the client times out
  | { kind: 'post-then-status'; status: number } // posts, then answers with an error (ambiguous)
  | { kind: 'post-then-hang' }; // posts, then never answers (the sender "dies")

export interface Posted {
  channel: string;
  ts: string;
  text: string;
  blocks: unknown[];
  metadata?: { event_type: string; event_payload: Record<string, unknown> };
}

/** A local stand-in for the Slack Web API (an outside system) on 127.0.0.1, with scripted faults. */
export class FakeSlackApi {
  readonly posts: Posted[] = [];
  readonly calls: { method: string; channel?: string; status: number }[] = [];
  /** Bodies posted to a slash command's response_url (`/response/{id}` on this server). */
  readonly responses: { id: string; body: Record<string, unknown> }[] = [];
  /** Faults to apply, per channel, to the next chat.postMessage calls in order. */
  readonly faults = new Map<string, Fault[]>();
  #server: Server;
  #seq = 0;

  /** `now` stamps message ts, so tests on a fake clock can look up history by time. */
  constructor(private readonly now: () => number = Date.now) {
    this.#server = createServer((req, res) => void this.#handle(req, res));
  }

  async start(): Promise<string> {
    await new Promise<void>((resolve) => this.#server.listen(0, '127.0.0.1', resolve));
    return `http://127.0.0.1:${(this.#server.address() as AddressInfo).port}/api/`;
  }

  async stop(): Promise<void> {
    this.#server.closeAllConnections();
    await new Promise<void>((resolve) => this.#server.close(() => resolve()));
  }

  postsTo(channel: string): Posted[] {
    return this.posts.filter((p) => p.channel === channel);
  }

  async #handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const chunks: Buffer[] = [];
    for await (const chunk of req) chunks.push(chunk as Buffer);
    const raw = Buffer.concat(chunks).toString('utf8');
    if (req.url?.startsWith('/response/')) {
      this.responses.push({ id: req.url.slice('/response/'.length), body: JSON.parse(raw || '{}') });
      res.writeHead(200, { 'content-type': 'text/plain' });
      res.end('ok');
      return;
    }
    const params: Record<string, string> = (req.headers['content-type'] ?? '').includes('json')
      ? (JSON.parse(raw || '{}') as Record<string, string>)
      : Object.fromEntries(new URLSearchParams(raw));
    const method = (req.url ?? '').replace(/^\/api\//, '').split('?')[0] ?? '';
    const json = (status: number, body: unknown, headers: Record<string, string> = {}) => {
      this.calls.push({ method, channel: params.channel, status });
      res.writeHead(status, { 'content-type': 'application/json', ...headers });
      res.end(JSON.stringify(body));
    };
    const decode = <T>(v: unknown): T | undefined =>
      typeof v === 'string' ? (JSON.parse(v) as T) : (v as T | undefined);

    if (method === 'auth.test')
      return json(200, { ok: true, user_id: 'UBOT', bot_id: 'BBOT', team_id: 'T1' });
    if (method === 'conversations.history') {
      const oldest = Number(params.oldest ?? 0);
      const messages = this.postsTo(params.channel ?? '')
        .filter((p) => Number(p.ts) >= oldest)
        .reverse()
        .map((p) => ({
          type: 'message',
          ts: p.ts,
          text: p.text,
          bot_id: 'BBOT',
          ...(params.include_all_metadata ? { metadata: p.metadata } : {}),
        }));
      return json(200, { ok: true, messages, has_more: false });
    }
    if (method !== 'chat.postMessage') return json(200, { ok: false, error: 'unknown_method' });

    const channel = params.channel ?? '';
    const fault = this.faults.get(channel)?.shift();
    const post = () => {
      const ts = `${Math.floor(this.now() / 1000)}.${String(++this.#seq).padStart(6, '0')}`;
      this.posts.push({
        channel,
        ts,
        text: params.text ?? '',
        blocks: decode<unknown[]>(params.blocks) ?? [],
        metadata: decode(params.metadata),
      });
      return ts;
    };
    if (!fault) return json(200, { ok: true, channel, ts: post() });
    switch (fault.kind) {
      case 'status':
        return json(
          fault.status,
          fault.status === 429 ? { ok: false, error: 'ratelimited' } : { ok: false },
          fault.retryAfter ? { 'retry-after': fault.retryAfter } : {},
        );
      case 'hang':
        this.calls.push({ method, channel, status: 0 });
        return; // never answer
      case 'post-then-status':
        post();
        return json(fault.status, { ok: false });
      case 'post-then-hang':
        post();
        this.calls.push({ method, channel, status: 0 });
        return;
    }
  }
}
