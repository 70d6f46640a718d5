import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { loadChecklists } from '../../../src/core/checklists/load.js';

const dirs: string[] = [];
afterEach(async () => {
  await Promise.all(dirs.splice(0).map((d) => rm(d, { recursive: true, force: true })));
});

async function load(files: Record<string, string>, refs = {}) {
  const dir = await mkdtemp(path.join(tmpdir(), 'checklists-'));
  dirs.push(dir);
  for (const [name, text] of Object.entries(files)) await writeFile(path.join(dir, name), text);
  const result = await loadChecklists(dir, refs);
  return { ...result, dir, texts: result.errors.map((e) => e.text) };
}

/** A small valid checklist; `steps` replaces its step list. */
function checklist(id: string, steps: string, extra = ''): string {
  return `id: ${id}
title: Test
description: A test checklist.
sources: [{ doc: kcsie-2025 }]
steps:
${steps}
outcomes:
  - action: Talk to {{contact:dsl}}.
    guidance: [talking-to-your-dsl]
${extra}`;
}

const AGE = `  - id: age
    question: Age?
    type: single
    options: [{ value: under-10, label: Under 10 }, { value: over-10, label: 10 or over }]
`;

describe('loadChecklists / validateChecklists', () => {
  it('accepts a valid definition', async () => {
    const r = await load(
      { 'ok.yaml': checklist('ok', AGE) },
      { guidanceIds: ['talking-to-your-dsl'], contactKeys: ['dsl'], documentKeys: ['kcsie-2025'] },
    );
    expect(r.texts).toEqual([]);
    expect(r.defs.map((d) => d.id)).toEqual(['ok']);
  });

  const cases: { name: string; file: string; yaml: string; expected: RegExp; refs?: object }[] = [
    {
      name: 'goto an unknown step',
      file: 'referral.yaml',
      yaml: checklist('referral', `${AGE}    next: [{ goto: y }]\n`),
      expected: /referral\.yaml: step "age": goto "y" does not exist$/,
    },
    {
      name: 'an unreachable step',
      file: 'u.yaml',
      yaml: checklist(
        'u',
        `${AGE}    next: [{ goto: end }]\n  - id: orphan\n    question: Q?\n    type: yesno\n`,
      ),
      expected: /u\.yaml: step "orphan": is unreachable from the first step$/,
    },
    {
      name: 'a cycle',
      file: 'c.yaml',
      yaml: checklist(
        'c',
        `${AGE}  - id: b\n    question: Q?\n    type: yesno\n    next: [{ when: { b: "yes" }, goto: age }]\n`,
      ),
      expected: /c\.yaml: step "b": goto "age" makes a cycle: age → b → age$/,
    },
    {
      name: 'a duplicate step id',
      file: 'd.yaml',
      yaml: checklist('d', `${AGE}${AGE}`),
      expected: /d\.yaml: step "age": duplicate step id$/,
    },
    {
      name: 'an unknown guidance item',
      file: 'g.yaml',
      yaml: checklist('g', `${AGE}    guidance: [no-such-item]\n`),
      refs: { guidanceIds: ['talking-to-your-dsl'] },
      expected: /g\.yaml: step "age": guidance item "no-such-item" does not exist$/,
    },
    {
      name: 'an unknown contact in help text',
      file: 'k.yaml',
      yaml: checklist('k', `${AGE}    help: Ring {{contact:nobody}}.\n`),
      refs: { contactKeys: ['dsl'] },
      expected: /k\.yaml: step "age": contact "nobody" is not in pack\.yaml$/,
    },
    {
      name: 'an unknown source document',
      file: 's.yaml',
      yaml: checklist('s', AGE),
      refs: { documentKeys: ['other'] },
      expected: /s\.yaml: source document "kcsie-2025" is not in pack\.yaml$/,
    },
    {
      name: 'a condition on a value the step does not offer',
      file: 'v.yaml',
      yaml: checklist('v', `${AGE}    next: [{ when: { age: under10 }, goto: end }]\n`),
      expected:
        /v\.yaml: step "age": next rule 1: "under10" is not an option of step "age" \(under-10, over-10\)$/,
    },
    {
      name: 'a rule after an unconditional rule',
      file: 'r.yaml',
      yaml: checklist('r', `${AGE}    next: [{ goto: end }, { when: { age: under-10 }, goto: end }]\n`),
      expected: /r\.yaml: step "age": next rule 2 can never apply/,
    },
    {
      name: 'a condition on a later step',
      file: 'l.yaml',
      yaml: checklist(
        'l',
        `${AGE}    next: [{ when: { later: "yes" }, goto: later }]\n  - id: later\n    question: Q?\n    type: yesno\n`,
      ),
      expected:
        /l\.yaml: step "age": next rule 1 refers to step "later", which cannot have been answered by then$/,
    },
    {
      name: 'includes on a single-choice step',
      file: 'i.yaml',
      yaml: checklist('i', `${AGE}    next: [{ when: { age: { includes: under-10 } }, goto: end }]\n`),
      expected: /i\.yaml: step "age": next rule 1 uses "includes" on "age", which is not a multi step$/,
    },
    {
      name: 'a schema error (single step without options)',
      file: 'o.yaml',
      yaml: checklist('o', '  - id: bare\n    question: Q?\n    type: single\n'),
      expected: /o\.yaml: step "bare": options: a single step needs at least two options$/,
    },
    {
      name: 'an unknown answer type',
      file: 't.yaml',
      yaml: checklist('t', '  - id: odd\n    question: Q?\n    type: slider\n'),
      expected: /t\.yaml: step "odd": type: /,
    },
    {
      name: 'an outcome with an unknown contact',
      file: 'oc.yaml',
      yaml: checklist('oc', AGE, '  - action: Call {{contact:ghost}}.\n'),
      refs: { contactKeys: ['dsl'] },
      expected: /oc\.yaml: outcome 2: contact "ghost" is not in pack\.yaml$/,
    },
    {
      name: 'an id that differs from the file name',
      file: 'name.yaml',
      yaml: checklist('other', AGE),
      expected: /name\.yaml: id "other" should match the file name "name"$/,
    },
    {
      name: 'a question followed by hint text (it would be copied into the summary)',
      file: 'h.yaml',
      yaml: checklist(
        'h',
        '  - id: which\n    question: Which apply? Choose all that apply.\n    type: yesno\n',
      ),
      expected:
        /h\.yaml: step "which": question: must end with its question mark; put hints and instructions in help/,
    },
    {
      name: 'an option label longer than Slack shows',
      file: 'l.yaml',
      yaml: checklist(
        'l',
        `  - id: pick\n    question: Which?\n    type: single\n    options: [{ value: a, label: "${'x'.repeat(76)}" }, { value: b, label: B }]\n`,
      ),
      expected: /l\.yaml: step "pick": options\.0\.label: option labels must be at most 75 characters/,
    },
    {
      name: '"earliest" on a step that is not a date',
      file: 'e.yaml',
      yaml: checklist('e', '  - id: when\n    question: When?\n    type: text\n    earliest: today\n'),
      expected: /e\.yaml: step "when": earliest: earliest is for date steps only$/,
    },
    {
      name: '"earliest" with a value other than today',
      file: 'e2.yaml',
      yaml: checklist('e2', '  - id: when\n    question: When?\n    type: date\n    earliest: yesterday\n'),
      expected: /e2\.yaml: step "when": earliest: /,
    },
    {
      name: 'invalid YAML',
      file: 'y.yaml',
      yaml: 'id: [unclosed\n',
      expected: /y\.yaml: not valid YAML/,
    },
  ];

  it.each(cases)('names the file and step for $name', async ({ file, yaml, expected, refs }) => {
    const r = await load({ [file]: yaml }, refs);
    expect(
      r.texts.some((t) => expected.test(t)),
      r.texts.join('\n'),
    ).toBe(true);
    const named = r.errors.find((e) => expected.test(e.text));
    expect(named?.file).toBe(path.join(r.dir, file));
  });

  it('reports duplicate checklist ids across files', async () => {
    const r = await load({ 'a.yaml': checklist('a', AGE), 'b.yaml': checklist('a', AGE) });
    expect(r.texts.some((t) => /b\.yaml: checklist id "a" is also used by .*a\.yaml/.test(t))).toBe(true);
  });

  it('reports an unreadable folder instead of throwing', async () => {
    const r = await loadChecklists('/nonexistent/checklists');
    expect(r.defs).toEqual([]);
    expect(r.errors[0]?.text).toMatch(/cannot read the checklists folder/);
  });
});
