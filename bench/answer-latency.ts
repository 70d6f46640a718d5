import { existsSync, readdirSync } from 'node:fs';
import { resolve } from 'node:path';
import { loadContentPack } from '../src/core/content/load.js';
import type { ContentPack } from '../src/core/content/types.js';
import {
  readChecklistsAndDigests,
  type ChecklistsAndDigests,
} from '../src/core/content/checklists-and-digests.js';
import { Guide } from '../src/core/guide.js';
import { MemoryStore } from '../src/core/store/memory-store.js';
import { readQuestions } from '../scripts/eval-score.js';
import { growPack, GROWTH_MODEL } from './grow-content.js';
import { percentile, time } from './stats.js';

interface Figures {
  items: number;
  buildMs: number;
  p50: number;
  p99: number;
  max: number;
}

function measure(
  pack: ContentPack,
  extras: ChecklistsAndDigests,
  questions: string[],
  rounds: number,
): Figures {
  const { result: guide, ms: buildMs } = time(() =>
    Guide.fromContent(pack, extras, { store: new MemoryStore() }),
  );
  for (const q of questions) guide.ask(q); // warm-up
  const samples: number[] = [];
  for (let r = 0; r < rounds; r++) for (const q of questions) samples.push(time(() => guide.ask(q)).ms);
  samples.sort((a, b) => a - b);
  return {
    items: pack.items.length,
    buildMs,
    p50: percentile(samples, 0.5),
    p99: percentile(samples, 0.99),
    max: samples.at(-1) ?? 0,
  };
}

export async function benchAnswers(): Promise<boolean> {
  const pack = await loadContentPack(resolve('content'));
  // The blind sets bring long, real-world messages (role preambles, context, two questions).
  const blind = existsSync('tests/eval/blind')
    ? readdirSync('tests/eval/blind')
        .filter((f) => f.endsWith('.jsonl'))
        .map((f) => `tests/eval/blind/${f}`)
    : [];
  const files = ['tests/eval/questions.jsonl', '../shared/eval/questions.jsonl', ...blind].filter((f) =>
    existsSync(f),
  );
  const questions = files.flatMap((f) => readQuestions(f).map((q) => q.q));
  const rounds = 20;
  const extras = await readChecklistsAndDigests(pack);
  const one = measure(pack, extras, questions, rounds);
  const ten = measure(growPack(pack, 10), extras, questions, rounds);
  const row = (label: string, f: Figures) =>
    `${label.padEnd(4)} ${String(f.items).padStart(5)} items  index build ${f.buildMs.toFixed(1).padStart(7)} ms  answer p50 ${f.p50.toFixed(3)} ms  p99 ${f.p99.toFixed(3)} ms  max ${f.max.toFixed(3)} ms`;
  console.log(`\n## Answer latency (in process, ${questions.length} questions × ${rounds} rounds)`);
  console.log(row('1×', one));
  console.log(row('10×', ten));
  console.log(`10× pack: ${GROWTH_MODEL}`);
  const ratio = ten.p99 / one.p99;
  console.log(`10×/1× p99 ratio ${ratio.toFixed(2)} (p50 ratio ${(ten.p50 / one.p50).toFixed(2)})`);
  const ok = one.p99 < 5 && ratio < 2;
  console.log(
    `targets: p99 < 5 ms at 1× ${one.p99 < 5 ? 'met' : 'MISSED'}; 10× < 2× per answer ${ratio < 2 ? 'met' : 'MISSED'}`,
  );
  return ok;
}
