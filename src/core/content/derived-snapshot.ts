import { createHash } from 'node:crypto';
import { readFileSync, renameSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { parse, type Sentence } from '../understanding/nlp.js';

/**
 * Content-derived verdicts cached across starts (build/derived-snapshot.json). Checking that every
 * practitioner phrasing is in scope parses each one with the NLP model: about a third of a second at
 * start, and it forces the model to load before the server listens. The verdict depends only on the
 * pack's scope settings and phrasings and on the code that judges them, so it is recorded under a
 * SHA-256 of both: the inputs as JSON, and the running bundle (build/server.js) as the code version.
 * Any change to either is a miss, and the check runs as before (and records the new verdict when it
 * passes). Only a clean verdict is recorded, so a failing pack is always re-checked and reported.
 *
 * The scope's own words are parsed at start too (understanding/scope.ts): `parseCached` keeps those
 * parses (parse is pure: the same text and code give the same tokens), so the model loads after the
 * server listens rather than before.
 *
 * Used only by the bundled server (`npm start`): under tsx, vitest and the CLI there is no code
 * version to key on, and the check always runs.
 */
declare const __SG_BUNDLED__: boolean | undefined;
const bundled = typeof __SG_BUNDLED__ !== 'undefined' && __SG_BUNDLED__;

const ROOT = new URL('../../../', import.meta.url);
const SNAPSHOT = new URL('build/derived-snapshot.json', ROOT);
const BUNDLE = new URL('build/server.js', ROOT);

interface DerivedFile {
  v: 1;
  /** The code version the parses were made by. */
  code?: string;
  /** text → its parse. */
  parses?: Record<string, Sentence[]>;
  /** kind → keys of inputs whose check passed. */
  clean: Record<string, string[]>;
}

let codeVersion: string | undefined;
let file: DerivedFile | undefined;
let enabled = bundled;

/** Turns the cache on or off (tests; the bundled server has it on). */
export function useDerivedSnapshot(on: boolean): void {
  enabled = on;
  file = undefined;
  codeVersion = undefined;
}

function read(): DerivedFile {
  if (file) return file;
  try {
    const parsed = JSON.parse(readFileSync(SNAPSHOT, 'utf8')) as DerivedFile;
    file = parsed.v === 1 && parsed.clean && typeof parsed.clean === 'object' ? parsed : { v: 1, clean: {} };
  } catch {
    file = { v: 1, clean: {} };
  }
  return file;
}

function version(): string | undefined {
  if (!enabled) return undefined;
  try {
    return (codeVersion ??= createHash('sha256').update(readFileSync(BUNDLE)).digest('hex'));
  } catch {
    return undefined; // no bundle: no code version, no cache
  }
}

function save(next: DerivedFile): void {
  file = next;
  try {
    const path = fileURLToPath(SNAPSHOT);
    // Written aside and renamed: a server starting meanwhile reads the old file or the new.
    writeFileSync(`${path}.${process.pid}.tmp`, JSON.stringify(next));
    renameSync(`${path}.${process.pid}.tmp`, path);
  } catch {
    // A read-only build/ (a production image): the work is simply done at each start.
  }
}

let pendingSave = false;

/** `parse(text)`, from the snapshot when the same code parsed the same text before. */
export function parseCached(text: string): Sentence[] {
  const code = version();
  if (!code) return parse(text);
  let current = read();
  if (current.code !== code || !current.parses) current = file = { ...current, code, parses: {} };
  const parses = current.parses!;
  const known = Object.hasOwn(parses, text) ? parses[text] : undefined;
  if (known) return known;
  const parsed = parse(text);
  parses[text] = parsed;
  if (!pendingSave) {
    pendingSave = true;
    // One write for a batch of new parses (a Vocabulary's entries), not one per text.
    queueMicrotask(() => {
      pendingSave = false;
      if (file) save(file);
    });
  }
  return parsed;
}

function keyOf(kind: string, inputs: unknown): string | undefined {
  const code = version();
  if (!code) return undefined;
  return createHash('sha256').update(code).update(kind).update(JSON.stringify(inputs)).digest('hex');
}

/**
 * Runs `check` (which returns whether it passed) unless a passing verdict for the same inputs and
 * code is recorded; records a new passing verdict. Never skips a check that could fail.
 */
export function checkedBefore(kind: string, inputs: unknown, check: () => boolean): void {
  const key = keyOf(kind, inputs);
  if (key && read().clean[kind]?.includes(key)) return;
  const passed = check();
  if (!key || !passed) return;
  const current = read();
  // A few keys per kind (several partnerships' packs), newest last.
  const keys = [...(current.clean[kind] ?? []).filter((k) => k !== key), key].slice(-16);
  save({ ...current, clean: { ...current.clean, [kind]: keys } });
}
