import { readFileSync } from 'node:fs';
import type { Guide } from '../src/core/guide.js';
import { renderPlainText } from '../src/core/render/plain-text.js';

export interface EvalQuestion {
  q: string;
  must?: string[][];
  answered?: boolean;
  escalation?: boolean;
  pii?: boolean;
  /** Our own sets may name the guidance item that should be among the sources. */
  expect?: string;
}

export interface EvalResult {
  question: EvalQuestion;
  passed: boolean;
  why: string[];
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
    return { question, passed: why.length === 0, why };
  });
}

export function passRate(results: EvalResult[]): number {
  return results.length ? results.filter((r) => r.passed).length / results.length : 0;
}
