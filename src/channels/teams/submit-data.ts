import { z } from 'zod';
import { feedbackFields } from '../../core/feedback.js';

/**
 * Schemas for what our cards send back. Card data arrives from the client and can be tampered with:
 * everything is validated here before it reaches core, and a failure becomes a clear message.
 */
const question = z.string().trim().min(1).max(500);

export const askData = z.object({ verb: z.literal('ask'), q: question });
export const commandData = z.object({ verb: z.literal('command'), command: question });
export const feedbackData = z.object({
  verb: z.literal('feedback'),
  replyId: feedbackFields.replyId,
  itemIds: feedbackFields.itemIds,
  helpful: feedbackFields.helpful,
  // Input.ChoiceSet sends '' when nothing was picked.
  reason: feedbackFields.reason.or(z.literal('').transform(() => undefined)).optional(),
});

/**
 * A checklist form submit: the round-tripped state, the ids of its multi-select inputs, plus the
 * inputs as top-level keys (by input id).
 */
export const formData = z
  .object({
    state: z.record(z.string(), z.union([z.string(), z.number()])),
    multi: z.array(z.string().max(100)).max(50).optional(),
  })
  .catchall(z.unknown());

export type FormValues = Record<string, string | string[]>;

/**
 * The input values of a form submit: every top-level string except our own keys. A multi-select
 * arrives as one comma-separated string; it leaves here as the list of choices core expects.
 */
export function formValues(data: z.output<typeof formData>): FormValues {
  const multi = new Set(data.multi ?? []);
  const values: FormValues = {};
  for (const [key, value] of Object.entries(data)) {
    if (key === 'verb' || key === 'state' || key === 'multi' || typeof value !== 'string') continue;
    values[key] = multi.has(key)
      ? value
          .split(',')
          .map((v) => v.trim())
          .filter(Boolean)
      : value;
  }
  return values;
}
