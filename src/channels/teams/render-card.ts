import type { Reply, ReplyContact, ReplyField, ReplyWarning } from '../../core/reply.js';
import { layoutReply } from '../../core/replies/first-screen.js';
import { expandCard, expandWithEngine, type AdaptiveCardJson } from './card-template.js';
import { FEEDBACK_CHOICES, VERBS } from './card-actions.js';

/**
 * Reply → Adaptive Card 1.5 (template `cards/reply.json`).
 *
 * Every string from a Reply is placed in a RichTextBlock TextRun, which Adaptive Cards never
 * interpret as Markdown, or in plain-text properties (action titles, input labels, choice titles);
 * templating inserts it as a value. So text with `${...}`, Markdown or HTML shows literally.
 * Only the fixed headings written in the template use TextBlock.
 */
export interface CardOptions {
  /** The practitioner voted on this reply: the feedback buttons become "Thanks — recorded". */
  feedbackRecorded?: boolean;
}

export function renderCard(reply: Reply, options: CardOptions = {}): AdaptiveCardJson {
  return expandCard('reply', replyCardData(reply, options));
}

/** The same card through the templating engine itself: the reference renderCard is tested against. */
export function renderCardWithEngine(reply: Reply): AdaptiveCardJson {
  return expandWithEngine('reply', replyCardData(reply));
}

const WARNING_LOOK: Record<ReplyWarning['level'], { style: string; color: string }> = {
  emergency: { style: 'attention', color: 'Attention' },
  caution: { style: 'warning', color: 'Warning' },
  info: { style: 'emphasis', color: 'Default' },
};

/** What `cards/reply.json` binds to for a reply. */
export function replyCardData(reply: Reply, options: CardOptions = {}): object {
  // In the order core gave them: emergency first, then cautions, then information.
  const warnings = reply.warnings.map((w) => ({
    ...WARNING_LOOK[w.level],
    title: w.title,
    text: w.text,
    hasText: w.text.length > 0,
  }));
  // Ask actions keep their own labels ("You also asked: …", a "did you mean" title); follow-ups
  // not among them are shown as their question.
  const asks = reply.actions.filter((a) => a.kind === 'ask').map((a) => ({ label: a.label, q: a.value }));
  const followUps = [...asks, ...reply.followUps.map((q) => ({ label: q, q }))]
    .filter((f, i, all) => all.findIndex((o) => o.q === f.q) === i)
    .map((f) => ({ label: f.label, data: { verb: VERBS.ask, q: f.q } }));
  const feedback = reply.actions.some((a) => a.kind === 'feedback');
  const recorded = feedback && options.feedbackRecorded === true;
  const form = reply.form;
  const layout = layoutReply(reply);
  const { more } = layout;
  const citations = more.citations.map((c) => ({ text: c.text }));
  const hasMore =
    more.steps.length + more.contacts.length + more.sections.length > 0 ||
    Boolean(more.why) ||
    (!form && citations.length > 0);
  return {
    fallbackText: reply.title,
    title: reply.title,
    hasSummary: Boolean(reply.summary),
    summary: reply.summary ?? '',
    warnings,
    firstSteps: layout.first.steps.map((text, i) => ({ text: `${i + 1}. ${text}` })),
    keyContacts: layout.first.contacts.map(contactData),
    hasEmergencyLine: Boolean(layout.emergencyLine),
    emergencyLine: layout.emergencyLine ?? '',
    folded: layout.folded,
    hasMore,
    moreVisible: !layout.folded,
    moreSteps: more.steps.map((s) => ({ text: `${s.number}. ${s.text}` })),
    moreContacts: more.contacts.map(contactData),
    hasWhy: Boolean(more.why),
    why: more.why ?? '',
    sections: more.sections.map((s) => ({
      heading: s.heading,
      lines: s.lines.map((line, i) => ({
        text: s.style === 'ordered' ? `${i + 1}. ${line}` : s.style === 'bullets' ? `• ${line}` : line,
      })),
    })),
    // A form's sources follow the form, so the question comes first; otherwise they are behind Show more.
    sourcesInMore: form ? [] : citations,
    sourcesAfterForm: form ? citations : [],
    followUps,
    hasFeedback: feedback && !recorded,
    feedbackRecorded: recorded,
    feedback: {
      up: { verb: VERBS.feedback, helpful: true, replyId: reply.meta.replyId, itemIds: reply.meta.itemIds },
      down: {
        verb: VERBS.feedback,
        helpful: false,
        replyId: reply.meta.replyId,
        itemIds: reply.meta.itemIds,
      },
      reasons: FEEDBACK_CHOICES,
    },
    hasForm: Boolean(form),
    hasProgress: Boolean(form?.progress),
    progress: form?.progress ?? '',
    fields: (form?.fields ?? []).map(fieldData),
    formActions: formActions(reply),
    actions: reply.actions
      .filter((a) => a.kind === 'command')
      .map((a) => ({ label: a.label, data: { ...a.data, verb: VERBS.command, command: a.value } })),
    links: reply.actions.filter((a) => a.kind === 'open-url').map((a) => ({ label: a.label, url: a.value })),
  };
}

