import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import ts from 'typescript';
import { describe, expect, it } from 'vitest';

const SRC = resolve(import.meta.dirname, '../../src');

/** Every TypeScript file under src/, relative to src/. */
function sourceFiles(dir = SRC): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const path = join(dir, e.name);
    if (e.isDirectory()) return sourceFiles(path);
    return e.name.endsWith('.ts') ? [relative(SRC, path)] : [];
  });
}

/** What a file imports (static, type-only, re-exports and dynamic import()), as written. */
function importsOf(file: string): string[] {
  const info = ts.preProcessFile(readFileSync(join(SRC, file), 'utf8'), true, true);
  return info.importedFiles.map((f) => f.fileName);
}

/** The src/ file a relative specifier names (`./x.js` is `x.ts` on disk). */
function target(from: string, specifier: string): string {
  return relative(SRC, resolve(SRC, dirname(from), specifier.replace(/\.js$/, '.ts')));
}

/** Import cycles (strongly connected groups of more than one file, or a file importing itself). */
function cyclesOf(graph: Map<string, string[]>): string[][] {
  let next = 0;
  const index = new Map<string, number>();
  const low = new Map<string, number>();
  const stack: string[] = [];
  const onStack = new Set<string>();
  const cycles: string[][] = [];
  const visit = (v: string): void => {
    index.set(v, next);
    low.set(v, next);
    next += 1;
    stack.push(v);
    onStack.add(v);
    for (const w of graph.get(v) ?? []) {
      if (!graph.has(w)) continue;
      if (!index.has(w)) {
        visit(w);
        low.set(v, Math.min(low.get(v)!, low.get(w)!));
      } else if (onStack.has(w)) low.set(v, Math.min(low.get(v)!, index.get(w)!));
    }
    if (low.get(v) !== index.get(v)) return;
    const group: string[] = [];
    let w: string;
    do {
      w = stack.pop()!;
      onStack.delete(w);
      group.push(w);
    } while (w !== v);
    if (group.length > 1 || graph.get(v)?.includes(v)) cycles.push(group.sort());
  };
  for (const v of graph.keys()) if (!index.has(v)) visit(v);
  return cycles;
}

const files = sourceFiles();
const graph = new Map(
  files.map((f) => [
    f,
    importsOf(f)
      .filter((s) => s.startsWith('.'))
      .map((s) => target(f, s)),
  ]),
);

/** Packages that belong to one platform: only channels (and the server that wires them) may use them. */
const PLATFORM_SDK = /^(botbuilder|botframework-[a-z-]+|@microsoft\/teams-ai|@slack\/[a-z-]+|restify)(\/|$)/;

describe('the shape of src/', () => {
  it('finds the files and their imports (the checks below would pass vacuously otherwise)', () => {
    expect(files).toContain('core/guide.ts');
    expect(graph.get('server/app.ts')).toContain('core/guide.ts');
  });

  it('has no import cycle', () => {
    expect(cyclesOf(graph)).toEqual([]);
  });

  it('the cycle check finds a cycle when there is one', () => {
    const looped = new Map([
      ['a.ts', ['b.ts']],
      ['b.ts', ['c.ts']],
      ['c.ts', ['a.ts']],
      ['d.ts', ['a.ts']],
    ]);
    expect(cyclesOf(looped)).toEqual([['a.ts', 'b.ts', 'c.ts']]);
  });

  it('core imports no platform SDK and no channel, server or CLI code', () => {
    const offending = files
      .filter((f) => f.startsWith('core/'))
      .flatMap((f) =>
        importsOf(f)
          .filter((s) => (s.startsWith('.') ? !target(f, s).startsWith('core/') : PLATFORM_SDK.test(s)))
          .map((s) => `${f} imports ${s}`),
      );
    expect(offending).toEqual([]);
  });

  it('the platform check recognises every platform SDK', () => {
    for (const sdk of [
      'botbuilder',
      'botframework-connector',
      '@microsoft/teams-ai',
      '@slack/bolt',
      '@slack/web-api',
    ])
      expect(PLATFORM_SDK.test(sdk), sdk).toBe(true);
    expect(PLATFORM_SDK.test('zod')).toBe(false);
  });
});
