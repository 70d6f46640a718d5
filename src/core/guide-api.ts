import type { ConversationRef, DigestPlatform } from './digests/subscriptions.js';
import type { FeedbackInput } from './feedback.js';
import type { PartnershipReport } from './insights/report-data.js';
import type { Reply } from './reply.js';

export type ChannelName = 'teams' | 'slack' | 'cli' | 'playground';

/** Who is asking. Admins are decided by the channel (it knows its platform's user ids). */
export interface Actor {
  userId: string;
  channel: ChannelName;
  isAdmin: boolean;
}

/** Where the message was written. */
export interface Place {
  /** The conversation itself (for Teams, the channel: never a thread of it). */
  conversationId: string;
  kind: 'personal' | 'group' | 'channel';
  /** How to post here later: `digest subscribe` keeps it to post the weekly digest. */
  reference?: ConversationRef;
}

/** A form's opaque state (run id, step id, revision), round-tripped unchanged by the channel. */
export type FormState = Record<string, string | number>;
/** A form's inputs by field id; a multi-select is a list. */
export type FormValues = Record<string, string | string[]>;

export interface OpenRunSummary {
  title: string;
  progress?: string;
  /** The chat command that resumes it, e.g. "my checklists". */
  resumeCommand: string;
}

export interface SubscriptionSummary {
  conversationId: string;
  schedule: string;
}

export interface GuidanceHit {
  id: string;
  title: string;
  summary: string;
}

/** Everything a channel (Teams, Slack, the playground, the terminal) asks of core. `Guide` implements it. */
export interface GuideApi {
  /** A chat message: a command or a question. */
  handle(text: string, actor: Actor, place: Place): Promise<Reply>;
  /** A checklist form was submitted (or one of its buttons: Back, Pause, Cancel, Resume). */
  submitForm(state: FormState, values: FormValues, actor: Actor): Promise<Reply>;
  /** True when recorded; false when this reply already had a vote (the first one stands). */
  recordFeedback(feedback: FeedbackInput): Promise<boolean>;
  help(): Reply;
  welcome(): Reply;
  /** Guidance items for a search box (the first items when the query is empty). */
  searchItems(query: string, limit?: number): GuidanceHit[];
  itemReply(id: string): Reply | undefined;
  /** Where the bot was added or first spoken to in a channel, so an admin can subscribe it to digests. */
  rememberConversation(
    platform: DigestPlatform,
    conversationId: string,
    reference: ConversationRef,
  ): Promise<void>;
  /** The actor's unfinished checklist runs. */
  openRuns(actor: Actor): Promise<OpenRunSummary[]>;
  /** For admins, the channels on the actor's platform subscribed to the digest; empty for others. */
  subscriptions(actor: Actor): Promise<SubscriptionSummary[]>;
  /** The partnership report as data (for admins: the caller checks). */
  report(): Promise<PartnershipReport>;
  /** This week's digest as a preview; undefined when the content has no digest items. */
  previewDigest(): Promise<Reply | undefined>;
}
