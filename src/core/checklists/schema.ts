import { z } from 'zod';
import { parseCondition, type Condition } from './conditions.js';
import { issue, type ChecklistIssue } from './issues.js';

export const STEP_TYPES = ['single', 'multi', 'yesno', 'date', 'text'] as const;
export type StepType = (typeof STEP_TYPES)[number];
/** `goto: end` finishes the checklist. */
export const END = 'end';
export const DEFAULT_TEXT_MAX = 300;
export const EARLIEST = ['today'] as const;
/** Slack cuts an option's text at 75 characters; a label that long would be shown cut off. */
export const OPTION_LABEL_MAX = 75;

const kebab = z.string().regex(/^[a-z0-9]+(?:-[a-z0-9]+)*$/, 'must be kebab-case (a-z, 0-9, hyphens)');
// YAML reads 10 or true as non-strings; option values are compared as the text the author wrote.
const scalarText = z.union([z.string(), z.number(), z.boolean()]).transform((v) => String(v));
const text = z.string().trim().min(1, 'must not be empty');

const condition = z.unknown().transform((raw, ctx): Condition => {
  const parsed = parseCondition(raw);
  if (parsed.ok) return parsed.value;
  ctx.addIssue({ code: 'custom', message: `bad "when": ${parsed.error}` });
  return z.NEVER;
});

const option = z.strictObject({
  value: scalarText.pipe(z.string().regex(/^[a-z0-9]+(?:-[a-z0-9]+)*$/, 'option values must be kebab-case')),
  label: text.pipe(
    z
      .string()
      .max(OPTION_LABEL_MAX, `option labels must be at most ${OPTION_LABEL_MAX} characters (Slack's limit)`),
  ),
  /** For multiple choice: this option ("none of these") cannot be chosen with others. */
  exclusive: z.boolean().optional(),
});

const note = z.strictObject({ when: condition.optional(), text });
const rule = z.strictObject({ when: condition.optional(), goto: kebab });

const step = z
  .strictObject({
    id: kebab,
    question: text,
    type: z.enum(STEP_TYPES),
    options: z.array(option).optional(),
    help: text.optional(),
    guidance: z.array(kebab).default([]),
    required: z.boolean().default(true),
    /** Text steps only; defaults to DEFAULT_TEXT_MAX. */
    maxLength: z.number().int().min(1).max(1000).optional(),
    /** Date steps only: `today` refuses a date before the day it is answered (a review date in the past). */
    earliest: z.enum(EARLIEST).optional(),
    /** Prompts shown on this step when their condition holds on earlier answers. */
    notes: z.array(note).default([]),
    /** Evaluated in order; the first rule whose `when` holds (or has no `when`) wins. None → the next step in the file. */
    next: z.array(rule).default([]),
  })
  .superRefine((s, ctx) => {
    const choice = s.type === 'single' || s.type === 'multi';
    if (choice && (s.options?.length ?? 0) < 2) {
      ctx.addIssue({
        code: 'custom',
        path: ['options'],
        message: `a ${s.type} step needs at least two options`,
      });
    }
    if (!choice && s.options !== undefined) {
      ctx.addIssue({ code: 'custom', path: ['options'], message: `a ${s.type} step takes no options` });
    }
    // The question is copied into the summary and the case record, so hints belong in `help`.
    if (!s.question.endsWith('?')) {
      ctx.addIssue({
        code: 'custom',
        path: ['question'],
        message:
          'must end with its question mark; put hints and instructions in help (the question is copied into the summary)',
      });
    }
    if (s.earliest !== undefined && s.type !== 'date') {
      ctx.addIssue({ code: 'custom', path: ['earliest'], message: 'earliest is for date steps only' });
    }
    if (s.maxLength !== undefined && s.type !== 'text') {
      ctx.addIssue({ code: 'custom', path: ['maxLength'], message: 'maxLength is for text steps only' });
    }
    if (s.type !== 'multi' && s.options?.some((o) => o.exclusive)) {
      ctx.addIssue({ code: 'custom', path: ['options'], message: 'exclusive is for multi steps only' });
    }
  });

const outcome = z.strictObject({
  when: condition.optional(),
  /** What to do, in the practitioner's terms; may use {{contact:key}}. */
  action: text,
  contacts: z.array(z.string().min(1)).default([]),
  guidance: z.array(kebab).default([]),
  /** Suggest starting another checklist (its id). */
  checklist: kebab.optional(),
});

const milestone = z.strictObject({ id: kebab, when: condition });

export const checklistSchema = z.strictObject({
  id: kebab,
  title: text,
  description: text,
  sources: z.array(z.strictObject({ doc: z.string().min(1), section: text.optional() })).min(1),
  steps: z.array(step).min(1),
  outcomes: z.array(outcome).min(1),
  /** Timeliness points (no identities), e.g. `referral-made`: time from start to when the condition first holds. */
  milestones: z.array(milestone).default([]),
});

export type ChecklistSource = z.output<typeof checklistSchema>;
export type ChecklistStep = z.output<typeof step>;
export type ChecklistOutcome = z.output<typeof outcome>;
export type ChecklistOption = z.output<typeof option>;
/** A parsed checklist and the file it came from (named in every validation issue). */
export type ChecklistDefinition = ChecklistSource & { file: string };

/** The options a step offers (yes/no steps have fixed ones). */
export function stepOptions(s: ChecklistStep): ChecklistOption[] {
  if (s.type === 'yesno') {
    return [
      { value: 'yes', label: 'Yes' },
      { value: 'no', label: 'No' },
    ];
  }
  return s.options ?? [];
}

function stepName(raw: unknown, index: number): string {
  const steps = (raw as { steps?: unknown } | null)?.steps;
  const id = Array.isArray(steps) ? (steps[index] as { id?: unknown } | undefined)?.id : undefined;
  return typeof id === 'string' && id !== '' ? id : `#${index + 1}`;
}

export function parseChecklist(
  raw: unknown,
  file: string,
): { ok: true; def: ChecklistDefinition } | { ok: false; errors: ChecklistIssue[] } {
  const result = checklistSchema.safeParse(raw);
  if (result.success) return { ok: true, def: { ...result.data, file } };
  const errors = result.error.issues.map((i) => {
    const [head, index, ...rest] = i.path;
    const field = (p: PropertyKey[]) => (p.length > 0 ? `${p.map(String).join('.')}: ` : '');
    if (head === 'steps' && typeof index === 'number') {
      return issue(file, stepName(raw, index), `${field(rest)}${i.message}`);
    }
    if (head === 'outcomes' && typeof index === 'number') {
      return issue(file, `outcome ${index + 1}`, `${field(rest)}${i.message}`);
    }
    return issue(file, undefined, `${field(i.path)}${i.message}`);
  });
  return { ok: false, errors };
}
