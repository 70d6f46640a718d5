import { cp, mkdtemp, readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';

export const CONTENT_DIR = resolve(import.meta.dirname, '../../content');

/** A throw-away copy of the real content pack, for tests that break it on purpose. */
export async function copyContent(): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), 'sg-content-'));
  await cp(CONTENT_DIR, dir, { recursive: true });
  return dir;
}

export async function editFile(file: string, edit: (text: string) => string): Promise<void> {
  await writeFile(file, edit(await readFile(file, 'utf8')));
}
