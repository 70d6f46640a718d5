import {
  emptyReply,
  newReplyId,
  type Reply,
  type ReplyContact,
  type ReplySource,
  type ReplyWarning,
} from '../reply.js';
import type { AnswerValue } from './conditions.js';
import { activeNotes, contactRefs, fillContacts, findStep, longestFrom, progress } from './engine.js';
import { textLimit } from './answers.js';
import { stepOptions, type ChecklistDefinition, type ChecklistStep } from './schema.js';
import type { RunRecord } from './run.js';

/** What replies need from outside the engine. */
export interface ChecklistReplyContext {
  contact: (key: string) => ReplyContact;
  guidance: (id: string) => ReplySource | undefined;
  document: (key: string) => string;
  /** Formats an ISO timestamp for people, in the partnership's time zone. */
  time: (iso: string) => string;
  checklistTitle: (id: string) => string;
}

export const ANSWER_FIELD = 'answer';

export function newReply(kind: Reply['kind'], title: string): Reply {
  return emptyReply(kind, title, newReplyId());
}

export function contactLine(c: ReplyContact): string {
  const how =
    c.detail ?? c.url ?? (c.signpost ? 'ask your designated safeguarding lead for the local route' : '');
  return how ? `${c.name}: ${how}` : c.name;
}

function uniqueContacts(ctx: ChecklistReplyContext, keys: readonly string[]): ReplyContact[] {
  return [...new Set(keys)].map((k) => ctx.contact(k));
}

export function sourcesFor(ctx: ChecklistReplyContext, ids: readonly string[]): ReplySource[] {
  return [...new Set(ids)].flatMap((id) => ctx.guidance(id) ?? []);
}

export function answerText(
  ctx: ChecklistReplyContext,
  s: ChecklistStep,
  value: AnswerValue | null | undefined,
): string {
  if (value === null || value === undefined) return 'Skipped';
  const label = (v: string) =>
    fillContacts(stepOptions(s).find((o) => o.value === v)?.label ?? v, (k) => ctx.contact(k).name);
  if (Array.isArray(value)) return value.length === 0 ? 'None' : value.map(label).join('; ');
  if (s.type === 'date') return formatDate(value);
  if (s.type === 'text') return value;
  return label(value);
}

function formatDate(value: string): string {
  const d = new Date(`${value}T12:00:00Z`);
  return new Intl.DateTimeFormat('en-GB', {
    day: 'numeric',
    month: 'long',
    year: 'numeric',
    timeZone: 'UTC',
  }).format(d);
}

/**
 * The card for the run's current step. `warnings` explain why it is shown again (a stale card, the
 * first step already); `fieldError` why the answer just submitted was not saved.
 */
export function stepReply(
  ctx: ChecklistReplyContext,
  def: ChecklistDefinition,
  run: RunRecord,
  warnings: ReplyWarning[] = [],
  fieldError?: string,
): Reply {
  const stepId = run.path.at(-1) as string;
  const s = findStep(def, stepId) as ChecklistStep;
  const name = (k: string) => ctx.contact(k).name;
  const notes = activeNotes(s, run.answers);
  const reply = newReply('checklist-step', def.title);
  reply.summary = run.path.length === 1 ? fillContacts(def.description, name) : undefined;
  reply.warnings = warnings;
  if (notes.length > 0) {
    reply.sections.push({
      heading: 'To consider',
      style: 'bullets',
      lines: notes.map((n) => fillContacts(n, name)),
    });
  }
  const texts = [s.question, s.help ?? '', ...notes, ...stepOptions(s).map((o) => o.label)];
  reply.contacts = uniqueContacts(ctx, texts.flatMap(contactRefs));
  reply.sources = sourcesFor(ctx, s.guidance);
  const current = run.answers[stepId];
  const last = longestFrom(def, stepId) === 1;
  reply.form = {
    state: { runId: run.runId, checklistId: def.id, stepId, revision: run.revision },
    fields: [
      {
        id: ANSWER_FIELD,
        label: fillContacts(s.question, name),
        type: s.type,
        ...(s.type === 'text' || s.type === 'date'
          ? {}
          : { options: stepOptions(s).map((o) => ({ value: o.value, label: fillContacts(o.label, name) })) }),
        required: s.required,
        ...(s.help ? { help: fillContacts(s.help, name) } : {}),
        ...(s.type === 'text' ? { maxLength: textLimit(s) } : {}),
        ...(current !== undefined && current !== null ? { value: current } : {}),
        ...(fieldError ? { error: fieldError } : {}),
      },
    ],
    submitLabel: last ? 'Finish' : 'Next',
    progress: progress(def, run.path).text,
  };
  if (run.path.length > 1)
    reply.actions.push({ kind: 'submit', label: 'Back', value: 'back', data: { op: 'back' } });
  reply.actions.push(
    { kind: 'submit', label: 'Pause', value: 'pause', data: { op: 'pause' } },
    { kind: 'submit', label: 'Cancel', value: 'cancel', data: { op: 'cancel' } },
  );
  reply.meta.itemIds = [...s.guidance];
  return reply;
}

