import type { Actor, FormState, GuideApi, Place } from '../core/guide-api.js';
import { parseCommand } from '../core/commands.js';
import type { Reply, ReplyField } from '../core/reply.js';

/**
 * The terminal as a chat: each line goes through core's one command parser, as in Teams and Slack.
 * A checklist runs step by step (the next line answers the current step); commands that need a
 * channel say so instead of being answered as questions.
 */
const ACTOR: Actor = { userId: 'terminal', channel: 'cli', isAdmin: false };
const PLACE: Place = { conversationId: 'terminal', kind: 'personal' };

/** Commands with no meaning in a terminal, and where to go instead. */
export const CHAT_ONLY = {
  digest:
    'Digest commands (digest subscribe, unsubscribe, status) are for partnership admins in a Teams or Slack channel. From the terminal: npm run digest -- preview (read-only) or npm run digest -- send.',
  report: 'The partnership report is not a terminal chat command here: run npm run report.',
  checklist:
    'Checklists run step by step in the interactive prompt: run npm run ask with no question, then type the checklist command.',
} as const;

export type TerminalTurn = { reply: Reply } | { notice: string };

/** One typed line: a question, a command, or (while a checklist step is open) that step's answer. */
export class TerminalChat {
  /** The checklist form waiting for answers, if any, and the answers given to its fields so far. */
  #open: Reply | undefined;
  #values: Record<string, string | string[]> = {};

  constructor(
    private readonly guide: GuideApi,
    /** False for a one-shot `npm run ask -- "…"`: a checklist could never be finished there. */
    private readonly interactive: boolean,
  ) {}

  async say(line: string): Promise<TerminalTurn> {
    const text = line.trim();
    if (this.#open?.form) return this.answerStep(this.#open, text);
    const command = parseCommand(text);
    if (command.type === 'digest') return { notice: CHAT_ONLY.digest };
    if (command.type === 'report') return { notice: CHAT_ONLY.report };
    if (!this.interactive && (command.type === 'checklist-start' || command.type === 'my-checklists'))
      return { notice: CHAT_ONLY.checklist };
    return this.shown(await this.guide.handle(text, ACTOR, PLACE));
  }

  /** How to answer the open step, printed under it. */
  prompt(): string | undefined {
    const reply = this.#open;
    const field = this.#field();
    if (!reply || !field) return undefined;
    const ops = reply.actions.filter((a) => a.kind === 'submit').map((a) => a.value);
    const others = ops.length ? `; or ${ops.join(' / ')}` : '';
    const header = (reply.form?.fields.length ?? 0) > 1 ? [field.label] : [];
    const how = {
      single: 'Type the number of your answer',
      yesno: 'Type the number of your answer',
      multi: 'Type the numbers of every answer that applies, separated by commas',
      date: 'Type the date as YYYY-MM-DD',
      text: 'Type your answer (no names or other identifying details)',
    }[field.type];
    const choices = choicesOf(field).map((o, i) => `  ${i + 1}. ${o.label}`);
    return [
      ...header,
      ...choices,
      `${how}${field.required ? '' : ', or press Enter to skip'}${others}.`,
    ].join('\n');
  }

  /** The next field of the open form to answer. */
  #field(): ReplyField | undefined {
    return this.#open?.form?.fields.find((f) => !(f.id in this.#values));
  }

  private async answerStep(step: Reply, text: string): Promise<TerminalTurn> {
    const form = step.form;
    const field = this.#field();
    if (!form || !field) return this.shown(step);
    const op = step.actions.find((a) => a.kind === 'submit' && a.value === text.toLowerCase());
    if (op) return this.shown(await this.guide.submitForm(withActionData(form.state, op.data), {}, ACTOR));
    const value = valueFor(field, text);
    if (value === undefined) return { notice: `That is not one of the answers. ${this.prompt() ?? ''}` };
    this.#values[field.id] = value;
    // A form of several fields (which checklist, then what to do) is sent once all are answered.
    if (this.#field()) return { notice: this.prompt() ?? '' };
    return this.shown(await this.guide.submitForm(form.state, this.#values, ACTOR));
  }

  private shown(reply: Reply): TerminalTurn {
    this.#open = this.interactive && reply.form ? reply : undefined;
    this.#values = {};
    return { reply };
  }
}

/** A button's data joins the form state it sends back (as Back / Pause / Cancel do in Teams and Slack). */
function withActionData(state: FormState, data: Record<string, unknown> = {}): FormState {
  const merged: FormState = { ...state };
  for (const [key, value] of Object.entries(data))
    if (typeof value === 'string' || typeof value === 'number') merged[key] = value;
  return merged;
}

function choicesOf(field: ReplyField): { value: string; label: string }[] {
  if (field.options?.length) return field.options;
  return field.type === 'yesno'
    ? [
        { value: 'yes', label: 'Yes' },
        { value: 'no', label: 'No' },
      ]
    : [];
}

/** The typed answer as the form value core expects; undefined when a choice is not one on offer. */
function valueFor(field: ReplyField, text: string): string | string[] | undefined {
  const choices = choicesOf(field);
  if (choices.length === 0) return text; // date and text: core validates them and says what is wrong
  if (text === '') return '';
  const pick = (token: string) => {
    const n = Number(token);
    const byNumber = Number.isInteger(n) ? choices[n - 1] : undefined;
    return (byNumber ?? choices.find((c) => c.label.toLowerCase() === token.toLowerCase()))?.value;
  };
  if (field.type !== 'multi') return pick(text);
  const values = text.split(',').map((t) => pick(t.trim()));
  return values.every((v) => v !== undefined) ? values : undefined;
}
