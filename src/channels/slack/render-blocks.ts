import type { types as Slack } from '@slack/bolt';
import type { Reply, ReplyAction, ReplyContact, ReplySection, ReplyWarning } from '../../core/reply.js';
import { citations, layoutReply } from '../../core/replies/first-screen.js';
import { ACTION, encodeFeedback, encodeMore, encodeSubmit, encodeText } from './action-values.js';
import { chunkEscaped, escapeText, link, plain, safeUrl, truncateEscaped } from './escape.js';
import { LIMITS } from './limits.js';
import { renderFormInputs } from './render-form.js';

export interface RenderedMessage {
  /** Notification / fallback text (escaped). */
  text: string;
  blocks: Slack.KnownBlock[];
  /** True when the rest of the reply is behind the "More" button (see renderBlocks). */
  folded: boolean;
}

export interface RenderOptions {
  /** Block budget: 50 for messages, 100 for modals and the Home tab. */
  maxBlocks?: number;
  /** Show helpful / not-helpful buttons (answers and signposts only). */
  feedback?: boolean;
  /** Render the reply's form inline as input blocks (messages without a modal trigger). */
  inlineForm?: boolean;
  /**
   * Render for a modal: the form's inputs and its Back / Pause / Cancel buttons, but not its submit
   * (the modal has one) nor follow-up or command buttons (their answer would have nowhere to go).
   */
  modal?: boolean;
  /** Show everything, not the first screen and "More" (the message after "More" was clicked). */
  expanded?: boolean;
}

const LEVEL_ICON: Record<ReplyWarning['level'], string> = {
  emergency: ':rotating_light:',
  caution: ':warning:',
  info: ':information_source:',
};

function sections(escapedMrkdwn: string): Slack.SectionBlock[] {
  return chunkEscaped(escapedMrkdwn, LIMITS.sectionText).map((text) => ({
    type: 'section',
    text: { type: 'mrkdwn', text },
  }));
}

/** In the order core gave them (emergency first). */
function warningBlocks(warnings: readonly ReplyWarning[]): Slack.KnownBlock[] {
  return warnings.flatMap((w) =>
    sections(`${LEVEL_ICON[w.level]} *${escapeText(w.title)}*\n${escapeText(w.text)}`),
  );
}

function contactLine(c: ReplyContact): string {
  const name = `*${escapeText(c.name)}*`;
  const detail = c.detail ? ` — ${escapeText(c.detail)}` : '';
  const url = safeUrl(c.url) ? ` (${link(c.url, 'website')})` : '';
  return `• ${name}${detail}${url}`;
}

function listLines(lines: readonly string[], style: ReplySection['style']): string {
  if (style === 'ordered') return lines.map((l, i) => `${i + 1}. ${escapeText(l)}`).join('\n');
  if (style === 'bullets') return lines.map((l) => `• ${escapeText(l)}`).join('\n');
  return lines.map(escapeText).join('\n\n');
}

/**
 * Every source, each document and section cited once. One context element per few lines (a
 * context block holds at most 10 elements of 2000 characters), so a 14-source summary lists all 14.
 */
function sourcesBlock(reply: Reply): Slack.ContextBlock | undefined {
  const cited = citations(reply.sources);
  if (cited.length === 0) return undefined;
  const lines = cited.map((c, i) => `${i === 0 ? '*Sources:* ' : ''}${link(c.url, c.text)}`);
  const chunks = chunkEscaped(lines.join('\n'), LIMITS.contextText).slice(0, LIMITS.contextElements);
  return { type: 'context', elements: chunks.map((text) => ({ type: 'mrkdwn' as const, text })) };
}

function button(
  label: string,
  actionId: string,
  extra: { value?: string; url?: string; style?: 'primary' | 'danger' },
): Slack.Button {
  return {
    type: 'button',
    text: plain(label, LIMITS.buttonText),
    action_id: actionId,
    ...(extra.value !== undefined ? { value: extra.value } : {}),
    ...(extra.url !== undefined ? { url: extra.url } : {}),
    ...(extra.style !== undefined ? { style: extra.style } : {}),
  };
}

function actionButton(a: ReplyAction, n: number, reply: Reply): Slack.Button | undefined {
  switch (a.kind) {
    case 'ask':
      return button(a.label, `${ACTION.ask}:${n}`, { value: encodeText(a.value) });
    case 'command':
      return button(a.label, `${ACTION.command}:${n}`, { value: encodeText(a.value) });
    case 'open-url': {
      const url = safeUrl(a.value);
      return url ? button(a.label, `${ACTION.url}:${n}`, { url }) : undefined;
    }
    case 'submit': {
      // Without a form the action's data is the whole state (e.g. "Resume" in "my checklists").
      const value = encodeSubmit({ state: reply.form?.state ?? {}, ...(a.data ? { data: a.data } : {}) });
      return value ? button(a.label, `${ACTION.submit}:${n}`, { value }) : undefined;
    }
    case 'feedback':
      return undefined; // rendered as the feedback row
  }
}

/** Splits buttons into actions blocks of at most 25 elements. */
function actionsBlocks(buttons: Slack.Button[]): Slack.ActionsBlock[] {
  const out: Slack.ActionsBlock[] = [];
  for (let i = 0; i < buttons.length; i += LIMITS.actionsElements) {
    out.push({ type: 'actions', elements: buttons.slice(i, i + LIMITS.actionsElements) });
  }
  return out;
}

