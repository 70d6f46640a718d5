import { FEEDBACK_REASONS } from '../../core/feedback.js';

export type FeedbackReason = (typeof FEEDBACK_REASONS)[number];

/**
 * The `data` our cards send back on Action.Submit (and Action.Execute). `verb` routes the submit
 * (teams-ai's default `actionSubmitFilter`). Nothing here carries raw user text: follow-up questions
 * and commands are content-authored strings, ids are opaque.
 */
export const VERBS = { ask: 'ask', command: 'command', feedback: 'feedback', form: 'form' } as const;

/** Labels for core's fixed "not helpful" reasons: a choice, never free text. */
export const FEEDBACK_REASON_LABELS: Record<FeedbackReason, string> = {
  wrong: "It didn't answer my question",
  unclear: 'It was hard to follow',
  missing: 'Something was missing (e.g. local contacts)',
  'out-of-date': 'It looks out of date',
  other: 'Something else',
};

export const FEEDBACK_CHOICES = FEEDBACK_REASONS.map((value) => ({
  value,
  label: FEEDBACK_REASON_LABELS[value],
}));
