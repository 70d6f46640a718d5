import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface RecordedCall {
  /** The method, with `#429`, `#500` or `#hung` when the fake answered with a fault. */
  method: string;
  /** Form or JSON arguments; JSON-looking fields (blocks, view…) are parsed. */
  args: Record<string, unknown>;
  token?: string;
  /** The HTTP status answered; 0 when never answered. */
  status: number;
}

/** A message posted with chat.postMessage, as conversations.history returns it. */
export interface Posted {
  channel: string;
  ts: string;
  text: string;
  blocks: unknown[];
  metadata?: { event_type: string; event_payload: Record<string, unknown> };
}

/** A fault the fake answers one chat.postMessage to a channel with, instead of posting. */
export type PostFault =
  | { kind: 'status'; status: number; retryAfter?: string }
  | { kind: 'hang' } // never answers: the client times out
  | { kind: 'post-then-status'; status: number } // posts, then answers with an error (ambiguous)
  | { kind: 'post-then-hang' }; // posts, then never answers (the sender "dies")

interface Failure {
  status: 429 | 500;
  retryAfterSeconds?: number;
  remaining: number;
}

const BOT = {
  user_id: 'UBOT0001',
  bot_id: 'BBOT0001',
  team_id: 'T0001',
  team: 'Test',
  url: 'https://test.slack.com/',
};

/** A workspace that can install the app through the OAuth flow: `oauth.v2.access` swaps `code` for `token`. */
export interface FakeWorkspace {
  code: string;
  teamId: string;
  token: string;
  botUserId: string;
  botId: string;
  /** The installing person's Slack user id. */
  installerId?: string;
  enterpriseId?: string;
}

/**
 * A local stand-in for the Slack Web API (`SLACK_API_URL`), an outside system: answers `auth.test`,
 * records the methods the bot calls, keeps what chat.postMessage posted (conversations.history reads
 * it back), and receives `response_url` posts at `/response/{id}`. It can be told to answer 429 (with
 * Retry-After) or 500 for the next N calls of a method, to hang, or to fault one channel's posts. As
 * Slack's OAuth endpoint it swaps the codes of workspaces added with `workspace()` for their own bot
 * tokens, and `auth.test` then answers for each token with its own workspace's ids.
 */
export class FakeSlackApi {
  readonly calls: RecordedCall[] = [];
  readonly posts: Posted[] = [];
  /** Faults for the next chat.postMessage calls to a channel, in order. */
  readonly faults = new Map<string, PostFault[]>();
  #server: Server;
  #failures = new Map<string, Failure>();
  #seq = 0;
  #conversations = new Map<string, Record<string, unknown>>();
  #holds = new Map<string, Promise<void>>();
  #hangs = new Map<string, number>();
  #workspaces: FakeWorkspace[] = [];

