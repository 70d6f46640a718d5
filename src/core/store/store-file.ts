import { open, readFile, rename } from 'node:fs/promises';
import { dirname } from 'node:path';
import type { Adapter } from 'lowdb';
import { CodedError } from '../errors.js';
import type { StoreLogger } from './store-logger.js';

/** On-disk shape of the embedded store: one JSON document. */
export interface StoreFile {
  version: 1;
  items: Record<string, { eTag: string; value: unknown }>;
}

export function emptyStoreFile(): StoreFile {
  return { version: 1, items: {} };
}

export type ReadOutcome =
  { kind: 'ok'; data: StoreFile } | { kind: 'missing' } | { kind: 'bad'; reason: string };

/**
 * Reads and validates one store file. The reason never quotes file content: V8's JSON errors include
 * a snippet of the input, which could be a practitioner's answer.
 */
export async function readStoreFile(path: string): Promise<ReadOutcome> {
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'ENOENT') return { kind: 'missing' };
    return { kind: 'bad', reason: `cannot be read (${code ?? 'unknown error'})` };
  }
  if (text.trim() === '') return { kind: 'bad', reason: 'is empty' };
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch {
    return { kind: 'bad', reason: `is not valid JSON (${text.length} characters; truncated or corrupt)` };
  }
  const problem = shapeProblem(parsed);
  return problem ? { kind: 'bad', reason: problem } : { kind: 'ok', data: parsed as StoreFile };
}

function shapeProblem(parsed: unknown): string | undefined {
  if (!isObject(parsed)) return 'is not a JSON object';
  if (parsed.version !== 1) return 'has an unknown format version';
  if (!isObject(parsed.items)) return 'has no items object';
  for (const [key, entry] of Object.entries(parsed.items)) {
    if (!isObject(entry) || typeof entry.eTag !== 'string' || !('value' in entry)) {
      return `has a malformed item (${JSON.stringify(key)})`;
    }
  }
  return undefined;
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** Writes a file so that a crash leaves either the old or the new content: temp file, fsync, rename. */
export async function writeFileAtomic(path: string, text: string): Promise<void> {
  const temp = `${path}.tmp`;
  const handle = await open(temp, 'w', 0o600);
  try {
    await handle.writeFile(text, 'utf8');
    await handle.sync();
  } finally {
    await handle.close();
  }
  await rename(temp, path);
}

/** Makes a rename in `dir` durable (POSIX: the directory entry lives in the directory's own data). */
export async function syncDirectory(dir: string): Promise<void> {
  if (process.platform === 'win32') return; // directories cannot be opened for fsync on Windows
  const handle = await open(dir, 'r');
  try {
    await handle.sync();
  } finally {
    await handle.close();
  }
}

/**
 * lowdb adapter: durable atomic write of the main file, then the same bytes to the last-good backup.
 * write() resolves once the main file is on disk (the acknowledgement point). A failed backup write
 * is logged and does not fail the write: the main file already holds the data.
 */
export class DurableJsonFile implements Adapter<StoreFile> {
  constructor(
    readonly path: string,
    readonly backupPath: string,
    private readonly logger: StoreLogger,
  ) {}

  async read(): Promise<StoreFile | null> {
    const outcome = await readStoreFile(this.path);
    if (outcome.kind === 'missing') return null;
    if (outcome.kind === 'bad') throw new CodedError('internal', `store file ${this.path} ${outcome.reason}`);
    return outcome.data;
  }

  async write(data: StoreFile): Promise<void> {
    const text = JSON.stringify(data);
    await writeFileAtomic(this.path, text);
    await syncDirectory(dirname(this.path));
    try {
      await writeFileAtomic(this.backupPath, text);
    } catch (error) {
      const code = (error as NodeJS.ErrnoException).code;
      this.logger.error({ path: this.backupPath, code }, 'store: could not update the backup file');
    }
  }
}
