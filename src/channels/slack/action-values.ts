import { z } from 'zod';
import { feedbackFields, MAX_FEEDBACK_ITEMS } from '../../core/feedback.js';
import { safeJson } from './escape.js';
import { LIMITS } from './limits.js';

/**
 * Button action ids and the short JSON each button carries in its `value` (≤ 2000 chars).
 * Action ids must be unique within a message, so repeated kinds get a `:n` suffix. The JSON keys are
 * words; `decode*` also reads the single-letter form buttons already posted in Slack still carry.
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

const TEXT = z.string().min(1).max(1500);
const stateRecord = z.record(z.string(), z.union([z.string(), z.number()]));
const submitData = z.record(z.string(), z.union([z.string(), z.number(), z.boolean(), z.array(z.string())]));

const textValue = z.object({ text: TEXT });
const feedbackValue = z.object({ replyId: feedbackFields.replyId, itemIds: feedbackFields.itemIds });
const submitValue = z.object({ state: stateRecord, data: submitData.optional() });
const moreValue = z.object({ replyId: z.string().min(1).max(100) });

/**
 * The single-letter form every button carried before the keys were spelled out. Messages already
 * posted in Slack keep their buttons for good, so the decoders read it too (and turn it into words).
 */
const legacy = {
  text: z.object({ t: TEXT }).transform((v) => ({ text: v.t })),
  feedback: z
    .object({ r: feedbackFields.replyId, i: feedbackFields.itemIds })
    .transform((v) => ({ replyId: v.r, itemIds: v.i })),
  submit: z
    .object({ s: stateRecord, d: submitData.optional() })
    .transform((v) => ({ state: v.s, ...(v.d ? { data: v.d } : {}) })),
  more: z.object({ m: z.string().min(1).max(100) }).transform((v) => ({ replyId: v.m })),
};

export type TextValue = z.infer<typeof textValue>;
export type FeedbackValue = z.infer<typeof feedbackValue>;
export type SubmitValue = z.infer<typeof submitValue>;
export type MoreValue = z.infer<typeof moreValue>;

/** Encodes follow-up / command text, trimming it so the value stays under Slack's limit. */
export function encodeText(text: string): string {
  let t = text.slice(0, 1500);
  let v = safeJson({ text: t } satisfies TextValue);
  while (v.length > LIMITS.buttonValue && t.length > 0) {
    t = t.slice(0, Math.floor(t.length * 0.8));
    v = safeJson({ text: t } satisfies TextValue);
  }
  return v;
}

/** Encodes feedback context, dropping trailing item ids if they would overflow the value. */
export function encodeFeedback(replyId: string, itemIds: readonly string[]): string {
  const ids = itemIds.slice(0, MAX_FEEDBACK_ITEMS);
  let v = safeJson({ replyId, itemIds: ids } satisfies FeedbackValue);
  while (v.length > LIMITS.buttonValue && ids.length > 0) {
    ids.pop();
    v = safeJson({ replyId, itemIds: ids } satisfies FeedbackValue);
  }
  return v;
}

export function encodeSubmit(value: SubmitValue): string | undefined {
  const v = safeJson(value);
  return v.length <= LIMITS.buttonValue ? v : undefined;
}

function decode<T>(schema: z.ZodType<T>, raw: unknown, limit: number = LIMITS.buttonValue): T | undefined {
  if (typeof raw !== 'string' || raw.length > limit) return undefined;
  try {
    const parsed = schema.safeParse(JSON.parse(raw));
    return parsed.success ? parsed.data : undefined;
  } catch {
    return undefined;
  }
}

/** "More": the reply id whose full rendering is kept for it (see kept-replies.ts). */
export const encodeMore = (replyId: string): string =>
  safeJson({ replyId: replyId.slice(0, 100) } satisfies MoreValue);
export const decodeMore = (raw: unknown): MoreValue | undefined =>
  decode(z.union([moreValue, legacy.more]), raw);
export const decodeText = (raw: unknown): TextValue | undefined =>
  decode(z.union([textValue, legacy.text]), raw);
export const decodeFeedback = (raw: unknown): FeedbackValue | undefined =>
  decode(z.union([feedbackValue, legacy.feedback]), raw);
export const decodeSubmit = (raw: unknown): SubmitValue | undefined =>
  decode(z.union([submitValue, legacy.submit]), raw);

/** Modal private_metadata: the form state plus where to post the result. */
const modalMeta = z.object({
  state: stateRecord,
  channel: z.string().max(50).optional(),
  threadTs: z.string().max(50).optional(),
  place: z.enum(['personal', 'group', 'channel']),
});
/** An open modal's metadata in the single-letter form (a modal opened just before an upgrade). */
const legacyModalMeta = z
  .object({
    s: stateRecord,
    c: z.string().max(50).optional(),
    th: z.string().max(50).optional(),
    k: z.enum(['personal', 'group', 'channel']),
  })
  .transform((m) => ({
    state: m.s,
    ...(m.c !== undefined ? { channel: m.c } : {}),
    ...(m.th !== undefined ? { threadTs: m.th } : {}),
    place: m.k,
  }));
export type ModalMeta = z.infer<typeof modalMeta>;
export const encodeModalMeta = (m: ModalMeta): string | undefined => {
  const v = safeJson(m);
  return v.length <= LIMITS.privateMetadata ? v : undefined;
};
export const decodeModalMeta = (raw: unknown): ModalMeta | undefined =>
  decode(z.union([modalMeta, legacyModalMeta]), raw, LIMITS.privateMetadata);