  /** `now` stamps message ts, so tests on a fake clock can look up history by time. */
  private constructor(private readonly now: () => number) {
    this.#server = createServer((req, res) => {
      void this.#handle(req, res);
    });
  }

  static async start(options: { now?: () => number } = {}): Promise<FakeSlackApi> {
    const api = new FakeSlackApi(options.now ?? Date.now);
    await new Promise<void>((resolve) => api.#server.listen(0, '127.0.0.1', resolve));
    return api;
  }

  get origin(): string {
    const { port } = this.#server.address() as AddressInfo;
    return `http://127.0.0.1:${port}`;
  }

  /** The value for SLACK_API_URL (the Web API client appends the method name). */
  get apiUrl(): string {
    return `${this.origin}/api/`;
  }

  /** A response_url that records what is posted to it. */
  responseUrl(id = 'r1'): string {
    return `${this.origin}/response/${id}`;
  }

  callsTo(method: string): RecordedCall[] {
    return this.calls.filter((c) => c.method === method);
  }

  /** The statuses answered to every call of `method` for `channel`, faults included, in order. */
  statusesTo(method: string, channel: string): number[] {
    return this.calls
      .filter((c) => (c.method === method || c.method.startsWith(`${method}#`)) && c.args.channel === channel)
      .map((c) => c.status);
  }

  postsTo(channel: string): Posted[] {
    return this.posts.filter((p) => p.channel === channel);
  }

  /** What was posted to response_url `/response/{id}`. */
  responseTo(id: string): Record<string, unknown> | undefined {
    const call = this.callsTo('response_url').find((c) => c.args.id === id);
    if (!call) return undefined;
    const { id: _id, ...body } = call.args;
    return body;
  }

  /** Answer the next `times` calls to `method` with 429 + Retry-After, or 500. */
  fail(
    method: string,
    status: 429 | 500,
    options: { times?: number; retryAfterSeconds?: number } = {},
  ): void {
    this.#failures.set(method, {
      status,
      retryAfterSeconds: options.retryAfterSeconds,
      remaining: options.times ?? 1,
    });
  }

  /** A workspace whose install code `oauth.v2.access` accepts (once per call, like a fresh code). */
  workspace(workspace: FakeWorkspace): void {
    this.#workspaces.push(workspace);
  }

  /** What `conversations.info` answers for a channel id. */
  setConversation(id: string, info: Record<string, unknown>): void {
    this.#conversations.set(id, { id, ...info });
  }

  /** Holds every call to `method` unanswered until the returned release function is called. */
  hold(method: string): () => void {
    let release = () => {};
    this.#holds.set(method, new Promise<void>((resolve) => (release = resolve)));
    return () => {
      this.#holds.delete(method);
      release();
    };
  }

  /**
   * The next `times` calls to `method` are never answered (a Slack that hangs): they are recorded as
   * `{method}#hung` and their connections stay open until the caller gives up or close().
   */
  hang(method: string, times: number): void {
    this.#hangs.set(method, times);
  }

  /** Waits until `count` calls to `method` have been recorded (polling; fails after `timeoutMs`). */
  async waitFor(method: string, count = 1, timeoutMs = 10_000): Promise<RecordedCall[]> {
    const deadline = Date.now() + timeoutMs;
    while (this.callsTo(method).length < count) {
      if (Date.now() > deadline) {
        throw new Error(
          `expected ${count} ${method} call(s), saw ${this.callsTo(method).length}: ${this.calls.map((c) => c.method).join(', ')}`,
        );
      }
      await new Promise((r) => setTimeout(r, 10));
    }
    return this.callsTo(method);
  }

  reset(): void {
    this.calls.length = 0;
    this.posts.length = 0;
    this.faults.clear();
    this.#failures.clear();
    this.#hangs.clear();
  }

  async close(): Promise<void> {
    this.#server.closeAllConnections();
    await new Promise<void>((resolve) => this.#server.close(() => resolve()));
  }

  async #handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const chunks: Buffer[] = [];
    for await (const c of req) chunks.push(c as Buffer);
    const raw = Buffer.concat(chunks).toString('utf8');
    const url = new URL(req.url ?? '/', this.origin);
    const args = parseArgs(raw, req.headers['content-type']);
    const auth = req.headers.authorization;
    const token = auth?.startsWith('Bearer ')
      ? auth.slice(7)
      : typeof args.token === 'string'
        ? args.token
        : undefined;

    if (url.pathname.startsWith('/response/')) {
      this.calls.push({
        method: 'response_url',
        args: { ...args, id: url.pathname.slice('/response/'.length) },
        status: 200,
      });
      return send(res, 200, 'ok');
    }
    if (!url.pathname.startsWith('/api/')) return send(res, 404, 'not found');
    const method = url.pathname.slice('/api/'.length);

    const hangs = this.#hangs.get(method) ?? 0;
    if (hangs > 0) {
      this.#hangs.set(method, hangs - 1);
      this.calls.push({ method: `${method}#hung`, args, token, status: 0 });
      return;
    }
    const failure = this.#failures.get(method);
    if (failure && failure.remaining > 0) {
      failure.remaining -= 1;
      this.calls.push({ method: `${method}#${failure.status}`, args, token, status: failure.status });
      const headers: Record<string, string> =
        failure.retryAfterSeconds !== undefined ? { 'retry-after': String(failure.retryAfterSeconds) } : {};
      return sendJson(
        res,
        failure.status,
        { ok: false, error: failure.status === 429 ? 'ratelimited' : 'internal_error' },
        headers,
      );
    }
    const fault = method === 'chat.postMessage' ? this.faults.get(String(args.channel))?.shift() : undefined;
    if (fault) return this.#fault(res, fault, args, token);
    if (method !== 'auth.test') this.calls.push({ method, args, token, status: 200 });
    const held = this.#holds.get(method);
    if (held) await held;
    sendJson(res, 200, this.#answer(method, args, token));
  }

  #fault(res: ServerResponse, fault: PostFault, args: Record<string, unknown>, token?: string): void {
    const record = (status: number): void => {
      this.calls.push({ method: `chat.postMessage#${status || 'hung'}`, args, token, status });
    };
    switch (fault.kind) {
      case 'status':
        record(fault.status);
        return sendJson(
          res,
          fault.status,
          fault.status === 429 ? { ok: false, error: 'ratelimited' } : { ok: false },
          fault.retryAfter ? { 'retry-after': fault.retryAfter } : {},
        );
      case 'hang':
        return record(0);
      case 'post-then-status':
        this.#post(args);
        record(fault.status);
        return sendJson(res, fault.status, { ok: false });
      case 'post-then-hang':
        this.#post(args);
        return record(0);
    }
  }

  #post(args: Record<string, unknown>): string {
    const ts = `${Math.floor(this.now() / 1000)}.${String(++this.#seq).padStart(6, '0')}`;
    this.posts.push({
      channel: String(args.channel ?? ''),
      ts,
      text: typeof args.text === 'string' ? args.text : '',
      blocks: Array.isArray(args.blocks) ? args.blocks : [],
      metadata: args.metadata as Posted['metadata'],
    });
    return ts;
  }

  #answer(method: string, args: Record<string, unknown>, token: string | undefined): Record<string, unknown> {
    switch (method) {
      case 'auth.test': {
        const w = this.#workspaces.find((x) => x.token === token);
        return w
          ? {
              ok: true,
              user_id: w.botUserId,
              bot_id: w.botId,
              team_id: w.teamId,
              url: `https://${w.teamId}.slack.com/`,
            }
          : { ok: true, ...BOT };
      }
      case 'auth.revoke':
        return { ok: true, revoked: true };
      case 'oauth.v2.access':
        return this.#exchange(args);
      case 'chat.postMessage':
        return { ok: true, channel: args.channel, ts: this.#post(args) };
      case 'chat.update':
        return { ok: true, channel: args.channel, ts: args.ts };
      case 'chat.postEphemeral':
        return {
          ok: true,
          message_ts: `${Math.floor(this.now() / 1000)}.${String(++this.#seq).padStart(6, '0')}`,
        };
      case 'conversations.history': {
        const oldest = Number(args.oldest ?? 0);
        const messages = this.postsTo(String(args.channel ?? ''))
          .filter((p) => Number(p.ts) >= oldest)
          .reverse()
          .map((p) => ({
            type: 'message',
            ts: p.ts,
            text: p.text,
            bot_id: BOT.bot_id,
            ...(args.include_all_metadata ? { metadata: p.metadata } : {}),
          }));
        return { ok: true, messages, has_more: false };
      }
      case 'views.publish':
      case 'views.open':
      case 'views.update':
        return { ok: true, view: { id: 'V0001', ...(typeof args.view === 'object' ? args.view : {}) } };
      case 'conversations.info': {
        const id = String(args.channel ?? '');
        return {
          ok: true,
          channel: this.#conversations.get(id) ?? { id, is_channel: true, is_member: true },
        };
      }
      case 'conversations.open':
        return { ok: true, channel: { id: `D${String(args.users ?? 'X')}` } };
      default:
        return { ok: false, error: 'unknown_method' };
    }
  }

  /** Slack's oauth.v2.access answer for a known code (client id and secret must be sent). */
  #exchange(args: Record<string, unknown>): Record<string, unknown> {
    const w = this.#workspaces.find((x) => x.code === args.code);
    if (!args.client_id || !args.client_secret) return { ok: false, error: 'invalid_client_id' };
    if (!w) return { ok: false, error: 'invalid_code' };
    return {
      ok: true,
      app_id: 'A0001',
      authed_user: { id: w.installerId ?? 'UINSTALLER' },
      scope: String(args.scope ?? 'commands,chat:write'),
      token_type: 'bot',
      access_token: w.token,
      bot_user_id: w.botUserId,
      team: { id: w.teamId, name: `Workspace ${w.teamId}` },
      enterprise: w.enterpriseId ? { id: w.enterpriseId, name: `Grid ${w.enterpriseId}` } : null,
      is_enterprise_install: false,
    };
  }
}

function parseArgs(raw: string, contentType: string | undefined): Record<string, unknown> {
  if (raw === '') return {};
  if (contentType?.includes('application/json')) {
    try {
      const parsed: unknown = JSON.parse(raw);
      return typeof parsed === 'object' && parsed !== null ? (parsed as Record<string, unknown>) : { raw };
    } catch {
      return { raw };
    }
  }
  const out: Record<string, unknown> = {};
  for (const [k, v] of new URLSearchParams(raw)) {
    out[k] = /^[[{]/.test(v) ? safeParse(v) : v;
  }
  return out;
}

function safeParse(v: string): unknown {
  try {
    return JSON.parse(v);
  } catch {
    return v;
  }
}

function send(res: ServerResponse, status: number, body: string): void {
  res.writeHead(status, { 'content-type': 'text/plain' });
  res.end(body);
}

function sendJson(
  res: ServerResponse,
  status: number,
  body: unknown,
  headers: Record<string, string> = {},
): void {
  res.writeHead(status, { 'content-type': 'application/json', ...headers });
  res.end(JSON.stringify(body));
}