/** The feedback row, and the thank-you line that replaces it after a vote. */
export const FEEDBACK_BLOCK = 'sg_feedback';
export const FEEDBACK_DONE_BLOCK = 'sg_feedback_done';

function feedbackBlock(reply: Reply): Slack.ActionsBlock {
  const value = encodeFeedback(reply.meta.replyId, reply.meta.itemIds);
  return {
    type: 'actions',
    block_id: FEEDBACK_BLOCK,
    elements: [
      button('Helpful', ACTION.feedbackUp, { value }),
      button('Not helpful', ACTION.feedbackDown, { value }),
    ],
  };
}

/** The notification text: title, the first warning, the summary. Escaped, bounded. */
export function fallbackText(reply: Reply): string {
  const first = reply.warnings[0];
  const parts = [first ? `${first.title}: ${first.text}` : undefined, reply.title, reply.summary].filter(
    (p): p is string => Boolean(p && p.trim()),
  );
  return truncateEscaped(escapeText(parts.join(' — ') || 'Safeguarding Guide'), LIMITS.fallbackText);
}

/**
 * Renders the neutral Reply as Block Kit: warnings first (the 999 warning is the first block), then
 * title and summary. An answer's first screen is its first steps, the key contact, the compact 999
 * line and a "More" button (core's layoutReply decides the split); "More" replaces the message with
 * the same reply rendered `expanded`: every step and contact, why, further sections, form, sources.
 * Then follow-ups, other actions and feedback. Blocks beyond the budget are dropped from the middle,
 * keeping the warnings, the answer and the buttons, with a note saying so.
 */
export function renderBlocks(reply: Reply, options: RenderOptions = {}): RenderedMessage {
  const maxBlocks = options.maxBlocks ?? LIMITS.messageBlocks;
  const layout = layoutReply(reply);
  const folded = layout.folded && !options.expanded && !options.modal;
  const head: Slack.KnownBlock[] = [...warningBlocks(reply.warnings)];
  if (reply.title.trim()) head.push({ type: 'header', text: plain(reply.title, LIMITS.headerText) });
  if (reply.summary) head.push(...sections(escapeText(reply.summary)));

  const steps = folded ? layout.first.steps : reply.steps;
  const contacts = folded ? layout.first.contacts : reply.contacts;
  const body: Slack.KnownBlock[] = [];
  if (steps.length > 0) body.push(...sections(`*What to do now*\n${listLines(steps, 'ordered')}`));
  if (contacts.length > 0)
    body.push(...sections(`*Who to contact*\n${contacts.map(contactLine).join('\n')}`));
  if (layout.emergencyLine)
    body.push({
      type: 'context',
      elements: [{ type: 'mrkdwn', text: `:rotating_light: *${escapeText(layout.emergencyLine)}*` }],
    });
  if (!folded) {
    if (reply.why) body.push(...sections(`*Why it matters*\n${escapeText(reply.why)}`));
    for (const s of reply.sections) {
      if (s.lines.length === 0) continue;
      body.push(...sections(`*${escapeText(s.heading)}*\n${listLines(s.lines, s.style)}`));
    }
  }
  const formInline = Boolean(options.inlineForm || options.modal);
  if (formInline && reply.form) body.push(...renderFormInputs(reply.form));
  const sources = folded ? undefined : sourcesBlock(reply);
  if (sources) body.push({ type: 'divider' }, sources);

  const buttons: Slack.Button[] = [];
  const chat = !options.modal;
  if (folded) buttons.push(button('More', ACTION.more, { value: encodeMore(reply.meta.replyId) }));
  if (chat)
    reply.followUps.forEach((q, i) =>
      buttons.push(button(q, `${ACTION.ask}:${i}`, { value: encodeText(q) })),
    );
  if (options.inlineForm && !options.modal && reply.form) {
    // The inline form's own submit (a modal has its submit button in the view instead).
    const value = encodeSubmit({ state: reply.form.state });
    if (value)
      buttons.push(button(reply.form.submitLabel, `${ACTION.submit}:99`, { value, style: 'primary' }));
  }
  reply.actions.forEach((a, i) => {
    // A form shown in a modal keeps its Back / Pause buttons there, not in the message.
    if (a.kind === 'submit' && reply.form && !formInline) return;
    if (!chat && (a.kind === 'ask' || a.kind === 'command')) return;
    const b = actionButton(a, reply.followUps.length + i, reply);
    if (b) buttons.push(b);
  });
  const tail: Slack.KnownBlock[] = actionsBlocks(buttons);
  if (options.feedback ?? (reply.kind === 'answer' || reply.kind === 'signpost'))
    tail.push(feedbackBlock(reply));

  let blocks = [...head, ...body, ...tail];
  if (blocks.length > maxBlocks) {
    const note: Slack.ContextBlock = {
      type: 'context',
      elements: [
        {
          type: 'mrkdwn',
          text: 'Some of this guidance did not fit in one message; ask a narrower question for the rest.',
        },
      ],
    };
    const room = maxBlocks - 1;
    const keptHead = head.slice(0, room);
    const keptTail = tail.slice(0, room - keptHead.length);
    const bodyRoom = room - keptHead.length - keptTail.length;
    blocks = [...keptHead, ...body.slice(0, bodyRoom), note, ...keptTail];
  }
  return { text: fallbackText(reply), blocks, folded };
}
