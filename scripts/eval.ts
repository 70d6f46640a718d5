/**
 * npm run eval [-- file.jsonl ...] [--min 0.9]
 * Scores the project's own question set (tests/eval/questions.jsonl), the shared public practice set
 * when present, and the blind sets in tests/eval/blind/, in process, each with its figures (answers,
 * danger recall, false alarms, identifiers, refusals). Exit 1 when our own or the shared set (or a
 * file named on the command line) scores below --min.
 */
import { existsSync, readdirSync } from 'node:fs';
import { resolve } from 'node:path';
import { Guide } from '../src/core/guide.js';
import { MemoryStore } from '../src/core/store/memory-store.js';
import { byKind, figures, formatFigures, passRate, readQuestions, scoreQuestions } from './eval-score.js';

const args = process.argv.slice(2);
const minIndex = args.indexOf('--min');
const min = minIndex >= 0 ? Number(args.splice(minIndex, 2)[1]) : 0.9;
const SHARED = '../shared/eval/questions.jsonl';
const BLIND_DIR = 'tests/eval/blind';
const blind = existsSync(BLIND_DIR)
  ? readdirSync(BLIND_DIR)
      .filter((f) => f.endsWith('.jsonl'))
      .sort()
      .map((f) => `${BLIND_DIR}/${f}`)
  : [];
// --min gates our own set and the shared one; the blind sets are reported (the test suite holds them).
const gated = new Set(['tests/eval/questions.jsonl', SHARED]);
const files = args.length
  ? args
  : ['tests/eval/questions.jsonl', SHARED, ...blind].filter((f) => existsSync(f));
if (!args.length && !files.includes(SHARED))
  console.log(`${SHARED}: not found, so the shared practice set was not scored (only our own set)`);
const missing = files.filter((f) => !existsSync(f));
if (missing.length) {
  console.error(`No such question file: ${missing.join(', ')}`);
  process.exit(2);
}

const guide = await Guide.create({
  contentDir: resolve('content'),
  store: new MemoryStore(),
});
let ok = true;
for (const file of files) {
  const results = scoreQuestions(guide, readQuestions(file));
  // Named files and the gated sets list their failures; the blind sets print figures only.
  const counts = args.length > 0 || gated.has(file);
  if (counts)
    for (const r of results.filter((x) => !x.passed))
      console.log(`FAIL ${JSON.stringify(r.question.q)}: ${r.why.join('; ')}`);
  const rate = passRate(results);
  console.log(`  ${formatFigures(figures(results))}`);
  const kinds = byKind(results);
  if (kinds) console.log(`  by kind: ${kinds}`);
  console.log(
    `${file}: ${results.filter((r) => r.passed).length}/${results.length} passed (${(rate * 100).toFixed(1)}%)`,
  );
  if (counts && rate < min) ok = false;
}
process.exit(ok ? 0 : 1);
