import path from 'node:path';
import { COMBINATORS, leafTests, type Condition } from './conditions.js';
import { contactRefs, successors } from './engine.js';
import { issue, type ChecklistIssue } from './issues.js';
import { END, stepOptions, type ChecklistDefinition, type ChecklistStep } from './schema.js';

/** Known ids to check references against; a set left out is not checked. */
export interface ChecklistRefs {
  guidanceIds?: Iterable<string>;
  contactKeys?: Iterable<string>;
  documentKeys?: Iterable<string>;
}

const RESERVED = new Set<string>([END, ...COMBINATORS]);

/** Steps that can be answered before `target` (every step with a route to it). */
function predecessors(def: ChecklistDefinition): Map<string, Set<string>> {
  const reverse = new Map<string, string[]>();
  for (const s of def.steps) {
    for (const n of successors(def, s)) reverse.set(n, [...(reverse.get(n) ?? []), s.id]);
  }
  const result = new Map<string, Set<string>>();
  for (const s of def.steps) {
    const seen = new Set<string>();
    const queue = [...(reverse.get(s.id) ?? [])];
    while (queue.length > 0) {
      const id = queue.pop() as string;
      if (seen.has(id)) continue;
      seen.add(id);
      queue.push(...(reverse.get(id) ?? []));
    }
    result.set(s.id, seen);
  }
  return result;
}

function checkCondition(
  def: ChecklistDefinition,
  condition: Condition,
  where: string,
  report: (message: string) => void,
  answerable?: ReadonlySet<string>,
): void {
  for (const { step: ref, test } of leafTests(condition)) {
    const target = def.steps.find((s) => s.id === ref);
    if (!target) {
      report(`${where} refers to step "${ref}", which does not exist`);
      continue;
    }
    if (answerable && !answerable.has(ref)) {
      report(`${where} refers to step "${ref}", which cannot have been answered by then`);
    }
    if (test.kind === 'answered') continue;
    if (target.type === 'date' || target.type === 'text') {
      report(`${where} tests the ${target.type} step "${ref}" by value; use { answered: true|false }`);
      continue;
    }
    if (test.kind === 'includes' && target.type !== 'multi') {
      report(`${where} uses "includes" on "${ref}", which is not a multi step`);
    }
    if (test.kind !== 'includes' && target.type === 'multi') {
      report(`${where} uses "${test.kind}" on the multi step "${ref}"; use "includes"`);
    }
    const values = new Set(stepOptions(target).map((o) => o.value));
    const tested = test.kind === 'in' ? test.values : [test.value];
    for (const v of tested) {
      if (!values.has(v))
        report(`${where}: "${v}" is not an option of step "${ref}" (${[...values].join(', ')})`);
    }
  }
}

function checkGraph(def: ChecklistDefinition, out: ChecklistIssue[]): void {
  const ids = new Set(def.steps.map((s) => s.id));
  for (const s of def.steps) {
    s.next.forEach((r, i) => {
      if (r.goto !== END && !ids.has(r.goto))
        out.push(issue(def.file, s.id, `goto "${r.goto}" does not exist`));
      const open = s.next.findIndex((x) => x.when === undefined);
      if (open !== -1 && i > open) {
        out.push(
          issue(
            def.file,
            s.id,
            `next rule ${i + 1} can never apply: rule ${open + 1} before it has no "when"`,
          ),
        );
      }
    });
  }
  const byId = new Map(def.steps.map((s) => [s.id, s]));
  const edges = (s: ChecklistStep) => successors(def, s).filter((n) => byId.has(n));

  const reached = new Set<string>();
  const queue = def.steps[0] ? [def.steps[0].id] : [];
  while (queue.length > 0) {
    const id = queue.pop() as string;
    if (reached.has(id)) continue;
    reached.add(id);
    queue.push(...edges(byId.get(id) as ChecklistStep));
  }
  for (const s of def.steps) {
    if (!reached.has(s.id)) out.push(issue(def.file, s.id, 'is unreachable from the first step'));
  }

  const state = new Map<string, 'open' | 'done'>();
  const stack: string[] = [];
  const visit = (s: ChecklistStep): void => {
    state.set(s.id, 'open');
    stack.push(s.id);
    for (const n of edges(s)) {
      if (state.get(n) === 'open') {
        const cycle = [...stack.slice(stack.indexOf(n)), n].join(' → ');
        out.push(issue(def.file, s.id, `goto "${n}" makes a cycle: ${cycle}`));
      } else if (!state.has(n)) visit(byId.get(n) as ChecklistStep);
    }
    stack.pop();
    state.set(s.id, 'done');
  };
  for (const s of def.steps) if (!state.has(s.id)) visit(s);
}

