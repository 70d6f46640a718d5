/**
 * npm run eval [-- file.jsonl ...] [--min 0.9]
 * Scores the project's own question set (tests/eval/questions.jsonl) and, when present, the shared
 * public practice set, in process. Exit 1 when any set scores below --min.
 */
import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import { Guide } from '../src/core/guide.js';
import { MemoryStore } from '../src/core/store/memory-store.js';
import { byKind, figures, formatFigures, passRate, readQuestions, scoreQuestions } from './eval-score.js';

const args = process.argv.slice(2);
const minIndex = args.indexOf('--min');
const min = minIndex >= 0 ? Number(args.splice(minIndex, 2)[1]) : 0.9;
const files = args.length
  ? args
  : ['tests/eval/questions.jsonl', '../shared/eval/questions.jsonl'].filter((f) => existsSync(f));

const guide = await Guide.create({
  contentDir: resolve('content'),
  store: new MemoryStore(),
  admins: new Set(),
});
let ok = true;
for (const file of files) {
  const results = scoreQuestions(guide, readQuestions(file));
  for (const r of results.filter((x) => !x.passed))
    console.log(`FAIL ${JSON.stringify(r.question.q)}: ${r.why.join('; ')}`);
  const rate = passRate(results);
  console.log(`  ${formatFigures(figures(results))}`);
  const kinds = byKind(results);
  if (kinds) console.log(`  by kind: ${kinds}`);
  console.log(
    `${file}: ${results.filter((r) => r.passed).length}/${results.length} passed (${(rate * 100).toFixed(1)}%)`,
  );
  if (rate < min) ok = false;
}
process.exit(ok ? 0 : 1);
