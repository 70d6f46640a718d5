import { randomUUID } from 'node:crypto';

/**
 * The neutral reply model. Core returns a Reply; each channel renders it
 * (Teams → Adaptive Card, Slack → Block Kit, CLI/jsonl → plain text).
 */
export type ReplyKind =
  | 'answer'
  | 'signpost'
  | 'escalation'
  | 'help'
  | 'welcome'
  | 'notice'
  | 'error'
  | 'checklist-list'
  | 'checklist-step'
  | 'checklist-summary'
  | 'digest';

export type WarningLevel = 'emergency' | 'caution' | 'info';

export interface ReplyWarning {
  level: WarningLevel;
  /** Short heading, e.g. "Call 999 now". */
  title: string;
  text: string;
}

export interface ReplyContact {
  /** Who, e.g. "Children's social care front door". */
  name: string;
  /** How to reach them (phone / link) when the partnership has configured it. */
  detail?: string;
  url?: string;
  /** True when the detail is not configured and the reply signposts instead of giving a number. */
  signpost: boolean;
}

export interface ReplySource {
  /** Guidance item id, e.g. "under-10-protocol". */
  id: string;
  /** Guidance item title. */
  title: string;
  /** The document it came from, e.g. "Working Together to Safeguard Children 2023". */
  document: string;
  section?: string;
  url?: string;
}

export interface ReplySection {
  heading: string;
  lines: string[];
  /** 'ordered' renders as numbered steps, 'bullets' as a list, 'text' as paragraphs. */
  style: 'ordered' | 'bullets' | 'text';
}

export type ReplyActionKind =
  | 'ask' // ask a follow-up question: value is the question text
  | 'feedback' // helpful / not helpful: value is 'up' | 'down'
  | 'command' // run a chat command: value is the command text, e.g. "checklist referral"
  | 'open-url' // value is a URL
  | 'submit'; // submits the reply's form (if any) with `data` merged in, e.g. { op: 'back' }

export interface ReplyAction {
  kind: ReplyActionKind;
  label: string;
  value: string;
  /** Opaque data the channel round-trips on submit (e.g. { itemIds, replyId }). Never raw user text. */
  data?: Record<string, string | number | boolean | string[]>;
}

export type ReplyFieldType = 'single' | 'multi' | 'yesno' | 'date' | 'text';

export interface ReplyField {
  id: string;
  label: string;
  type: ReplyFieldType;
  options?: { value: string; label: string }[];
  required: boolean;
  help?: string;
  maxLength?: number;
  /** Current value(s), e.g. when going back to an answered step. */
  value?: string | string[];
  /** Why the answer just submitted for this field was not saved: shown on the field itself. */
  error?: string;
}

/** An input form (checklist steps). Channels render fields as inputs and round-trip `state` on submit. */
export interface ReplyForm {
  /** Opaque, non-identifying state the channel sends back unchanged, e.g. { runId, stepId, revision }. */
  state: Record<string, string | number>;
  fields: ReplyField[];
  submitLabel: string;
  /** e.g. "Step 4 of about 9". */
  progress?: string;
}

export interface ReplyMeta {
  /** True when the reply gives guidance from the content pack. */
  answered: boolean;
  /** True when the message described a child at immediate risk now. */
  escalation: boolean;
  /** True when the message contained identifying details. */
  pii: boolean;
  /** Search confidence in [0,1] for answers; undefined for commands. */
  confidence?: number;
  /**
   * Answers only: accepted by a relaxed rule or close to the threshold (see Answerer.select). For the
   * admin report; never shown to the practitioner.
   */
  lowConfidence?: boolean;
  /** Ids of guidance items used. */
  itemIds: string[];
  /** A random id for this reply, used for feedback and error references. */
  replyId: string;
}

/**
 * Who may see a reply. `asker`: the person who asked, only (a digest preview, a checklist's questions
 * and answers); asked in a channel or group chat, the channel sends it privately. `everyone`: whoever
 * is where it was asked.
 */
export type ReplyVisibility = 'everyone' | 'asker';

export interface Reply {
  kind: ReplyKind;
  title: string;
  visibility: ReplyVisibility;
  /** One or two lines: what this is / the short answer. */
  summary?: string;
  /** Shown first, before anything else, in this order: emergency, then cautions, then information. */
  warnings: ReplyWarning[];
  /** Steps to take now, in order. */
  steps: string[];
  contacts: ReplyContact[];
  /** Why it matters, one or two lines. */
  why?: string;
  /** Further headed content (definitions, detail, checklist answers…). */
  sections: ReplySection[];
  sources: ReplySource[];
  followUps: string[];
  actions: ReplyAction[];
  form?: ReplyForm;
  meta: ReplyMeta;
}

/**
 * The id of a new reply: short enough for a button's data, random enough that one person's replies
 * never collide. Feedback and error references quote it.
 */
export function newReplyId(): string {
  return randomUUID().slice(0, 8);
}

const WARNING_ORDER: Record<WarningLevel, number> = { emergency: 0, caution: 1, info: 2 };

/** Emergency first, then cautions, then information; stable within a level. */
export function orderedWarnings(warnings: readonly ReplyWarning[]): ReplyWarning[] {
  return [...warnings].sort((a, b) => WARNING_ORDER[a.level] - WARNING_ORDER[b.level]);
}

/** A Reply with every list empty; callers fill in what they need. */
export function emptyReply(kind: ReplyKind, title: string, replyId: string): Reply {
  return {
    kind,
    title,
    visibility: 'everyone',
    warnings: [],
    steps: [],
    contacts: [],
    sections: [],
    sources: [],
    followUps: [],
    actions: [],
    meta: { answered: false, escalation: false, pii: false, itemIds: [], replyId },
  };
}
