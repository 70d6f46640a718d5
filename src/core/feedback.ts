import { z } from 'zod';
import { CodedError, ConflictError } from './errors.js';
import type { Store } from './store/store.js';

export const FEEDBACK_REASONS = ['wrong', 'unclear', 'missing', 'out-of-date', 'other'] as const;
export type FeedbackReason = (typeof FEEDBACK_REASONS)[number];

/** What each "not helpful" reason says to the practitioner: a choice, never free text. */
export const FEEDBACK_REASON_LABELS: Record<FeedbackReason, string> = {
  wrong: "It didn't answer my question",
  unclear: 'It was hard to follow',
  missing: 'Something was missing (e.g. local contacts)',
  'out-of-date': 'It looks out of date',
  other: 'Something else',
};

/** The guidance items the reply used: at most this many are kept with a vote. */
export const MAX_FEEDBACK_ITEMS = 10;

/** The one shape of a vote. Channels build their button data from these fields and check it on the way back. */
export const feedbackFields = {
  replyId: z.string().regex(/^[A-Za-z0-9-]{4,64}$/),
  itemIds: z.array(z.string().regex(/^[a-z0-9-]{1,80}$/)).max(MAX_FEEDBACK_ITEMS),
  helpful: z.boolean(),
  reason: z.enum(FEEDBACK_REASONS),
};

const feedbackSchema = z.object({
  ...feedbackFields,
  reason: feedbackFields.reason.optional(),
  channel: z.enum(['teams', 'slack', 'cli', 'playground']),
});
export type FeedbackInput = z.input<typeof feedbackSchema>;

/**
 * Stores feedback about a reply: which items, helpful or not, a reason code. Never any message text.
 * One vote per reply: the first is kept; false when this reply already had one.
 */
export async function recordFeedback(store: Store, input: unknown, now: Date): Promise<boolean> {
  const parsed = feedbackSchema.safeParse(input);
  if (!parsed.success) throw new CodedError('bad_input', 'Feedback was not in the expected shape');
  const f = parsed.data;
  try {
    await store.put(`feedback/${f.replyId}`, { ...f, at: now.toISOString() }, { ifNoneMatch: '*' });
    return true;
  } catch (error) {
    if (error instanceof ConflictError) return false;
    throw error;
  }
}
