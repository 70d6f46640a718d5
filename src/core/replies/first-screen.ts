import type { Reply, ReplyContact, ReplySection, ReplySource } from '../reply.js';

/**
 * How every channel lays out a reply so its first screen answers: the summary, the first steps and
 * the key contact; further steps, other contacts, why, detail sections and sources come after
 * "Show more" (Teams) or "More" (Slack). Only the split lives here; channels draw it.
 */
export const FIRST_STEPS = 3;
const FIRST_CONTACTS = 1;

/** The compact line every card carries when the emergency warning does not lead it. */
export const EMERGENCY_LINE = 'If a child is in immediate danger, call 999.';

/**
 * Kinds that fold. Others show everything: forms, lists, help, and a checklist summary, which is
 * the practitioner's own record to read through and copy.
 */
const FOLDED_KINDS: ReadonlySet<Reply['kind']> = new Set(['answer', 'escalation', 'signpost']);

export interface Citation {
  /** The document and section, once: "Working Together to Safeguard Children 2023 (DfE), chapter 3". */
  text: string;
  url?: string;
}

export interface ReplyLayout {
  /** True when the rest is behind "Show more"; false when everything shows at once. */
  folded: boolean;
  /** The compact 999 line, unless the reply leads with the emergency warning. */
  emergencyLine?: string;
  first: { steps: string[]; contacts: ReplyContact[] };
  more: {
    /** Steps after the first ones, with their numbers (4, 5, …). */
    steps: { number: number; text: string }[];
    contacts: ReplyContact[];
    why?: string;
    sections: ReplySection[];
    citations: Citation[];
  };
}

export function layoutReply(reply: Reply): ReplyLayout {
  // Help and welcome carry the 999 line as their own (information) warning: not repeated.
  const leadsWith999 = reply.warnings.some((w) => w.level === 'emergency' || /\b999\b/.test(w.title));
  const emergencyLine = leadsWith999 ? undefined : EMERGENCY_LINE;
  const foldable = !reply.form && FOLDED_KINDS.has(reply.kind);
  const stepCut = foldable ? FIRST_STEPS : reply.steps.length;
  const contactCut = foldable ? FIRST_CONTACTS : reply.contacts.length;
  const more = {
    steps: reply.steps.slice(stepCut).map((text, i) => ({ number: stepCut + i + 1, text })),
    contacts: reply.contacts.slice(contactCut),
    why: reply.why,
    sections: reply.sections.filter((s) => s.lines.length > 0),
    citations: citations(reply.sources),
  };
  const hasMore =
    more.steps.length + more.contacts.length + more.sections.length + more.citations.length > 0 ||
    Boolean(more.why);
  return {
    folded: foldable && hasMore,
    ...(emergencyLine ? { emergencyLine } : {}),
    first: { steps: reply.steps.slice(0, stepCut), contacts: reply.contacts.slice(0, contactCut) },
    more,
  };
}

/**
 * Each document and section cited once, in first-seen order. The guidance item's own title is not
 * repeated in front of it: the card already says what it is about.
 */
export function citations(sources: readonly ReplySource[]): Citation[] {
  const seen = new Map<string, Citation>();
  for (const s of sources) {
    const text = [s.document, s.section].filter(Boolean).join(', ');
    const existing = seen.get(text);
    if (!existing) seen.set(text, { text, ...(s.url ? { url: s.url } : {}) });
    else if (!existing.url && s.url) existing.url = s.url;
  }
  return [...seen.values()];
}
