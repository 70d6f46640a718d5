import { randomUUID } from 'node:crypto';
import { request } from 'node:http';
import { SseReader } from './sse.js';

/** What GET /playground/session tells the page. */
export interface Session {
  messagesUrl: string;
  serviceUrl: string;
  user: { id: string; name: string };
  adminUrl: string;
}

export type Json = Record<string, unknown>;
export type BotActivity = Json & { id: string; attachments?: { contentType: string; content: unknown }[] };

export async function getSession(base: string): Promise<Session> {
  const response = await fetch(`${base}/playground/session`);
  if (!response.ok) throw new Error(`session: HTTP ${response.status}`);
  return (await response.json()) as Session;
}

/** A personal-chat activity as the playground page builds it (from the session's user). */
export function pageActivity(
  session: Session,
  conversationId: string,
  fields: Json,
  from: Json = { id: session.user.id, aadObjectId: session.user.id, name: session.user.name },
): Json {
  return {
    id: randomUUID(),
    type: 'message',
    channelId: 'msteams',
    serviceUrl: session.serviceUrl,
    from,
    recipient: { id: '28:safeguarding-guide-playground', name: 'Safeguarding Guide' },
    conversation: {
      id: conversationId,
      conversationType: 'personal',
      isGroup: false,
      tenantId: 'playground',
    },
    channelData: { tenant: { id: 'playground' } },
    ...fields,
  };
}

export async function postJson(url: string, body: unknown, headers: Record<string, string> = {}) {
  return fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...headers },
    body: typeof body === 'string' ? body : JSON.stringify(body),
  });
}

/** A request with headers fetch will not let a caller set (Host). Resolves to the status code. */
export function statusWithHeaders(
  url: string,
  headers: Record<string, string>,
  method = 'GET',
): Promise<number> {
  return new Promise((resolve, reject) => {
    const req = request(url, { method, headers }, (res) => {
      res.resume();
      resolve(res.statusCode ?? 0);
    });
    req.on('error', reject);
    req.end();
  });
}

/** Every text string in an Adaptive Card (TextBlocks, TextRuns, action titles), in order. */
export function cardStrings(node: unknown, out: string[] = []): string[] {
  if (Array.isArray(node)) for (const child of node) cardStrings(child, out);
  else if (node && typeof node === 'object') {
    for (const [key, value] of Object.entries(node)) {
      if ((key === 'text' || key === 'title') && typeof value === 'string') out.push(value);
      else cardStrings(value, out);
    }
  }
  return out;
}

export function activityText(activity: BotActivity): string {
  const texts = typeof activity.text === 'string' ? [activity.text] : [];
  for (const a of activity.attachments ?? []) texts.push(...cardStrings(a.content));
  return texts.join('\n');
}

/**
 * One playground conversation over real HTTP: an open event stream, and `say` that posts a message to
 * `messagesUrl` and resolves with the bot's next new activity.
 */
export class Conversation {
  #seen = 0;
  private constructor(
    readonly base: string,
    readonly session: Session,
    readonly id: string,
    readonly events: SseReader,
  ) {}

  static async open(base: string, session: Session): Promise<Conversation> {
    const id = `pg-${randomUUID()}`;
    const events = await SseReader.open(`${base}/playground/events?conversation=${id}`);
    await events.next((e) => e.event === 'ready');
    return new Conversation(base, session, id, events);
  }

  /** Posts a typed message; resolves with the bot's next new activity in this conversation. */
  async say(text: string, messagesUrl = this.session.messagesUrl): Promise<BotActivity> {
    const response = await postJson(
      new URL(messagesUrl, this.base).href,
      pageActivity(this.session, this.id, { text, textFormat: 'plain' }),
    );
    if (response.status !== 200) throw new Error(`say: HTTP ${response.status}`);
    return this.nextActivity();
  }

  async nextActivity(): Promise<BotActivity> {
    const index = this.#seen++;
    const activities = () => this.events.events.filter((e) => e.event === 'activity');
    await this.events.next(() => activities().length > index);
    return (JSON.parse(activities()[index]!.data) as { activity: BotActivity }).activity;
  }

  close(): void {
    this.events.close();
  }
}
