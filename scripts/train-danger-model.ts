/**
 * npm run train:danger [-- --out file.json]
 * Trains the danger model's learned layer (src/core/safety/danger/learned-model.json): a logistic
 * model over the rule readings, message cues and content lemmas of the DEVELOPMENT question sets only
 * (TRAIN_SETS below; held-out sets must never be added). The threshold is chosen by cross-validation
 * on those sets, one set (one writer) left out at a time, judging the whole model (rules and layer): the lowest score at which
 * the layer adds at most MAX_FALSE_ALARMS false alarms to the rules' own on the folds it was not trained
 * on, and at most MAX_LOOKALIKE_FALSE_ALARMS on the past, resolved and hypothetical look-alikes, and
 * never below MIN_THRESHOLD.
 * Deterministic: the same sets give the same file.
 */
import { existsSync, writeFileSync } from 'node:fs';
import { detectImmediateDanger, situationFeaturesOf } from '../src/core/safety/escalation.js';
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
  // M was scored once as a fresh batch on 2026-12-02 (session 5), then read: development since.
  'tests/eval/blind/2026-12-02-writer-m.jsonl',
  'tests/eval/blind/2026-12-02-writer-n-dev.jsonl',
  'tests/eval/blind/2026-12-02-writer-o-dev.jsonl',
  // Training corpora (2026-12-04): written for the layer by two writers who saw nothing of the
  // project, danger against past, resolved and hypothetical look-alikes (T2 in contrast pairs).
  'tests/eval/train/2026-12-04-train-t1.jsonl',
  'tests/eval/train/2026-12-04-train-t2.jsonl',
  // Session 13: T3, frontline voices typing in the moment (written for the layer, scored once first),
  // and S2, a scope corpus (scored once, then read), whose in-scope worries are not danger now.
  'tests/eval/train/2026-12-04-train-t3.jsonl',
  'tests/eval/blind/2026-12-04-scope-s2.jsonl',
  // T4: danger now against look-alikes inside long accounts (written for the layer, scored once first).
  'tests/eval/train/2026-12-04-train-t4.jsonl',
  // T5: danger now relayed second-hand and through technology (texts, calls, alerts, CCTV).
  'tests/eval/train/2026-12-04-train-t5.jsonl',
  // T6: 110 contrast pairs, danger now against the same harm past, resolved, asked ahead or to refer.
  'tests/eval/train/2026-12-04-train-t6.jsonl',
];
const outAt = process.argv.indexOf('--out');
const OUT = outAt >= 0 ? (process.argv[outAt + 1] as string) : 'src/core/safety/danger/learned-model.json';
/** What the layer may add to the rules' false alarms, on every message and on the look-alikes. */
const MAX_FALSE_ALARMS = 0.02;
const MAX_LOOKALIKE_FALSE_ALARMS = 0.04;
const MIN_THRESHOLD = 0.55;
const LOOKALIKE_KINDS = new Set([
  'past',
  'resolved',
  'hypothetical',
  'lookalike',
  'not-immediate',
  'general',
]);
const L2 = 0.05;
const EPOCHS = 300;
const RATE = 0.5;
// A lemma seen in fewer messages than this is a phrasing, not a kind of situation.
const MIN_FEATURE_COUNT = 4;

interface Example {
  /** Which development set (writer) the message came from. */
  set: number;
  text: string;
  features: Set<string>;
  danger: boolean;
  lookalike: boolean;
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
    examples.push({
      set: used.length - 1,
      text,
      features: situationFeaturesOf(text, parse(text), subjectsOf(text)),
      danger: q.escalation,
      lookalike: LOOKALIKE_KINDS.has(q.kind ?? ''),
    });
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

// One fold per set, so each message is judged by a layer that never saw its writer: the nearest the
// development sets come to a new writer's wording. Each message is judged by the whole model, the
// rules and that layer, so the threshold is chosen for what the layer adds to the rules.
const folds = used.length;
const judged: {
  set: number;
  s: number;
  danger: boolean;
  lookalike: boolean;
  rules: boolean;
  eligible: boolean;
}[] = [];
for (let k = 0; k < folds; k++) {
  const model = train(examples.filter((e) => e.set !== k));
  for (const e of examples) {
    if (e.set !== k) continue;
    const { text } = e;
    const never = detectImmediateDanger(text, parse(text), subjectsOf(text), { ...model, threshold: 2 });
    const always = detectImmediateDanger(text, parse(text), subjectsOf(text), { ...model, threshold: -1 });
    judged.push({
      set: k,
      s: scoreOf(model, e.features),
      danger: e.danger,
      lookalike: e.lookalike,
      rules: never.escalate,
      eligible: always.escalate && !never.escalate,
    });
  }
}
const escalates = (x: (typeof judged)[number], th: number) => x.rules || (x.eligible && x.s >= th);
const rate = (xs: typeof judged, th: number) =>
  xs.filter((x) => escalates(x, th)).length / Math.max(1, xs.length);
const dangers = judged.filter((x) => x.danger);
const negatives = judged.filter((x) => !x.danger);
const lookalikes = negatives.filter((x) => x.lookalike);
// The lowest threshold whose added false alarms stay within budget, on all messages that expect none
// and on the past, resolved and hypothetical look-alikes, which are where false alarms cost trust.
const candidates = Array.from({ length: 41 }, (_, i) => 0.3 + i * 0.01);
const within = (th: number) =>
  rate(negatives, th) - rate(negatives, 2) <= MAX_FALSE_ALARMS &&
  rate(lookalikes, th) - rate(lookalikes, 2) <= MAX_LOOKALIKE_FALSE_ALARMS;
// Never below even odds: under it, short present-tense messages that name no danger ("my son is being
// bullied at football") sit near the line, and the rules' own readings are the better judge there.
const threshold = Math.max(MIN_THRESHOLD, candidates.find(within) ?? 0.7);
const model = { ...train(examples), threshold: Number(threshold.toFixed(2)) };
writeFileSync(OUT, JSON.stringify(model, null, 1) + '\n');
// Each writer's messages judged by a layer that never saw that writer: where the layer helps and where not.
if (process.argv.includes('--by-set'))
  used.forEach((file, k) => {
    const mine = judged.filter((x) => x.set === k);
    const d = mine.filter((x) => x.danger);
    const n = mine.filter((x) => !x.danger);
    const count = (xs: typeof judged, th: number) => xs.filter((x) => escalates(x, th)).length;
    console.log(
      `  ${file}: recall ${count(d, 2)} → ${count(d, threshold)} of ${d.length}, false alarms ${count(n, 2)} → ${count(n, threshold)} of ${n.length}`,
    );
  });
const pct = (x: number) => `${(x * 100).toFixed(1)}%`;
console.log(
  `${examples.length} messages (${dangers.length} in danger, ${lookalikes.length} look-alikes) from ${used.length} sets; ` +
    `threshold ${model.threshold.toFixed(2)}; cross-validated, rules alone → with the layer: recall ` +
    `${pct(rate(dangers, 2))} → ${pct(rate(dangers, threshold))}, false alarms ${pct(rate(negatives, 2))} → ` +
    `${pct(rate(negatives, threshold))}, on look-alikes ${pct(rate(lookalikes, 2))} → ${pct(rate(lookalikes, threshold))}; ` +
    `${Object.keys(model.weights).length} weights → ${OUT}`,
);
