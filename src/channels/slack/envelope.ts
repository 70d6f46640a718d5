import { z } from 'zod';

/**
 * The request shapes this app handles, checked after the signature and before Bolt: anything else
 * gets 400 at once instead of Bolt's silent 3-second no-ack timeout, and odd shapes (an `event`
 * that is a string, say) never reach code that assumes Slack's types.
 */
const id = z.string().min(1).max(100);
const envelope = z.union([
  z.looseObject({ type: z.literal('url_verification'), challenge: z.string().max(500) }),
  z.looseObject({ ssl_check: z.literal('1') }),
  z.looseObject({
    type: z.literal('event_callback'),
    event_id: id,
    event: z.looseObject({ type: z.string().min(1) }),
  }),
  z.looseObject({
    command: z.string().startsWith('/'),
    user_id: id,
    channel_id: id,
    text: z.string().max(4000).optional(),
  }),
  z.looseObject({
    type: z.literal('block_actions'),
    user: z.looseObject({ id }),
    actions: z.array(z.looseObject({ action_id: z.string().min(1).max(255) })).min(1),
  }),
  z.looseObject({
    type: z.enum(['view_submission', 'view_closed']),
    user: z.looseObject({ id }),
    view: z.looseObject({ callback_id: z.string().optional(), state: z.looseObject({}).optional() }),
  }),
]);

export function isKnownEnvelope(body: unknown): boolean {
  return envelope.safeParse(body).success;
}
