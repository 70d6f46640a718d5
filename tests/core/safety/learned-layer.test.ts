import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import { detectImmediateDanger, situationFeaturesOf } from '../../../src/core/safety/escalation.js';
import learned from '../../../src/core/safety/danger/learned-model.json' with { type: 'json' };

const LAYER = 'the situation reads as a child in danger now';

describe("the danger model's learned layer", () => {
  it('was trained on development sets only: no held-out set is named in the model file', () => {
    expect(learned.trainedOn.length).toBeGreaterThan(0);
    for (const file of learned.trainedOn)
      expect(file).not.toMatch(/-test\.jsonl$|writer-e|writer-i|writer-j/);
  });

  it('is reproducible: retraining on the same sets gives the committed weights', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'sg-train-'));
    try {
      const out = join(dir, 'model.json');
      await promisify(execFile)(process.execPath, [
        '--import',
        'tsx',
        'scripts/train-danger-model.ts',
        '--out',
        out,
      ]);
      expect(JSON.parse(await readFile(out, 'utf8'))).toEqual(learned);
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  }, 60_000);

  it('reads situations the rules do not name, from the readings and words together', () => {
    const features = situationFeaturesOf(
      "she's just messaged me from the toilets saying he won't let her out",
    );
    expect(features.has('m:child')).toBe(false); // no child named: the layer never fires without one
    expect([...situationFeaturesOf('the 8 year old is in the car with him now').values()]).toContain(
      'm:child',
    );
  });

  it('only adds: the vetoes hold (adult-only, training framing, said to be safe now)', () => {
    for (const text of [
      'my colleague is being hit by her husband at home, no kids',
      'for a training scenario: a 9 year old is locked in a room with an older boy',
      'the 9 year old was locked in a room by an older boy but is safe now with her nan',
    ])
      expect(detectImmediateDanger(text).reasons).not.toContain(LAYER);
  });

  it("gives a fixed reason, never the user's words", () => {
    const reasons = new Set<string>();
    for (const text of [
      "a 12 year old just rang from a party, the older lads won't give her phone back and are making her drink",
      'the 6 year old in reception says her mums boyfriend does bad things at bath time and he is collecting her',
    ])
      for (const r of detectImmediateDanger(text).reasons) reasons.add(r);
    for (const r of reasons) expect(r).toMatch(/^[a-z ,'()-]+$/i);
  });
});
