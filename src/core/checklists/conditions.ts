/**
 * `when` conditions in checklist definitions, evaluated on the answers given so far.
 *
 * YAML forms (keys other than any/all/not are step ids; several keys must all hold):
 *   { age-band: under-5 }                     equals (shorthand)
 *   { age-band: { equals: under-5 } }
 *   { age-band: { in: [under-5, 5-9] } }
 *   { factors: { includes: coercion } }       for multiple-choice steps
 *   { notes: { answered: false } }            the step was skipped or never reached
 *   { any: [cond, …] }  { all: [cond, …] }  { not: cond }
 * A test on a step that has no answer is false (except `answered: false`).
 */
export type AnswerValue = string | string[];
export type Answers = Readonly<Record<string, AnswerValue | null>>;

export type Test =
  | { kind: 'equals'; value: string }
  | { kind: 'in'; values: string[] }
  | { kind: 'includes'; value: string }
  | { kind: 'answered'; value: boolean };

export type Condition =
  | { op: 'any'; of: Condition[] }
  | { op: 'all'; of: Condition[] }
  | { op: 'not'; of: Condition }
  | { op: 'test'; step: string; test: Test };

export const COMBINATORS = ['any', 'all', 'not'] as const;

type Parsed = { ok: true; value: Condition } | { ok: false; error: string };

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function scalar(value: unknown): string | undefined {
  if (typeof value === 'string') return value;
  // YAML turns 10 or true into non-strings; compare them as the text the author wrote.
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  return undefined;
}

function parseTest(step: string, raw: unknown): Parsed {
  const equals = scalar(raw);
  if (equals !== undefined)
    return { ok: true, value: { op: 'test', step, test: { kind: 'equals', value: equals } } };
  if (!isRecord(raw) || Object.keys(raw).length !== 1) {
    return {
      ok: false,
      error: `test on "${step}" must be a value or one of equals / in / includes / answered`,
    };
  }
  const [name, arg] = Object.entries(raw)[0] as [string, unknown];
  switch (name) {
    case 'equals':
    case 'includes': {
      const value = scalar(arg);
      if (value === undefined) return { ok: false, error: `"${name}" on "${step}" needs a single value` };
      return { ok: true, value: { op: 'test', step, test: { kind: name, value } } };
    }
    case 'in': {
      const values = Array.isArray(arg) ? arg.map(scalar) : [];
      if (values.length === 0 || values.some((v) => v === undefined)) {
        return { ok: false, error: `"in" on "${step}" needs a non-empty list of values` };
      }
      return { ok: true, value: { op: 'test', step, test: { kind: 'in', values: values as string[] } } };
    }
    case 'answered':
      if (typeof arg !== 'boolean')
        return { ok: false, error: `"answered" on "${step}" must be true or false` };
      return { ok: true, value: { op: 'test', step, test: { kind: 'answered', value: arg } } };
    default:
      return {
        ok: false,
        error: `unknown operator "${name}" on "${step}" (use equals, in, includes or answered)`,
      };
  }
}

export function parseCondition(raw: unknown): Parsed {
  if (!isRecord(raw) || Object.keys(raw).length === 0) {
    return { ok: false, error: 'a condition must be a non-empty mapping' };
  }
  const entries = Object.entries(raw);
  if (entries.length === 1) {
    const [key, arg] = entries[0] as [string, unknown];
    if (key === 'any' || key === 'all') {
      if (!Array.isArray(arg) || arg.length === 0)
        return { ok: false, error: `"${key}" needs a non-empty list` };
      const of: Condition[] = [];
      for (const item of arg) {
        const parsed = parseCondition(item);
        if (!parsed.ok) return parsed;
        of.push(parsed.value);
      }
      return { ok: true, value: { op: key, of } };
    }
    if (key === 'not') {
      const parsed = parseCondition(arg);
      return parsed.ok ? { ok: true, value: { op: 'not', of: parsed.value } } : parsed;
    }
  }
  const tests: Condition[] = [];
  for (const [step, arg] of entries) {
    if ((COMBINATORS as readonly string[]).includes(step)) {
      return { ok: false, error: `"${step}" must be the only key of its condition` };
    }
    const parsed = parseTest(step, arg);
    if (!parsed.ok) return parsed;
    tests.push(parsed.value);
  }
  return { ok: true, value: tests.length === 1 ? (tests[0] as Condition) : { op: 'all', of: tests } };
}

function runTest(test: Test, answer: AnswerValue | null | undefined): boolean {
  if (test.kind === 'answered') return (answer !== null && answer !== undefined) === test.value;
  if (answer === null || answer === undefined) return false;
  switch (test.kind) {
    case 'equals':
      return answer === test.value;
    case 'in':
      return typeof answer === 'string' && test.values.includes(answer);
    case 'includes':
      return Array.isArray(answer) && answer.includes(test.value);
  }
}

export function evaluate(condition: Condition, answers: Answers): boolean {
  switch (condition.op) {
    case 'any':
      return condition.of.some((c) => evaluate(c, answers));
    case 'all':
      return condition.of.every((c) => evaluate(c, answers));
    case 'not':
      return !evaluate(condition.of, answers);
    case 'test':
      return runTest(condition.test, answers[condition.step]);
  }
}

/** Every leaf test, for validation. */
export function leafTests(condition: Condition): { step: string; test: Test }[] {
  if (condition.op === 'test') return [{ step: condition.step, test: condition.test }];
  if (condition.op === 'not') return leafTests(condition.of);
  return condition.of.flatMap(leafTests);
}
