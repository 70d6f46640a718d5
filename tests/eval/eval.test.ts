import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { passRate, readQuestions, scoreQuestions } from '../../scripts/eval-score.js';
import { realGuide } from '../helpers/guide.js';

const OWN = resolve(import.meta.dirname, 'questions.jsonl');
const SHARED = resolve(import.meta.dirname, '../../../shared/eval/questions.jsonl');

describe('answer quality', () => {
  it('our own question set has 80+ questions and scores at least 90%', async () => {
    const questions = readQuestions(OWN);
    expect(questions.length).toBeGreaterThanOrEqual(80);
    const results = scoreQuestions(await realGuide(), questions);
    const failures = results.filter((r) => !r.passed).map((r) => `${r.question.q}: ${r.why.join('; ')}`);
    expect(passRate(results), failures.join('\n')).toBeGreaterThanOrEqual(0.9);
  });

  it.runIf(existsSync(SHARED))('the shared practice set scores at least 90%', async () => {
    const results = scoreQuestions(await realGuide(), readQuestions(SHARED));
    const failures = results.filter((r) => !r.passed).map((r) => `${r.question.q}: ${r.why.join('; ')}`);
    expect(passRate(results), failures.join('\n')).toBeGreaterThanOrEqual(0.9);
  });

  it('every escalation and identifiable-data expectation in our set holds', async () => {
    const results = scoreQuestions(await realGuide(), readQuestions(OWN));
    const flagFailures = results.filter((r) => r.why.some((w) => /^(escalation|pii) should be/.test(w)));
    expect(flagFailures.map((r) => `${r.question.q}: ${r.why.join('; ')}`).length).toBeLessThanOrEqual(3);
  });
});