export function listReply(defs: readonly ChecklistDefinition[], ctx: ChecklistReplyContext): Reply {
  const reply = newReply('checklist-list', 'Checklists');
  reply.summary =
    'Step-by-step prompts for your professional judgement. They do not decide for you, and they are not a case record.';
  reply.sections = defs.map((d) => ({
    heading: d.title,
    style: 'text' as const,
    lines: [fillContacts(d.description, (k) => ctx.contact(k).name)],
  }));
  reply.actions = defs.map((d) => ({
    kind: 'command' as const,
    label: `Start: ${d.title}`,
    value: `checklist ${d.id}`,
  }));
  return reply;
}

export function noticeReply(title: string, summary: string, warnings: ReplyWarning[] = []): Reply {
  const reply = newReply('notice', title);
  reply.summary = summary;
  reply.warnings = warnings;
  return reply;
}

/**
 * Up to this many runs get a Resume and a Cancel button each (Teams shows at most 6 actions on a
 * card). More runs are one choice of run and one of what to do, so any number can be reached.
 */
export const RUNS_AS_BUTTONS = 3;

/** The form for many runs: pick one, pick resume or cancel; the fields are the submission's `runId` and `op`. */
function runPicker(
  ctx: ChecklistReplyContext,
  runs: readonly { run: RunRecord; def: ChecklistDefinition }[],
) {
  return {
    state: {},
    submitLabel: 'Go',
    fields: [
      {
        id: 'runId',
        label: 'Which checklist?',
        type: 'single' as const,
        required: true,
        options: runs.map(({ run, def }) => ({
          value: run.runId,
          label:
            run.status === 'completed'
              ? `${def.title}: finished ${ctx.time(run.finishedAt ?? run.updatedAt)}`
              : `${def.title}: ${progress(def, run.path).text.toLowerCase()}, started ${ctx.time(run.startedAt)}`,
        })),
      },
      {
        id: 'op',
        label: 'What would you like to do?',
        type: 'single' as const,
        required: true,
        options: [
          { value: 'resume', label: 'Resume it (or show its summary)' },
          { value: 'cancel', label: 'Cancel it (or delete it) and its answers' },
        ],
      },
    ],
  };
}

export function myRunsReply(
  ctx: ChecklistReplyContext,
  runs: readonly { run: RunRecord; def: ChecklistDefinition }[],
  defs: readonly ChecklistDefinition[],
): Reply {
  const reply = newReply('checklist-list', 'My checklists');
  const open = runs.filter(({ run }) => run.status !== 'completed');
  const done = runs.filter(({ run }) => run.status === 'completed');
  if (runs.length === 0) {
    reply.summary = 'You have no checklists in progress.';
    reply.actions = defs.map((d) => ({
      kind: 'command',
      label: `Start: ${d.title}`,
      value: `checklist ${d.id}`,
    }));
    return reply;
  }
  reply.summary = 'Your checklists from the last 30 days, newest first. Resume on any device.';
  if (open.length > 0) {
    reply.sections.push({
      heading: 'In progress',
      style: 'bullets',
      lines: open.map(
        ({ run, def }) =>
          `${def.title}: ${progress(def, run.path).text.toLowerCase()}, started ${ctx.time(run.startedAt)}` +
          (run.status === 'paused' ? ' (paused)' : ''),
      ),
    });
  }
  if (done.length > 0) {
    reply.sections.push({
      heading: 'Finished',
      style: 'bullets',
      lines: done.map(
        ({ run, def }) => `${def.title}: finished ${ctx.time(run.finishedAt ?? run.updatedAt)}`,
      ),
    });
  }
  if (runs.length > RUNS_AS_BUTTONS) {
    reply.form = runPicker(ctx, runs);
    return reply;
  }
  for (const { run, def } of runs) {
    const resume = run.status === 'completed' ? `Summary: ${def.title}` : `Resume: ${def.title}`;
    reply.actions.push({
      kind: 'submit',
      label: resume,
      value: 'resume',
      data: { op: 'resume', runId: run.runId },
    });
    const remove = run.status === 'completed' ? 'Delete' : 'Cancel';
    reply.actions.push({
      kind: 'submit',
      label: `${remove}: ${def.title}`,
      value: 'cancel',
      data: { op: 'cancel', runId: run.runId },
    });
  }
  return reply;
}
