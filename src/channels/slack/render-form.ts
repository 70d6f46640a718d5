import type { types as Slack } from '@slack/bolt';
import type { ReplyField, ReplyForm } from '../../core/reply.js';
import { plain, truncateEscaped, escapeText } from './escape.js';
import { LIMITS } from './limits.js';

/** Each field is one input block: block_id `f:{fieldId}`, action_id `v`. */
const BLOCK_PREFIX = 'f:';
const ACTION_ID = 'v';

/** The input block of a field (modal `errors` are keyed by it). */
export function fieldBlockId(fieldId: string): string {
  return `${BLOCK_PREFIX}${fieldId}`.slice(0, 255);
}

type Option = Slack.PlainTextOption;

/**
 * Radio buttons and checkboxes show an option's `description` under its text, each up to 75
 * characters: a longer label continues there, split between words, instead of losing its meaning
 * to "…". Select menus have no description, so theirs are cut.
 */
function options(field: ReplyField, max: number, withDescription: boolean): Option[] {
  return (field.options ?? []).slice(0, max).map((o) => {
    const value = o.value.slice(0, LIMITS.optionValue);
    const label = o.label.trim();
    if (!withDescription || escapeText(label).length <= LIMITS.optionText)
      return { text: plain(label, LIMITS.optionText), value };
    const [head, rest] = splitBetweenWords(label, LIMITS.optionText);
    return {
      text: plain(head, LIMITS.optionText),
      ...(rest ? { description: plain(rest, LIMITS.optionText) } : {}),
      value,
    };
  });
}

/** The longest run of whole words (escaped, at most `max` characters) and what follows it. */
function splitBetweenWords(text: string, max: number): [string, string] {
  const words = text.split(/\s+/);
  let head = '';
  while (words.length > 0) {
    const next = head ? `${head} ${words[0]}` : (words[0] ?? '');
    if (escapeText(next).length > max) break;
    head = next;
    words.shift();
  }
  if (!head) return [text, ''];
  return [head, words.join(' ')];
}

function current(field: ReplyField): string[] {
  if (field.value === undefined) return [];
  return Array.isArray(field.value) ? field.value : [field.value];
}

function element(field: ReplyField): Slack.InputBlock['element'] {
  const values = current(field);
  switch (field.type) {
    case 'yesno':
    case 'single': {
      const opts =
        field.type === 'yesno'
          ? [
              { text: plain('Yes', LIMITS.optionText), value: 'yes' },
              { text: plain('No', LIMITS.optionText), value: 'no' },
            ]
          : options(field, LIMITS.selectOptions, (field.options?.length ?? 0) <= LIMITS.radioOptions);
      const initial = opts.find((o) => o.value === values[0]);
      if (opts.length <= LIMITS.radioOptions) {
        return {
          type: 'radio_buttons',
          action_id: ACTION_ID,
          options: opts,
          ...(initial ? { initial_option: initial } : {}),
        };
      }
      return {
        type: 'static_select',
        action_id: ACTION_ID,
        options: opts,
        placeholder: plain('Choose one', LIMITS.optionText),
        ...(initial ? { initial_option: initial } : {}),
      };
    }
    case 'multi': {
      const opts = options(
        field,
        LIMITS.selectOptions,
        (field.options?.length ?? 0) <= LIMITS.checkboxOptions,
      );
      const initial = opts.filter((o) => o.value !== undefined && values.includes(o.value));
      if (opts.length <= LIMITS.checkboxOptions) {
        return {
          type: 'checkboxes',
          action_id: ACTION_ID,
          options: opts,
          ...(initial.length > 0 ? { initial_options: initial } : {}),
        };
      }
      return {
        type: 'multi_static_select',
        action_id: ACTION_ID,
        options: opts,
        placeholder: plain('Choose any that apply', LIMITS.optionText),
        ...(initial.length > 0 ? { initial_options: initial } : {}),
      };
    }
    case 'date': {
      const initial = values[0] && /^\d{4}-\d{2}-\d{2}$/.test(values[0]) ? values[0] : undefined;
      return { type: 'datepicker', action_id: ACTION_ID, ...(initial ? { initial_date: initial } : {}) };
    }
    case 'text':
      return {
        type: 'plain_text_input',
        action_id: ACTION_ID,
        multiline: true,
        max_length: Math.min(field.maxLength ?? 3000, 3000),
        ...(values[0] ? { initial_value: values[0].slice(0, 3000) } : {}),
      };
  }
}

/** The form's fields as input blocks (for a modal, or inline in a message). */
export function renderFormInputs(form: ReplyForm): Slack.KnownBlock[] {
  const blocks: Slack.KnownBlock[] = [];
  if (form.progress) {
    blocks.push({
      type: 'context',
      elements: [{ type: 'mrkdwn', text: truncateEscaped(escapeText(form.progress), LIMITS.contextText) }],
    });
  }
  for (const field of form.fields) {
    blocks.push({
      type: 'input',
      block_id: fieldBlockId(field.id),
      label: plain(field.label, LIMITS.inputLabel),
      optional: !field.required,
      element: element(field),
      ...(field.help ? { hint: plain(field.help, LIMITS.inputLabel) } : {}),
    });
    // A modal shows it on the field itself (response_action: errors); a message has only this.
    if (field.error) {
      blocks.push({
        type: 'context',
        elements: [
          { type: 'mrkdwn', text: truncateEscaped(`:warning: ${escapeText(field.error)}`, LIMITS.contextText) },
        ],
      });
    }
  }
  return blocks;
}

interface StateValue {
  type?: string;
  value?: string | null;
  selected_option?: { value?: string } | null;
  selected_options?: { value?: string }[] | null;
  selected_date?: string | null;
}

/**
 * Reads `view.state.values` (or a message's `state.values`) back into field id → answer.
 * Blocks we did not render are ignored.
 */
export function readFormValues(stateValues: unknown): Record<string, string | string[]> {
  const out: Record<string, string | string[]> = {};
  if (typeof stateValues !== 'object' || stateValues === null) return out;
  for (const [blockId, actions] of Object.entries(stateValues as Record<string, unknown>)) {
    if (!blockId.startsWith(BLOCK_PREFIX) || typeof actions !== 'object' || actions === null) continue;
    const v = (actions as Record<string, StateValue | undefined>)[ACTION_ID];
    if (!v) continue;
    const id = blockId.slice(BLOCK_PREFIX.length);
    if (Array.isArray(v.selected_options)) {
      out[id] = v.selected_options.map((o) => o.value).filter((x): x is string => typeof x === 'string');
    } else if (typeof v.selected_option?.value === 'string') {
      out[id] = v.selected_option.value;
    } else if (typeof v.selected_date === 'string') {
      out[id] = v.selected_date;
    } else if (typeof v.value === 'string') {
      out[id] = v.value;
    }
  }
  return out;
}
