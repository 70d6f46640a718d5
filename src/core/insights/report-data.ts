import type { FeedbackReason } from '../feedback.js';

/**
 * The partnership report as data: built once in core, rendered as a chat Reply, as terminal text and
 * as the playground admin view (tables and SVG charts). No field ever holds a user id or raw message
 * text; question examples are redacted before they are stored.
 */
export interface PartnershipReport {
  partnership: string;
  /** ISO timestamp the report was built. */
  generatedAt: string;
  /** How many weeks the weekly series cover (oldest first, the current week last). */
  weeks: number;
  questions: {
    /**
     * Over the report's weeks. Each question counts once: answered (confidently), lowConfidence
     * (answered, but by a relaxed rule or near the threshold: see Answerer.select) or signposted (no
     * guidance found). Escalations count as answered; commands are not questions.
     */
    totals: { answered: number; lowConfidence: number; signposted: number };
    /** One row per week (week = the Monday it starts on, YYYY-MM-DD, partnership time zone). */
    perWeek: { week: string; answered: number; lowConfidence: number; signposted: number }[];
    /** Signposted and low-confidence questions, grouped by similarity, most asked first. */
    groups: QuestionGroup[];
    /** How long redacted question examples are kept, in days (0 = not kept at all). */
    retentionDays: number;
  };
  feedback: {
    responses: number;
    /** Guidance items with feedback, most "not helpful" first. */
    perItem: {
      itemId: string;
      title: string;
      helpful: number;
      notHelpful: number;
      reasons: { reason: FeedbackReason; label: string; count: number }[];
    }[];
    perWeek: { week: string; helpful: number; notHelpful: number }[];
  };
  /** Guidance past its review-by date, or due within the next 60 days. */
  reviewDates: {
    itemId: string;
    title: string;
    owner: string;
    reviewBy: string;
    status: 'overdue' | 'due-soon';
  }[];
  checklists: {
    checklistId: string;
    title: string;
    runs: number;
    completed: number;
    cancelled: number;
    open: number;
    /** Runs that reached the "referral made" milestone, and the median minutes from start to it. */
    referralsMade: number;
    medianMinutesToReferral?: number;
    optionalStepsLeftBlank: number;
  }[];
  digests: {
    channels: {
      channelKey: string;
      platform: string;
      /** e.g. "monday 09:00" */
      schedule: string;
      sent: number;
      failed: number;
      lastSent?: string;
      state: 'ok' | 'failing' | 'needs-attention';
    }[];
    /** Failing channels, periods that gave up, and sends held with an unknown outcome. */
    problems: { channelKey: string; period?: string; detail: string }[];
  };
  /** Stored records left out because they were not readable (e.g. `null`), by key prefix. */
  skippedRecords: { total: number; byPrefix: Record<string, number> };
}

export interface QuestionGroup {
  kind: 'signposted' | 'low-confidence';
  /** The most recent redacted wording in the group. */
  example: string;
  count: number;
  /** YYYY-MM-DD of the latest question in the group. */
  lastAsked: string;
  /** For low-confidence answers: the item that was given. */
  answeredWith?: { itemId: string; title: string };
}
