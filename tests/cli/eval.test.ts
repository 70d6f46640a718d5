import { spawn } from 'node:child_process';
import { mkdir, mkdtemp, readFile, symlink, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';

const ROOT = resolve(import.meta.dirname, '../..');

/** `npm run eval` in a folder laid out like a fresh clone, with nothing beside it. */
async function evalInFreshClone(args: string[] = []): Promise<{ code: number | null; out: string }> {
  const clone = join(await mkdtemp(join(tmpdir(), 'sg-eval-')), 'clone');
  await mkdir(join(clone, 'tests', 'eval'), { recursive: true });
  const own = (await readFile(join(ROOT, 'tests/eval/questions.jsonl'), 'utf8')).split('\n').slice(0, 5);
  await writeFile(join(clone, 'tests/eval/questions.jsonl'), own.join('\n') + '\n');
  await symlink(join(ROOT, 'content'), join(clone, 'content'));
  return new Promise((done) => {
    const child = spawn(
      process.execPath,
      ['--import', import.meta.resolve('tsx'), join(ROOT, 'scripts/eval.ts'), ...args],
      { cwd: clone, env: { ...process.env, LOG_LEVEL: 'silent' } },
    );
    let out = '';
    child.stdout.on('data', (d: Buffer) => (out += d.toString()));
    child.stderr.on('data', (d: Buffer) => (out += d.toString()));
    child.on('close', (code) => done({ code, out }));
  });
}

describe('npm run eval', () => {
  it('says the shared practice set was not scored when ../shared is absent, and scores our own', async () => {
    const { code, out } = await evalInFreshClone();
    expect(out).toMatch(
      /\.\.\/shared\/eval\/questions\.jsonl: not found, so the shared practice set was not scored/,
    );
    expect(out).toMatch(/tests\/eval\/questions\.jsonl: 5\/5 passed/);
    expect(code).toBe(0);
  });

  it('refuses a question file that does not exist, naming it', async () => {
    const { code, out } = await evalInFreshClone(['no-such.jsonl']);
    expect(out).toMatch(/No such question file: no-such\.jsonl/);
    expect(code).toBe(2);
  });
});
