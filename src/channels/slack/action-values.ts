import { z } from 'zod';
import { feedbackFields, MAX_FEEDBACK_ITEMS } from '../../core/feedback.js';
import { safeJson } from './escape.js';
import { LIMITS } from './limits.js';

/**
 * Button action ids and the short JSON each button carries in its `value` (≤ 2000 chars).
 * Action ids must be unique within a message, so repeated kinds get a `:n` suffix.
 */
export const ACTION = {
  ask: 'sg_ask',
  command: 'sg_cmd',
  url: 'sg_url',
  submit: 'sg_submit',
  feedbackUp: 'sg_fb_up',
  feedbackDown: 'sg_fb_down',
  more: 'sg_more',
} as const;

export const FORM_CALLBACK_ID = 'sg_form';

/** Matches every action id we render, with or without the `:n` suffix. */
export const actionIdPattern = (base: string): RegExp => new RegExp(`^${base}(:\\d+)?$`);

const textValue = z.object({ t: z.string().min(1).max(1500) });
const feedbackValue = z.object({ r: feedbackFields.replyId, i: feedbackFields.itemIds });
const stateRecord = z.record(z.string(), z.union([z.string(), z.number()]));
const submitValue = z.object({
  s: stateRecord,
  d: z.record(z.string(), z.union([z.string(), z.number(), z.boolean(), z.array(z.string())])).optional(),
});

const moreValue = z.object({ m: z.string().min(1).max(100) });

export type TextValue = z.infer<typeof textValue>;
export type FeedbackValue = z.infer<typeof feedbackValue>;
export type SubmitValue = z.infer<typeof submitValue>;

/** Encodes follow-up / command text, trimming it so the value stays under Slack's limit. */
export function encodeText(text: string): string {
  let t = text.slice(0, 1500);
  let v = safeJson({ t });
  while (v.length > LIMITS.buttonValue && t.length > 0) {
    t = t.slice(0, Math.floor(t.length * 0.8));
    v = safeJson({ t });
  }
  return v;
}

/** Encodes feedback context, dropping trailing item ids if they would overflow the value. */
export function encodeFeedback(replyId: string, itemIds: readonly string[]): string {
  const ids = itemIds.slice(0, MAX_FEEDBACK_ITEMS);
  let v = safeJson({ r: replyId, i: ids });
  while (v.length > LIMITS.buttonValue && ids.length > 0) {
    ids.pop();
    v = safeJson({ r: replyId, i: ids });
  }
  return v;
}

export function encodeSubmit(value: SubmitValue): string | undefined {
  const v = safeJson(value);
  return v.length <= LIMITS.buttonValue ? v : undefined;
}

function decode<T>(schema: z.ZodType<T>, raw: unknown): T | undefined {
  if (typeof raw !== 'string' || raw.length > LIMITS.buttonValue) return undefined;
  try {
    const parsed = schema.safeParse(JSON.parse(raw));
    return parsed.success ? parsed.data : undefined;
  } catch {
    return undefined;
  }
}

/** "More": the reply id whose full rendering is kept for it (see kept-replies.ts). */
export const encodeMore = (replyId: string): string => safeJson({ m: replyId.slice(0, 100) });
export const decodeMore = (raw: unknown): { m: string } | undefined => decode(moreValue, raw);
export const decodeText = (raw: unknown): TextValue | undefined => decode(textValue, raw);
export const decodeFeedback = (raw: unknown): FeedbackValue | undefined => decode(feedbackValue, raw);
export const decodeSubmit = (raw: unknown): SubmitValue | undefined => decode(submitValue, raw);

/** Modal private_metadata: the form state plus where to post the result. */
const modalMeta = z.object({
  s: stateRecord,
  c: z.string().max(50).optional(),
  th: z.string().max(50).optional(),
  k: z.enum(['personal', 'group', 'channel']),
});
export type ModalMeta = z.infer<typeof modalMeta>;
export const encodeModalMeta = (m: ModalMeta): string | undefined => {
  const v = safeJson(m);
  return v.length <= LIMITS.privateMetadata ? v : undefined;
};
export const decodeModalMeta = (raw: unknown): ModalMeta | undefined => {
  if (typeof raw !== 'string' || raw.length > LIMITS.privateMetadata) return undefined;
  try {
    const parsed = modalMeta.safeParse(JSON.parse(raw));
    return parsed.success ? parsed.data : undefined;
  } catch {
    return undefined;
  }
};