function checkRefs(
  def: ChecklistDefinition,
  refs: ChecklistRefs,
  ids: ReadonlySet<string>,
  out: ChecklistIssue[],
): void {
  const guidance = refs.guidanceIds && new Set(refs.guidanceIds);
  const contacts = refs.contactKeys && new Set(refs.contactKeys);
  const documents = refs.documentKeys && new Set(refs.documentKeys);
  const checkGuidance = (list: readonly string[], where: string | undefined) => {
    for (const g of list)
      if (guidance && !guidance.has(g))
        out.push(issue(def.file, where, `guidance item "${g}" does not exist`));
  };
  const checkContacts = (keys: readonly string[], where: string | undefined) => {
    for (const k of keys)
      if (contacts && !contacts.has(k))
        out.push(issue(def.file, where, `contact "${k}" is not in pack.yaml`));
  };
  for (const src of def.sources) {
    if (documents && !documents.has(src.doc))
      out.push(issue(def.file, undefined, `source document "${src.doc}" is not in pack.yaml`));
  }
  checkContacts(contactRefs(def.description), undefined);
  for (const s of def.steps) {
    checkGuidance(s.guidance, s.id);
    const texts = [
      s.question,
      s.help ?? '',
      ...s.notes.map((n) => n.text),
      ...(s.options ?? []).map((o) => o.label),
    ];
    checkContacts(texts.flatMap(contactRefs), s.id);
  }
  def.outcomes.forEach((o, i) => {
    const where = `outcome ${i + 1}`;
    checkGuidance(o.guidance, where);
    checkContacts([...o.contacts, ...contactRefs(o.action)], where);
    if (o.checklist !== undefined && !ids.has(o.checklist)) {
      out.push(issue(def.file, where, `checklist "${o.checklist}" does not exist`));
    }
  });
}

/** Everything `content:check` reports about checklist definitions: structure, conditions and references. */
export function validateChecklists(
  defs: readonly ChecklistDefinition[],
  refs: ChecklistRefs = {},
): ChecklistIssue[] {
  const out: ChecklistIssue[] = [];
  const checklistIds = new Set(defs.map((d) => d.id));
  const seenChecklists = new Map<string, string>();
  for (const def of defs) {
    const earlier = seenChecklists.get(def.id);
    if (earlier !== undefined)
      out.push(issue(def.file, undefined, `checklist id "${def.id}" is also used by ${earlier}`));
    seenChecklists.set(def.id, def.file);
    const base = path.basename(def.file).replace(/\.ya?ml$/, '');
    if (/\.ya?ml$/.test(def.file) && base !== def.id) {
      out.push(issue(def.file, undefined, `id "${def.id}" should match the file name "${base}"`));
    }

    const seenSteps = new Set<string>();
    for (const s of def.steps) {
      if (seenSteps.has(s.id)) out.push(issue(def.file, s.id, 'duplicate step id'));
      seenSteps.add(s.id);
      if (RESERVED.has(s.id))
        out.push(issue(def.file, s.id, `"${s.id}" is reserved and cannot be a step id`));
      const values = (s.options ?? []).map((o) => o.value);
      for (const v of new Set(values.filter((v, i) => values.indexOf(v) !== i))) {
        out.push(issue(def.file, s.id, `duplicate option value "${v}"`));
      }
    }
    const seenMilestones = new Set<string>();
    for (const m of def.milestones) {
      if (seenMilestones.has(m.id))
        out.push(issue(def.file, `milestone "${m.id}"`, 'duplicate milestone id'));
      seenMilestones.add(m.id);
    }

    checkGraph(def, out);

    const before = predecessors(def);
    for (const s of def.steps) {
      const earlier = before.get(s.id) ?? new Set<string>();
      const report = (message: string) => out.push(issue(def.file, s.id, message));
      s.next.forEach((r, i) => {
        if (r.when) checkCondition(def, r.when, `next rule ${i + 1}`, report, new Set([...earlier, s.id]));
      });
      s.notes.forEach((n, i) => {
        if (n.when) checkCondition(def, n.when, `note ${i + 1}`, report, earlier);
      });
    }
    def.outcomes.forEach((o, i) => {
      if (o.when)
        checkCondition(def, o.when, 'when', (m) => out.push(issue(def.file, `outcome ${i + 1}`, m)));
    });
    for (const m of def.milestones) {
      checkCondition(def, m.when, 'when', (msg) => out.push(issue(def.file, `milestone "${m.id}"`, msg)));
    }
    checkRefs(def, refs, checklistIds, out);
  }
  return out;
}
