import { expect } from 'vitest';
import { ChecklistService } from '../../../src/core/checklists/service.js';
import { loadChecklists } from '../../../src/core/checklists/load.js';
import { findStep } from '../../../src/core/checklists/engine.js';
import { runProblem, runRecordSchema, type RunRecord } from '../../../src/core/checklists/run.js';
import { stepOptions, type ChecklistDefinition } from '../../../src/core/checklists/schema.js';
import { detectPii } from '../../../src/core/safety/pii.js';
import { MemoryStore } from '../../../src/core/store/memory-store.js';
import type { Store } from '../../../src/core/store/store.js';
import type { Reply } from '../../../src/core/reply.js';
import { CHECKLIST_DIR, contactFromPack, documentTitle, guidanceFromFiles } from './helpers.js';

export const START = new Date('2026-05-04T09:00:00Z');

/** A clock tests move by hand. */
export class TestClock {
  now = new Date(START);
  readonly fn = () => new Date(this.now);
  advance(ms: number): void {
    this.now = new Date(this.now.getTime() + ms);
  }
}

let loading: ReturnType<typeof loadChecklists> | undefined;

export async function setup(store: Store = new MemoryStore()) {
  loading ??= loadChecklists(CHECKLIST_DIR);
  const { defs, errors } = await loading;
  expect(errors).toEqual([]);
  const clock = new TestClock();
  const service = new ChecklistService({
    defs,
    store,
    clock: clock.fn,
    contacts: contactFromPack,
    detectPii,
    guidance: guidanceFromFiles,
    documentTitle,
  });
  return { service, store, clock, defs };
}

/** What a channel sends back when the user submits this card. */
export function submission(reply: Reply, answer: unknown, op = 'answer'): Record<string, unknown> {
  if (!reply.form) throw new Error(`reply ${reply.kind} has no form`);
  return { ...reply.form.state, answer, op };
}

export async function storedRun(store: Store, userId: string, runId: string) {
  return store.get<RunRecord>(`checklist/${encodeURIComponent(userId)}/${runId}`);
}

export function runIdOf(reply: Reply): string {
  const id = reply.form?.state.runId;
  if (typeof id !== 'string') throw new Error('no run id on reply');
  return id;
}

const KINDS = new Set(['notice', 'error', 'checklist-list', 'checklist-step', 'checklist-summary']);

/** Structural checks every checklist reply must pass; with a run, the form must match its current step. */
export function expectWellFormed(reply: Reply, def?: ChecklistDefinition, run?: RunRecord): void {
  expect(KINDS.has(reply.kind), reply.kind).toBe(true);
  expect(reply.title.trim()).not.toBe('');
  for (const list of [
    reply.warnings,
    reply.steps,
    reply.contacts,
    reply.sections,
    reply.sources,
    reply.followUps,
    reply.actions,
  ]) {
    expect(Array.isArray(list)).toBe(true);
  }
  expect(reply.meta.replyId).toMatch(/^[0-9a-f]{8}$/);
  for (const a of reply.actions) expect(a.label.trim()).not.toBe('');
  if (reply.kind === 'checklist-list' && reply.form) {
    // "my checklists" with many runs: a choice of run and of what to do, nothing identifying in state.
    expect(reply.form.fields.map((f) => f.id)).toEqual(['runId', 'op']);
    expect(reply.form.state).toEqual({});
    return;
  }
  if (reply.kind !== 'checklist-step') {
    expect(reply.form).toBeUndefined();
    return;
  }
  const form = reply.form;
  expect(form).toBeDefined();
  if (!form) return;
  expect(form.fields).toHaveLength(1);
  expect(form.progress).toMatch(/^Step \d+ of about \d+$/);
  expect(typeof form.state.runId).toBe('string');
  expect(typeof form.state.revision).toBe('number');
  if (def && run) {
    const step = findStep(def, String(form.state.stepId));
    expect(step).toBeDefined();
    if (!step) return;
    expect(form.state.stepId).toBe(run.path.at(-1));
    expect(form.state.revision).toBe(run.revision);
    const field = form.fields[0];
    expect(field?.type).toBe(step.type);
    expect(field?.required).toBe(step.required);
    if (step.type === 'text' || step.type === 'date') expect(field?.options).toBeUndefined();
    else expect(field?.options?.map((o) => o.value)).toEqual(stepOptions(step).map((o) => o.value));
  }
}

/** The stored run parses and fits its definition. */
export function expectValidRun(value: unknown, defs: readonly ChecklistDefinition[]): RunRecord {
  const parsed = runRecordSchema.safeParse(value);
  expect(parsed.success, JSON.stringify(parsed.error?.issues)).toBe(true);
  const run = parsed.data as RunRecord;
  const def = defs.find((d) => d.id === run.checklistId);
  expect(def).toBeDefined();
  expect(runProblem(def as ChecklistDefinition, run)).toBeUndefined();
  return run;
}
