import { randomUUID } from 'node:crypto';

/** Real Bot Framework activities as Teams sends them (trimmed to the fields the protocol requires). */
export const BOT = { id: '28:bot-app-id', name: 'Safeguarding Guide' };
export const USER = {
  id: '29:user-1',
  name: 'A Practitioner',
  aadObjectId: '00000000-0000-0000-0000-0000000000a1',
};

/** The Entra tenant test activities come from (ALLOWED_TENANTS lists it), and one that is not served. */
export const SERVED_TENANT = '0a0a0a0a-1111-4222-8333-444444444444';
export const UNSERVED_TENANT = '0b0b0b0b-5555-4666-8777-888888888888';

export type ConversationKind = 'personal' | 'channel' | 'groupChat';

export function conversation(kind: ConversationKind, id = `a:${randomUUID()}`): Record<string, unknown> {
  return kind === 'channel'
    ? {
        id: `19:${id}@thread.tacv2;messageid=1`,
        conversationType: 'channel',
        isGroup: true,
        tenantId: SERVED_TENANT,
      }
    : { id, conversationType: kind, isGroup: kind !== 'personal', tenantId: SERVED_TENANT };
}

interface Base {
  serviceUrl: string;
  conv: Record<string, unknown>;
  from?: Record<string, unknown>;
  id?: string;
}

function base(b: Base): Record<string, unknown> {
  return {
    id: b.id ?? randomUUID(),
    channelId: 'msteams',
    serviceUrl: b.serviceUrl,
    timestamp: new Date().toISOString(),
    from: b.from ?? USER,
    recipient: BOT,
    conversation: b.conv,
    channelData: { tenant: { id: b.conv.tenantId ?? SERVED_TENANT } },
    locale: 'en-GB',
  };
}

export function message(b: Base & { text: string; mention?: boolean }): Record<string, unknown> {
  const text = b.mention ? `<at>${BOT.name}</at> ${b.text}` : b.text;
  const entities = b.mention
    ? [{ type: 'mention', text: `<at>${BOT.name}</at>`, mentioned: { id: BOT.id, name: BOT.name } }]
    : [];
  return { ...base(b), type: 'message', text, textFormat: 'plain', entities };
}

/** What Teams sends when an Action.Submit is clicked: a message with `value` and no text. */
export function submit(b: Base & { value: unknown }): Record<string, unknown> {
  return { ...base(b), type: 'message', value: b.value };
}

export function membersAdded(b: Base & { members: { id: string }[] }): Record<string, unknown> {
  return { ...base(b), type: 'conversationUpdate', membersAdded: b.members };
}

export function installationUpdate(b: Base & { action: 'add' | 'remove' }): Record<string, unknown> {
  return { ...base(b), type: 'installationUpdate', action: b.action };
}

export function invoke(b: Base & { name: string; value: unknown }): Record<string, unknown> {
  return { ...base(b), type: 'invoke', name: b.name, value: b.value };
}

export async function post(
  url: string,
  activity: unknown,
  headers: Record<string, string> = {},
): Promise<Response> {
  return fetch(`${url}/api/messages`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...headers },
    body: JSON.stringify(activity),
  });
}

type Json = Record<string, unknown>;

/** The Adaptive Card in a captured reply, if any. */
export function cardOf(activity: Json): Json | undefined {
  const attachments = activity.attachments as { contentType: string; content: Json }[] | undefined;
  return attachments?.find((a) => a.contentType === 'application/vnd.microsoft.card.adaptive')?.content;
}
