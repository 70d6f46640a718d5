import type { Actor, Guide, Place } from '../../core/guide.js';
import type { Reply } from '../../core/reply.js';

export type FormValues = Record<string, string | string[]>;
export type FormState = Record<string, string | number>;

export interface OpenChecklistSummary {
  title: string;
  progress?: string;
  /** The chat command that resumes it, e.g. "my checklists". */
  resumeCommand: string;
}

export interface SubscriptionSummary {
  conversationId: string;
  schedule: string;
}

/**
 * What the Slack channel needs from core. `Guide` satisfies it; the optional members are
 * EXTENSION POINTS that light up in Slack as soon as core grows them (same names and shapes):
 * - `submitForm` (issue 5): a checklist step form was submitted (modal or inline message form);
 * - `openChecklists` (issue 5): the App Home lists the user's open runs;
 * - `digestSubscriptions` (issue 6): the App Home lists the channels an admin subscribed;
 * - `rememberConversation` (issue 6): the channels the bot is in, for `digest subscribe`.
 */
export interface SlackGuide extends Pick<Guide, 'handle' | 'help' | 'welcome' | 'recordFeedback'> {
  submitForm?(state: FormState, values: FormValues, actor: Actor, place: Place): Promise<Reply>;
  openChecklists?(actor: Actor): Promise<OpenChecklistSummary[]>;
  digestSubscriptions?(actor: Actor): Promise<SubscriptionSummary[]>;
  /** Where the bot was added or spoken to in a channel, so an admin can subscribe it to the digest. */
  rememberConversation?: Guide['rememberConversation'];
}
