import { readFileSync } from 'node:fs';
import type { Guide } from '../src/core/guide.js';
import { renderPlainText } from '../src/cli/plain-text.js';

export interface EvalQuestion {
  q: string;
  must?: string[][];
  answered?: boolean;
  escalation?: boolean;
  pii?: boolean;
  /** Our own sets may name the guidance item that should be among the sources. */
  expect?: string;
  /** The class of message (danger-now, past, adult, pii, …), where the writer of a batch gave one. */
  kind?: string;
}

export interface EvalResult {
  question: EvalQuestion;
  passed: boolean;
  why: string[];
  /** The reply's flags, for the per-flag figures. */
  got: { answered: boolean; escalation: boolean; pii: boolean };
}

const normalise = (s: string) =>
  s
    .replace(/[\u2018\u2019]/g, "'")
    .replace(/\s+/g, ' ')
    .toLowerCase();

export function readQuestions(file: string): EvalQuestion[] {
  return readFileSync(file, 'utf8')
    .split('\n')
    .filter((l) => l.trim())
    .map((l) => JSON.parse(l) as EvalQuestion);
}

/** Scores like ../shared/eval/score.mjs (same rules), in process, plus our `expect` check. */
export function scoreQuestions(guide: Guide, questions: EvalQuestion[]): EvalResult[] {
  return questions.map((question) => {
    const reply = guide.ask(question.q);
    const text = normalise(renderPlainText(reply));
    const why: string[] = [];
    for (const group of question.must ?? []) {
      if (!group.some((p) => text.includes(normalise(p))))
        why.push(`missing one of ${JSON.stringify(group)}`);
    }
    const flags = { answered: reply.meta.answered, escalation: reply.meta.escalation, pii: reply.meta.pii };
    for (const flag of ['answered', 'escalation', 'pii'] as const) {
      const expected = question[flag];
      if (expected !== undefined && flags[flag] !== expected) why.push(`${flag} should be ${expected}`);
    }
    if (question.answered === true && reply.sources.length === 0) why.push('an answer must cite a source');
    if (question.expect && !reply.meta.itemIds.includes(question.expect)) {
      why.push(`expected item ${question.expect}, got [${reply.meta.itemIds.join(', ')}]`);
    }
    return { question, passed: why.length === 0, why, got: flags };
  });
}

export function passRate(results: EvalResult[]): number {
  return results.length ? results.filter((r) => r.passed).length / results.length : 0;
}

/** One figure: how many of `of` cases were right. */
export interface Figure {
  name: string;
  right: number;
  of: number;
}

/**
 * The figures the understanding work is judged by, each over the questions that state the flag:
 * answers (questions that expect guidance, passing every check), danger recall (escalation expected
 * and given), false alarms (escalation given where it is not expected: lower is better), identifier
 * detection (pii flag right, on identifiers and look-alikes alike) and refusals (questions that expect
 * no guidance, adults and out of scope, answered false).
 */
export function figures(results: EvalResult[]): Figure[] {
  const count = (name: string, cases: EvalResult[], right: (r: EvalResult) => boolean): Figure => ({
    name,
    right: cases.filter(right).length,
    of: cases.length,
  });
  const q = (r: EvalResult) => r.question;
  return [
    count(
      'answers',
      results.filter((r) => q(r).answered === true),
      (r) => r.passed,
    ),
    count(
      'danger recall',
      results.filter((r) => q(r).escalation === true),
      (r) => r.got.escalation,
    ),
    count(
      'false alarms',
      results.filter((r) => q(r).escalation === false),
      (r) => r.got.escalation,
    ),
    count(
      'identifiers',
      results.filter((r) => q(r).pii !== undefined),
      (r) => r.got.pii === q(r).pii,
    ),
    count(
      'refusals',
      results.filter((r) => q(r).answered === false),
      (r) => !r.got.answered,
    ),
  ].filter((f) => f.of > 0);
}

export function formatFigures(list: Figure[]): string {
  return list
    .map((f) => `${f.name} ${f.right}/${f.of} (${((f.right / f.of) * 100).toFixed(1)}%)`)
    .join(' · ');
}

/** Pass counts per `kind`, for batches whose writer labelled each message. */
export function byKind(results: EvalResult[]): string {
  const kinds = new Map<string, [number, number]>();
  for (const r of results) {
    if (!r.question.kind) continue;
    const [right, of] = kinds.get(r.question.kind) ?? [0, 0];
    kinds.set(r.question.kind, [right + (r.passed ? 1 : 0), of + 1]);
  }
  return [...kinds]
    .sort(([a], [b]) => a.localeCompare(b))
    .map(([kind, [right, of]]) => `${kind} ${right}/${of}`)
    .join(' · ');
}
