/**
 * npm run train:danger [-- --out file.json]
 * Trains the danger model's learned layer (src/core/safety/danger/learned-model.json): a logistic
 * model over the rule readings, message cues and content lemmas of the DEVELOPMENT question sets only
 * (TRAIN_SETS below; held-out sets must never be added). The threshold is chosen by 5-fold
 * cross-validation on those sets: the lowest score that keeps false alarms at or under MAX_FALSE_ALARMS
 * on the folds it was not trained on. Deterministic: the same sets give the same file.
 */
import { existsSync, writeFileSync } from 'node:fs';
import { situationFeaturesOf } from '../src/core/safety/escalation.js';
import { subjectsOf } from '../src/core/safety/danger/subject.js';
import { parse } from '../src/core/understanding/nlp.js';
import { readQuestions } from './eval-score.js';
import { scoreOf, type LearnedModel } from '../src/core/safety/danger/features.js';
import { loadContentPack } from '../src/core/content/load.js';
import { GuidanceIndex } from '../src/core/search/index.js';
import { SynonymTable } from '../src/core/search/synonyms.js';
import { Answerer } from '../src/core/answer/answerer.js';

const TRAIN_SETS = [
  'tests/eval/questions.jsonl',
  'tests/eval/blind/2026-12-01-writer-a-dev.jsonl',
  'tests/eval/blind/2026-12-01-writer-b-dev.jsonl',
  'tests/eval/blind/2026-12-01-writer-c.jsonl',
  'tests/eval/blind/2026-12-01-writer-d-danger.jsonl',
  'tests/eval/blind/2026-12-01-writer-f-danger.jsonl',
  'tests/eval/blind/2026-12-02-writer-g-dev.jsonl',
  'tests/eval/blind/2026-12-02-writer-h-dev.jsonl',
  'tests/eval/blind/2026-12-02-writer-k-dev.jsonl',
  'tests/eval/blind/2026-12-02-writer-l-dev.jsonl',
];
const outAt = process.argv.indexOf('--out');
const OUT = outAt >= 0 ? (process.argv[outAt + 1] as string) : 'src/core/safety/danger/learned-model.json';
const MAX_FALSE_ALARMS = 0.03;
const L2 = 0.05;
const EPOCHS = 300;
const RATE = 0.5;
// A lemma seen in fewer messages than this is a phrasing, not a kind of situation.
const MIN_FEATURE_COUNT = 4;

interface Example {
  features: Set<string>;
  danger: boolean;
}

// The layer learns from the text it reads when serving: identifiers removed, shorthand written out.
const pack = await loadContentPack('content');
const answerer = new Answerer(pack, new GuidanceIndex(pack.items, new SynonymTable(pack.settings.synonyms)));

const examples: Example[] = [];
const used: string[] = [];
for (const file of TRAIN_SETS) {
  if (!existsSync(file)) continue;
  used.push(file);
  for (const q of readQuestions(file)) {
    if (q.escalation === undefined) continue;
    const text = answerer.readable(q.q);
    examples.push({ features: situationFeaturesOf(text, parse(text), subjectsOf(text)), danger: q.escalation });
  }
}

function train(data: readonly Example[]): LearnedModel {
  const counts = new Map<string, number>();
  for (const e of data) for (const f of e.features) counts.set(f, (counts.get(f) ?? 0) + 1);
  const vocab = [...counts]
    .filter(([f, n]) => n >= MIN_FEATURE_COUNT || !f.startsWith('w:'))
    .map(([f]) => f)
    .sort();
  const index = new Map(vocab.map((f, i) => [f, i]));
  const w = new Float64Array(vocab.length);
  let b = 0;
  const rows = data.map((e) => ({
    ids: [...e.features].map((f) => index.get(f)).filter((i): i is number => i !== undefined),
    y: e.danger ? 1 : 0,
  }));
  for (let epoch = 0; epoch < EPOCHS; epoch++) {
    const grad = new Float64Array(vocab.length);
    let gb = 0;
    for (const { ids, y } of rows) {
      let z = b;
      for (const i of ids) z += w[i]!;
      const err = 1 / (1 + Math.exp(-z)) - y;
      gb += err;
      for (const i of ids) grad[i]! += err;
    }
    for (let i = 0; i < w.length; i++) w[i] = w[i]! - RATE * (grad[i]! / rows.length + L2 * w[i]!);
    b -= (RATE * gb) / rows.length;
  }
  const weights: Record<string, number> = {};
  vocab.forEach((f, i) => {
    if (Math.abs(w[i]!) > 1e-3) weights[f] = Number(w[i]!.toFixed(4));
  });
  return { bias: Number(b.toFixed(4)), weights, threshold: 0.5, trainedOn: used };
}

// 5 folds, by position (the sets are in file order, so each fold mixes writers).
const folds = 5;
const scored: { s: number; danger: boolean }[] = [];
for (let k = 0; k < folds; k++) {
  const model = train(examples.filter((_, i) => i % folds !== k));
  for (const [i, e] of examples.entries())
    if (i % folds === k) scored.push({ s: scoreOf(model, e.features), danger: e.danger });
}
const negatives = scored
  .filter((x) => !x.danger)
  .map((x) => x.s)
  .sort((a, b) => b - a);
const allowed = Math.floor(negatives.length * MAX_FALSE_ALARMS);
const threshold = Math.max(0.5, (negatives[allowed] ?? 0.5) + 1e-6);
const recall =
  scored.filter((x) => x.danger && x.s >= threshold).length / scored.filter((x) => x.danger).length;
const model = { ...train(examples), threshold: Number(threshold.toFixed(6)) };
writeFileSync(OUT, JSON.stringify(model, null, 1) + '\n');
console.log(
  `${examples.length} messages (${examples.filter((e) => e.danger).length} in danger) from ${used.length} sets; ` +
    `threshold ${model.threshold.toFixed(3)}; cross-validated: the layer alone finds ${(recall * 100).toFixed(1)}% of danger ` +
    `with ${allowed}/${negatives.length} false alarms at most; ${Object.keys(model.weights).length} weights → ${OUT}`,
);
