import { evaluate } from './conditions.js';
import type { ChecklistDefinition } from './schema.js';
import type { RunRecord } from './run.js';

/**
 * Timeliness data for the partnership report, stored at `checklist-stats/{runId}`: no user id, no
 * answers text, the start day only.
 */
export interface ChecklistStats {
  v: 1;
  checklistId: string;
  /** YYYY-MM-DD (UTC) of the start. */
  startedOn: string;
  status: 'open' | 'completed' | 'cancelled';
  /** Milestone id → milliseconds from start, e.g. { 'referral-made': 840000 }. */
  milestones: Record<string, number>;
  /** Optional steps on the route taken that were left blank. */
  skipped: string[];
  /** Steps answered on the route taken. */
  answered: number;
  /** Milliseconds from start to finish (completed runs). */
  durationMs?: number;
}

export function statsKey(runId: string): string {
  return `checklist-stats/${runId}`;
}

/** Recomputes which milestones hold: keeps the first time for those still true, adds new ones, drops ones undone by going back. */
export function updateMilestones(
  def: ChecklistDefinition,
  run: RunRecord,
  now: Date,
): Record<string, number> {
  const elapsed = Math.max(0, now.getTime() - Date.parse(run.startedAt));
  const out: Record<string, number> = {};
  for (const m of def.milestones) {
    if (evaluate(m.when, run.answers)) out[m.id] = run.milestones[m.id] ?? elapsed;
  }
  return out;
}

export function statsFor(run: RunRecord, status: ChecklistStats['status']): ChecklistStats {
  const answeredSteps = run.path.filter((id) => Object.hasOwn(run.answers, id));
  return {
    v: 1,
    checklistId: run.checklistId,
    startedOn: run.startedAt.slice(0, 10),
    status,
    milestones: { ...run.milestones },
    skipped: answeredSteps.filter((id) => run.answers[id] === null),
    answered: answeredSteps.filter((id) => run.answers[id] !== null).length,
    ...(run.finishedAt ? { durationMs: Date.parse(run.finishedAt) - Date.parse(run.startedAt) } : {}),
  };
}
