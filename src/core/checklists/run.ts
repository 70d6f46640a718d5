import { z } from 'zod';
import { readAnswer } from './answers.js';
import { findStep, nextStepId } from './engine.js';
import { END, type ChecklistDefinition } from './schema.js';

export const RUN_TTL_MS = 30 * 24 * 60 * 60 * 1000;

const iso = z.iso.datetime();

/** A practitioner's run, stored at `checklist/{userId}/{runId}`. Answers only: no names, no message text. */
export const runRecordSchema = z.strictObject({
  v: z.literal(1),
  runId: z.string().min(1),
  checklistId: z.string().min(1),
  status: z.enum(['active', 'paused', 'completed']),
  /** Increases on every answer or step back; cards carry it so a stale card is detected. */
  revision: z.number().int().min(0),
  startedAt: iso,
  updatedAt: iso,
  finishedAt: iso.optional(),
  /** 30 days after the last change. */
  expiresAt: iso,
  /** Steps visited in order; the last is the current step (or the final answered step once completed). */
  path: z.array(z.string().min(1)).min(1),
  /** null = an optional step left blank. */
  answers: z.record(z.string(), z.union([z.string(), z.array(z.string()), z.null()])),
  /** Milestone id → milliseconds from start to when its condition first held. */
  milestones: z.record(z.string(), z.number().int().min(0)),
});
export type RunRecord = z.output<typeof runRecordSchema>;

export function runKey(userId: string, runId: string): string {
  return `${runPrefix(userId)}${runId}`;
}

export function runPrefix(userId: string): string {
  // User ids from Teams contain ':'; encoding keeps '/' out of the key segment.
  return `checklist/${encodeURIComponent(userId)}/`;
}

export function isExpired(run: RunRecord, now: Date): boolean {
  return Date.parse(run.expiresAt) <= now.getTime();
}

/**
 * Why a stored run does not fit its definition (undefined when it does): every step exists, every
 * answer is valid for its step, each step led to the next by the rules, and a completed run ended.
 * Used on every read (definitions may change under a paused run) and by the property tests.
 */
export function runProblem(def: ChecklistDefinition, run: RunRecord): string | undefined {
  if (run.checklistId !== def.id) return 'belongs to another checklist';
  if (new Set(run.path).size !== run.path.length) return 'visits a step twice';
  for (const key of Object.keys(run.answers))
    if (!run.path.includes(key)) return `answer for "${key}" is off the path`;
  if (run.path[0] !== def.steps[0]?.id) return 'does not start at the first step';
  const last = run.path.length - 1;
  for (const [i, id] of run.path.entries()) {
    const s = findStep(def, id);
    if (!s) return `step "${id}" no longer exists`;
    const answered = Object.hasOwn(run.answers, id);
    if (answered) {
      const value = run.answers[id] ?? null;
      const check = readAnswer(s, value);
      if (!check.ok || JSON.stringify(check.value) !== JSON.stringify(value))
        return `answer for "${id}" is not valid`;
    }
    if (i < last) {
      if (!answered) return `step "${id}" has no answer`;
      if (nextStepId(def, s, run.answers) !== run.path[i + 1])
        return `step "${id}" does not lead to "${run.path[i + 1]}"`;
    } else if (run.status === 'completed') {
      if (!answered) return 'completed without answering the last step';
      if (nextStepId(def, s, run.answers) !== END) return 'completed before the end';
    }
  }
  if ((run.status === 'completed') !== (run.finishedAt !== undefined))
    return 'finishedAt does not match status';
  return undefined;
}
