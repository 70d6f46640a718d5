import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { readQuestions, type EvalQuestion } from '../../scripts/eval-score.js';

/** The project's own question set, always in the clone. */
export const OWN_QUESTIONS = fileURLToPath(new URL('../eval/questions.jsonl', import.meta.url));
/** The shared public practice set: only present when the clone sits beside `../shared`. */
export const SHARED_QUESTIONS = fileURLToPath(
  new URL('../../../shared/eval/questions.jsonl', import.meta.url),
);

export interface QuestionSet {
  name: string;
  questions: EvalQuestion[];
}

/**
 * Our own set, plus the shared set where it is present. A fresh clone with no `../shared` beside it
 * still runs every expectation in our own set; the line printed says the shared one was left out.
 */
export function questionSets(): QuestionSet[] {
  const sets: QuestionSet[] = [{ name: 'our question set', questions: readQuestions(OWN_QUESTIONS) }];
  if (existsSync(SHARED_QUESTIONS))
    sets.push({ name: 'the shared practice set', questions: readQuestions(SHARED_QUESTIONS) });
  else console.warn(`shared practice set not found at ${SHARED_QUESTIONS}: using our own question set only`);
  return sets;
}
