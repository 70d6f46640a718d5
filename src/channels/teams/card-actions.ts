import { FEEDBACK_REASON_LABELS, FEEDBACK_REASONS } from '../../core/feedback.js';

/**
 * The `data` our cards send back on Action.Submit (and Action.Execute). `verb` routes the submit
 * (teams-ai's default `actionSubmitFilter`). Nothing here carries raw user text: follow-up questions
 * and commands are content-authored strings, ids are opaque.
 */
export const VERBS = { ask: 'ask', command: 'command', feedback: 'feedback', form: 'form' } as const;

export const FEEDBACK_CHOICES = FEEDBACK_REASONS.map((value) => ({
  value,
  label: FEEDBACK_REASON_LABELS[value],
}));
