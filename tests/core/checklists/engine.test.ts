import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { evaluate, type AnswerValue, type Answers } from '../../../src/core/checklists/conditions.js';
import { readAnswer } from '../../../src/core/checklists/answers.js';
import { findStep, nextRule, progress, recommendedOutcomes } from '../../../src/core/checklists/engine.js';
import { loadChecklists } from '../../../src/core/checklists/load.js';
import { END, type ChecklistDefinition } from '../../../src/core/checklists/schema.js';
import { RECOGNITION_BRANCHES, TEEN_COERCION, UNDER_10_EXPECTED } from '../../helpers/recognition-plans.js';
import {
  OVER_10_YJS,
  REFERRAL_BRANCHES,
  UNDER_10_CRIME,
  type BranchPlan,
  type ReferralPlan,
} from '../../helpers/referral-plans.js';
import { CHECKLIST_DIR, defById } from './helpers.js';

/** A walk from the shared plans (tests/helpers/*-plans.ts): the channel tests drive some of the same. */
type Plan = ReferralPlan | BranchPlan;
type Given = Plan['answers'];

interface Walk {
  path: string[];
  answers: Answers;
  rules: string[];
  notes: string[];
}

/** Walks a checklist with the engine alone, answering each visited step from `given`. */
function walk(def: ChecklistDefinition, given: Given): Walk {
  const answers: Record<string, AnswerValue | null> = {};
  const out: Walk = { path: [], answers, rules: [], notes: [] };
  let id = def.steps[0]?.id ?? END;
  while (id !== END) {
    const s = findStep(def, id);
    if (!s) throw new Error(`step ${id} missing`);
    if (out.path.includes(id)) throw new Error(`loop at ${id}`);
    out.path.push(id);
    s.notes.forEach((n, i) => {
      if (!n.when || evaluate(n.when, answers)) out.notes.push(`${id}#${i}`);
    });
    if (!Object.hasOwn(given, id)) throw new Error(`plan gives no answer for "${id}"`);
    const read = readAnswer(s, given[id]);
    if (!read.ok) throw new Error(`plan answer for "${id}" is invalid: ${read.message}`);
    answers[id] = read.value;
    const next = nextRule(def, s, answers);
    out.rules.push(`${id}#${next.rule}`);
    id = next.goto;
  }
  const unused = Object.keys(given).filter((k) => !out.path.includes(k));
  if (unused.length > 0) throw new Error(`plan answers steps off its path: ${unused.join(', ')}`);
  return out;
}

const defs: ChecklistDefinition[] = [];
const seen = { rules: new Set<string>(), notes: new Set<string>(), fired: new Map<string, Set<boolean>>() };

beforeAll(async () => {
  const loaded = await loadChecklists(CHECKLIST_DIR);
  expect(loaded.errors).toEqual([]);
  defs.push(...loaded.defs);
});

function run(checklist: string, plans: Plan[]) {
  describe(checklist, () => {
    it.each(plans)('$name', (plan) => {
      const def = defById(defs, checklist);
      const w = walk(def, plan.answers);
      expect(w.path).toEqual(plan.path);
      const actions = recommendedOutcomes(def, w.answers).map((o) => o.action);
      for (const want of plan.actions)
        expect(
          actions.some((a) => a.includes(want)),
          want,
        ).toBe(true);
      for (const not of 'notActions' in plan ? plan.notActions : [])
        expect(
          actions.some((a) => a.includes(not)),
          not,
        ).toBe(false);
      w.rules.forEach((r) => seen.rules.add(`${checklist}:${r}`));
      w.notes.forEach((n) => seen.notes.add(`${checklist}:${n}`));
      def.outcomes.forEach((o, i) => {
        const key = `${checklist}:outcome ${i + 1}`;
        const fired = seen.fired.get(key) ?? new Set<boolean>();
        fired.add(!o.when || evaluate(o.when, w.answers));
        seen.fired.set(key, fired);
      });
      // Progress never claims fewer steps than the route actually took.
      expect(progress(def, w.path).total).toBeGreaterThanOrEqual(w.path.length);
    });
  });
}

run('recognition', [...RECOGNITION_BRANCHES, UNDER_10_EXPECTED, TEEN_COERCION]);
run('referral', [...REFERRAL_BRANCHES, UNDER_10_CRIME, OVER_10_YJS]);

describe('the tables cover every branch', () => {
  afterAll(() => undefined);
  it('every next rule is taken, every note shown, every conditional outcome both fires and does not', () => {
    const missing: string[] = [];
    for (const def of defs) {
      for (const s of def.steps) {
        s.next.forEach((_, i) => {
          if (!seen.rules.has(`${def.id}:${s.id}#${i}`))
            missing.push(`${def.id}: ${s.id} rule ${i + 1} never taken`);
        });
        s.notes.forEach((_, i) => {
          if (!seen.notes.has(`${def.id}:${s.id}#${i}`))
            missing.push(`${def.id}: ${s.id} note ${i + 1} never shown`);
        });
      }
      def.outcomes.forEach((o, i) => {
        const fired = seen.fired.get(`${def.id}:outcome ${i + 1}`) ?? new Set();
        if (!fired.has(true)) missing.push(`${def.id}: outcome ${i + 1} never fires`);
        if (o.when && !fired.has(false)) missing.push(`${def.id}: outcome ${i + 1} always fires`);
      });
    }
    expect(missing).toEqual([]);
  });
});

describe('referral: managing it within the setting', () => {
  it.each([
    ['sexual-assault', 'setting-only', 'the starting point in KCSIE'],
    ['sexual-images', 'not-yet', 'UKCIS says to refer'],
    ['sexual-assault', 'agreed', 'Record the decision and the reason, and refer'],
    ['sexual-images', 'agreed', 'Record the decision and the reason, and refer'],
  ])('after %s, a decision %s with social care and police gets "%s"', (alleged, challenge, want) => {
    const def = defById(defs, 'referral');
    const actions = recommendedOutcomes(def, {
      'what-alleged': alleged,
      'social-care-referral': 'manage-internally',
      'challenge-internal': challenge,
    }).map((o) => o.action);
    expect(actions.filter((a) => a.includes(want))).toHaveLength(1);
    // Challenged or accepted, never both.
    expect(actions.some((a) => a.startsWith('Look again'))).toBe(challenge !== 'agreed');
    expect(actions.some((a) => a.startsWith('Record the decision and the reason'))).toBe(
      challenge === 'agreed',
    );
  });
});
