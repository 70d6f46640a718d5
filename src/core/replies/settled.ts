import { orderedWarnings, type Reply } from '../reply.js';

/**
 * What every reply leaving core has settled, so no channel works it out for itself: its warnings in
 * the order they are shown, and who may see it.
 */
export function settled(reply: Reply): Reply {
  reply.warnings = orderedWarnings(reply.warnings);
  if (carriesARun(reply)) reply.visibility = 'asker';
  return reply;
}

/** A checklist step, its summary, or a list of someone's runs (with Resume): for that person's eyes only. */
function carriesARun(reply: Reply): boolean {
  return (
    Boolean(reply.form) ||
    reply.kind === 'checklist-step' ||
    reply.kind === 'checklist-summary' ||
    reply.actions.some((a) => a.kind === 'submit')
  );
}