/**
 * The form's own submit button and any extra 'submit' actions (Back, Pause…). Each is an
 * Action.Execute (Universal Actions: the card can be replaced in place) with an Action.Submit
 * fallback for clients without it. Extra actions don't gather or validate the inputs.
 */
function formActions(reply: Reply): object[] {
  const form = reply.form;
  const buttons: { label: string; style: string; inputs: string; data: object }[] = [];
  // The form state travels under `state`; the inputs arrive beside it as top-level keys (their ids).
  // `multi` names the multi-select inputs, whose choices Teams sends as one "a,b" string.
  if (form) {
    const multi = form.fields.filter((f) => f.type === 'multi').map((f) => f.id);
    buttons.push({
      label: form.submitLabel,
      style: 'positive',
      inputs: 'auto',
      data: { state: { ...form.state }, ...(multi.length ? { multi } : {}) },
    });
  }
  for (const a of reply.actions.filter((x) => x.kind === 'submit')) {
    const extra = Object.entries(a.data ?? {}).filter(
      ([, v]) => typeof v === 'string' || typeof v === 'number',
    );
    buttons.push({
      label: a.label,
      style: 'default',
      inputs: 'none',
      data: { state: { ...form?.state, ...Object.fromEntries(extra) } },
    });
  }
  return buttons.map((b) => ({ ...b, submitData: { ...b.data, verb: VERBS.form } }));
}

const YES_NO = [
  { value: 'yes', label: 'Yes' },
  { value: 'no', label: 'No' },
];

function contactData(c: ReplyContact): object {
  return {
    name: c.name,
    hasDetail: Boolean(c.detail),
    detail: c.detail ? ` — ${c.detail}` : '',
    hasUrl: Boolean(c.url),
    url: c.url ?? '',
  };
}

function fieldData(f: ReplyField): object {
  const value = Array.isArray(f.value) ? f.value.join(',') : (f.value ?? '');
  const base = {
    id: f.id,
    label: f.label,
    required: f.required,
    hasHelp: Boolean(f.help),
    help: f.help ?? '',
    hasError: Boolean(f.error),
    error: f.error ?? '',
    options: f.options ?? [],
    multi: f.type === 'multi',
    maxLength: f.maxLength ?? 500,
    value,
  };
  switch (f.type) {
    case 'single':
    case 'multi':
      return { ...base, kind: 'choice' };
    case 'yesno':
      // Yes / No radio buttons, not an Input.Toggle: a required toggle can only be submitted ticked,
      // so "No" would be impossible. The choice values are core's "yes" / "no".
      return { ...base, kind: 'choice', options: f.options?.length ? f.options : YES_NO };
    case 'date':
      return { ...base, kind: 'date' };
    case 'text':
      return { ...base, kind: 'text' };
  }
}
