import { spawn } from 'node:child_process';
import { resolve } from 'node:path';
import { readdir } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { copyContent, editFile } from '../helpers/content-fixture.js';

const ROOT = resolve(import.meta.dirname, '../..');

function runCli(
  args: string[],
  stdin: string,
): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((done) => {
    const child = spawn(process.execPath, ['--import', 'tsx', 'src/cli.ts', ...args], {
      cwd: ROOT,
      env: { ...process.env, LOG_LEVEL: 'silent' },
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    child.on('close', (code) => done({ code, stdout, stderr }));
    child.stdin.end(stdin);
  });
}

describe('npm run ask', () => {
  it('--jsonl answers one line per input line, in order, with the contract fields and nothing else on stdout', async () => {
    const inputs = [
      JSON.stringify({ q: 'What is the Under 10 Protocol?', extra: 'ignored' }),
      JSON.stringify({ q: 'Tell me a joke' }),
      '',
      'this is not json',
      JSON.stringify({ q: 'Someone is dragging a child into a van outside school right now' }),
      JSON.stringify({ notq: 1 }),
      JSON.stringify({ q: 'My pupil Sarah Ahmed, DOB 3/2/2014, said her brother touches her' }),
    ];
    const { code, stdout } = await runCli(['ask', '--jsonl'], inputs.join('\n') + '\n');
    expect(code).toBe(0);
    const lines = stdout.trimEnd().split('\n');
    expect(lines).toHaveLength(6);
    const replies = lines.map((l) => JSON.parse(l) as Record<string, unknown>);
    for (const r of replies) {
      expect(Object.keys(r).sort()).toEqual(['answered', 'escalation', 'pii', 'q', 'sources', 'text']);
      expect(typeof r.text).toBe('string');
    }
    expect(replies[0]).toMatchObject({
      q: 'What is the Under 10 Protocol?',
      answered: true,
      escalation: false,
      pii: false,
    });
    expect(replies[0]?.sources).toContainEqual({ id: 'under-10-protocol', title: expect.any(String) });
    expect(replies[1]).toMatchObject({ answered: false, sources: [] });
    expect(replies[2]).toMatchObject({ q: '', answered: false });
    expect(replies[3]).toMatchObject({ answered: true, escalation: true });
    expect(String(replies[3]?.text).split('\n')[0]).toMatch(/999/);
    expect(replies[4]).toMatchObject({ q: '', answered: false });
    expect(replies[5]).toMatchObject({ pii: true });
  });

  it('--jsonl: "should we ring the accused boy\'s parents?" leads with agreeing it with the police and social care', async () => {
    const { code, stdout } = await runCli(
      ['ask', '--jsonl'],
      JSON.stringify({ q: "should we ring the accused boy's parents?" }) + '\n',
    );
    expect(code).toBe(0);
    const reply = JSON.parse(stdout.trim()) as { text: string; answered: boolean; sources: { id: string }[] };
    expect(reply.answered).toBe(true);
    expect(reply.sources.map((s) => s.id)).toContain('telling-parents-before-referral');
    // The first paragraph after the title is the lead: police and social care first, openness after.
    const lead = reply.text.split('\n\n')[1] ?? '';
    expect(lead).toMatch(/^Where a crime may have been committed/);
    expect(lead).toMatch(/agrees with the police and children's social care/);
    expect(lead).toMatch(/Keeping Children Safe in Education, Part 5/);
    expect(lead.indexOf('police')).toBeLessThan(lead.indexOf('be open'));
    expect(reply.text).not.toMatch(/^Usually yes/m);
  });

  it('answers a single question given as an argument', async () => {
    const { code, stdout } = await runCli(['ask', 'What is disguised compliance?'], '');
    expect(code).toBe(0);
    expect(stdout).toMatch(/disguised compliance/i);
    expect(stdout).toMatch(/Source:/);
  });

  it('reads commands through the same parser as the channels: help is help, not a question', async () => {
    const { code, stdout } = await runCli(['ask', 'help'], '');
    expect(code).toBe(0);
    expect(stdout).toContain('What Safeguarding Guide can do');
    expect(stdout).not.toMatch(/I don't have guidance/);
  });

  it('says plainly which commands are chat-only, and where a checklist runs', async () => {
    for (const [command, says] of [
      ['digest status', /Digest commands .* are for partnership admins in a Teams or Slack channel/],
      ['report', /run npm run report/],
      ['checklist referral', /Checklists run step by step in the interactive prompt/],
    ] as const) {
      const { code, stdout } = await runCli(['ask', command], '');
      expect(code).toBe(0);
      expect(stdout).toMatch(says);
    }
  });

  it('runs a checklist step by step in the interactive prompt: numbered answers, back and pause', async () => {
    const { code, stdout } = await runCli(
      ['ask'],
      ['checklist referral', '2', 'back', 'seven', '2', 'pause', 'my checklists', ''].join('\n'),
    );
    expect(code).toBe(0);
    const steps = stdout.match(/Step \d+ of about \d+/g) ?? [];
    // Step 1, "2" (No) → step 2, back → step 1, a bad answer keeps step 1, "2" → step 2.
    expect(steps.slice(0, 3)).toEqual([
      expect.stringMatching(/^Step 1 /),
      expect.stringMatching(/^Step 2 /),
      expect.stringMatching(/^Step 1 /),
    ]);
    expect(stdout).toContain('  1. Yes\n  2. No');
    expect(stdout).toContain('That is not one of the answers.');
    expect(stdout).toContain('Checklist paused');
    expect(stdout).toMatch(
      /In progress:\n- Making a referral about harmful sexual behaviour: step 2 of about/,
    );
  });

  it('content-check passes on the real pack', async () => {
    const { code, stdout } = await runCli(['content-check'], '');
    expect(stdout).toMatch(/content:check: \d+ guidance items, 0 error/);
    expect(code).toBe(0);
  });
});

describe('npm run content:check on a broken pack', () => {
  const check = (contentDir: string) =>
    new Promise<{ code: number | null; out: string }>((done) => {
      const child = spawn(process.execPath, ['--import', 'tsx', 'src/cli.ts', 'content-check'], {
        cwd: ROOT,
        env: { ...process.env, CONTENT_DIR: contentDir },
      });
      let out = '';
      child.stdout.on('data', (d: Buffer) => (out += d.toString()));
      child.stderr.on('data', (d: Buffer) => (out += d.toString()));
      child.on('close', (code) => done({ code, out }));
    });

  it('fails naming the file and field of a guidance item with no source', async () => {
    const dir = await copyContent();
    await editFile(join(dir, 'guidance', 'mace.md'), (t) =>
      t.replace(/sources:\n(\s+- doc:.*\n(\s+section:.*\n)?)+/, ''),
    );
    const result = await check(dir);
    expect(result.code).toBe(1);
    expect(result.out).toMatch(/mace\.md: sources/);
  });

  it('fails naming the file and step of a checklist that jumps to a step that does not exist', async () => {
    const dir = await copyContent();
    const checklist = (await readdir(join(dir, 'checklists'))).find((f) => f.endsWith('.yaml'))!;
    await editFile(join(dir, 'checklists', checklist), (t) =>
      t.replace(/goto: (?!end\b)([a-z0-9-]+)/, 'goto: no-such-step'),
    );
    const result = await check(dir);
    expect(result.code).toBe(1);
    expect(result.out).toMatch(new RegExp(`${checklist.replace('.', '\\.')}.*no-such-step`));
  });
});
