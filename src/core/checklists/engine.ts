import { evaluate, type Answers } from './conditions.js';
import { END, type ChecklistDefinition, type ChecklistOutcome, type ChecklistStep } from './schema.js';

export function findStep(def: ChecklistDefinition, id: string): ChecklistStep | undefined {
  return def.steps.find((s) => s.id === id);
}

/** Where a step goes when no rule matches: the next step in the file, or the end after the last. */
function fallthrough(def: ChecklistDefinition, id: string): string {
  const index = def.steps.findIndex((s) => s.id === id);
  return def.steps[index + 1]?.id ?? END;
}

/** Every step (or END) this step can lead to, in rule order. */
export function successors(def: ChecklistDefinition, s: ChecklistStep): string[] {
  const out = s.next.map((r) => r.goto);
  if (!s.next.some((r) => r.when === undefined)) out.push(fallthrough(def, s.id));
  return [...new Set(out)];
}

/** The step after `s` given the answers so far, and which rule chose it (-1: none matched, next in file). */
export function nextRule(
  def: ChecklistDefinition,
  s: ChecklistStep,
  answers: Answers,
): { goto: string; rule: number } {
  const rule = s.next.findIndex((r) => r.when === undefined || evaluate(r.when, answers));
  return { goto: rule === -1 ? fallthrough(def, s.id) : (s.next[rule]?.goto as string), rule };
}

/** The step after `s` given the answers so far (rules in order; first match wins). */
export function nextStepId(def: ChecklistDefinition, s: ChecklistStep, answers: Answers): string {
  return nextRule(def, s, answers).goto;
}

/** Number of steps on the longest route from `id` (inclusive) to the end. Definitions are acyclic once validated. */
export function longestFrom(def: ChecklistDefinition, id: string, memo = new Map<string, number>()): number {
  if (id === END) return 0;
  const known = memo.get(id);
  if (known !== undefined) return known;
  const s = findStep(def, id);
  if (!s) return 0;
  memo.set(id, 1); // guards against a cycle in an unvalidated definition
  const best = 1 + Math.max(0, ...successors(def, s).map((n) => longestFrom(def, n, memo)));
  memo.set(id, best);
  return best;
}

/** "Step 4 of about 9": the path so far plus the longest route still possible. */
export function progress(
  def: ChecklistDefinition,
  path: readonly string[],
): { step: number; total: number; text: string } {
  const current = path.at(-1);
  const step = path.length;
  const total = Math.max(step, step - 1 + (current === undefined ? 0 : longestFrom(def, current)));
  return { step, total, text: `Step ${step} of about ${total}` };
}

export function recommendedOutcomes(def: ChecklistDefinition, answers: Answers): ChecklistOutcome[] {
  return def.outcomes.filter((o) => o.when === undefined || evaluate(o.when, answers));
}

export function activeNotes(s: ChecklistStep, answers: Answers): string[] {
  return s.notes.filter((n) => n.when === undefined || evaluate(n.when, answers)).map((n) => n.text);
}

const CONTACT_REF = /\{\{contact:([A-Za-z0-9_-]+)\}\}/g;

export function contactRefs(text: string): string[] {
  return [...text.matchAll(CONTACT_REF)].map((m) => m[1] as string);
}

export function fillContacts(text: string, name: (key: string) => string): string {
  return text.replace(CONTACT_REF, (_, key: string) => name(key));
}
