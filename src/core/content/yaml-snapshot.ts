import { createHash } from 'node:crypto';
import { readFileSync, renameSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';
import { isDeepStrictEqual } from 'node:util';

/**
 * YAML parsing for the content pack, from a snapshot when it can be. Parsing the pack's YAML (pack
 * settings, every item's front matter, checklists, audit digests) and loading the parser were about
 * a tenth of the server's start-up. `npm run build` loads the pack once and records each text's
 * parse (build/yaml-snapshot.json, by SHA-256 of the text); at start a text whose hash is there is
 * read back with JSON.parse, and any other text (an edited file, another CONTENT_DIR) is parsed as
 * before. So a content edit always takes effect, and what every caller gets, validation included,
 * is exactly what the parser gives: only values JSON keeps unchanged are recorded.
 */
export const YAML_SNAPSHOT_FILE = new URL('../../../build/yaml-snapshot.json', import.meta.url);

interface SnapshotFile {
  v: 1;
  /** The parser's version: a snapshot from another version is not used. */
  yaml: string;
  /** SHA-256 of a text → JSON of its parse. */
  entries: Record<string, string>;
}

const requireHere = createRequire(import.meta.url);
let yamlModule: typeof import('yaml') | undefined;
const yaml = (): typeof import('yaml') => (yamlModule ??= requireHere('yaml') as typeof import('yaml'));
const yamlVersion = (): string => (requireHere('yaml/package.json') as { version: string }).version;

let snapshotFile: URL | string = YAML_SNAPSHOT_FILE;
let snapshot: Map<string, string> | undefined;
let recording: Map<string, string> | undefined;

/** Reads the snapshot from `file` from now on (read on the next parse). */
export function useYamlSnapshot(file: URL | string = YAML_SNAPSHOT_FILE): void {
  snapshotFile = file;
  snapshot = undefined;
}

function loadSnapshot(): Map<string, string> {
  if (snapshot) return snapshot;
  snapshot = new Map();
  try {
    const file = JSON.parse(readFileSync(snapshotFile, 'utf8')) as SnapshotFile;
    if (file.v === 1 && file.yaml === yamlVersion()) snapshot = new Map(Object.entries(file.entries));
  } catch {
    // No snapshot (not built, or a test tree): every text is parsed.
  }
  return snapshot;
}

const hashOf = (text: string): string => createHash('sha256').update(text).digest('base64url');

/** `yaml`'s parse(text), read from the snapshot when the same text was recorded; throws as parse does. */
export function parseYaml(text: string): unknown {
  const hash = hashOf(text);
  const kept = loadSnapshot().get(hash);
  if (kept !== undefined) return JSON.parse(kept) as unknown;
  const value = yaml().parse(text) as unknown;
  if (recording) {
    const json = JSON.stringify(value);
    if (json !== undefined && isDeepStrictEqual(JSON.parse(json), value)) recording.set(hash, json);
  }
  return value;
}

/** True for the parser's own syntax error (the parser is loaded only once a text needs it). */
export function isYamlParseError(error: unknown): error is Error {
  return yamlModule !== undefined && error instanceof yamlModule.YAMLParseError;
}

/**
 * Runs `load` (the pack's real loader) with every text parsed afresh and recorded, then writes the
 * snapshot of what it parsed to `file`, and reads from it from then on.
 */
export async function writeYamlSnapshot(load: () => Promise<unknown>, file: URL | string = YAML_SNAPSHOT_FILE): Promise<number> {
  snapshot = new Map();
  recording = new Map();
  try {
    await load();
    const out: SnapshotFile = { v: 1, yaml: yamlVersion(), entries: Object.fromEntries(recording) };
    // Written aside, then renamed: a server starting meanwhile reads the old file or the new, never half.
    const aside = `${file instanceof URL ? fileURLToPath(file) : file}.${process.pid}.tmp`;
    writeFileSync(aside, JSON.stringify(out));
    renameSync(aside, file);
    return recording.size;
  } finally {
    recording = undefined;
    useYamlSnapshot(file);
  }
}
