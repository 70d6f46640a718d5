import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { Template } from 'adaptivecards-templating';
import { compileTemplate, NotCompiled } from '../../../src/channels/teams/card-compiler.js';
import { isCompiled } from '../../../src/channels/teams/card-template.js';
import { renderCard, renderCardWithEngine, replyCardData } from '../../../src/channels/teams/render-card.js';
import type { Actor, Place } from '../../../src/core/guide-api.js';
import type { Reply, ReplyField } from '../../../src/core/reply.js';
import { readQuestions } from '../../../scripts/eval-score.js';
import { realGuide } from '../../helpers/guide.js';
import { OVER_10_YJS, UNDER_10_CRIME } from '../../helpers/referral-plans.js';

const compiledReply = compileTemplate(JSON.parse(readFileSync('cards/reply.json', 'utf8')));

/**
 * The compiled card must be exactly the engine's, as JSON (what Teams receives). The compiled
 * function is called directly too, so a silent fallback to the engine (NotCompiled) fails here.
 */
function expectSameCard(reply: Reply): void {
  const engine = JSON.stringify(renderCardWithEngine(reply));
  expect(JSON.stringify(compiledReply?.(replyCardData(reply)))).toBe(engine);
  expect(JSON.stringify(renderCard(reply))).toBe(engine);
}

const actor: Actor = { userId: 'card-compiler-test', channel: 'teams', isAdmin: true };
const place: Place = { conversationId: 'a:card-compiler', kind: 'personal' };

describe('compiled reply card', () => {
  it('compiles cards/reply.json (the fast path is in use, not the engine fallback)', () => {
    expect(isCompiled('reply')).toBe(true);
  });

  it('is identical to the templating engine for every guidance item', async () => {
    const guide = await realGuide();
    expect(guide.pack.items.length).toBeGreaterThan(10);
    for (const item of guide.pack.items) {
      const reply = guide.itemReply(item.id);
      expect(reply, item.id).toBeDefined();
      if (reply) expectSameCard(reply);
    }
  });

  it('is identical for the answer to every eval question (answers, signposts, escalations)', async () => {
    const guide = await realGuide();
    const questions = readQuestions('tests/eval/questions.jsonl');
    expect(questions.length).toBeGreaterThan(50);
    const kinds = new Set<string>();
    for (const q of questions) {
      const reply = guide.ask(q.q);
      kinds.add(reply.kind);
      expectSameCard(reply);
    }
    expect([...kinds]).toEqual(expect.arrayContaining(['answer', 'escalation']));
  });

  it('is identical for commands: help, welcome, checklist list, digest and report', async () => {
    const guide = await realGuide();
    expectSameCard(guide.help());
    expectSameCard(guide.welcome());
    for (const text of ['checklists', 'my checklists', 'report', 'digest preview', 'digest status']) {
      expectSameCard(await guide.handle(text, actor, place));
    }
  });

  it('is identical for every step form of two full referral checklist walks, and going back', async () => {
    const guide = await realGuide();
    let forms = 0;
    for (const plan of [UNDER_10_CRIME, OVER_10_YJS]) {
      let reply = await guide.handle('checklist referral', { ...actor, userId: plan.name }, place);
      for (let step = 0; step < 40 && reply.form; step += 1) {
        expectSameCard(reply);
        forms += 1;
        const stepId = String(reply.form.state.stepId);
        const answer = plan.answers[stepId] ?? '';
        reply = await guide.submitForm(
          reply.form.state,
          { answer, op: 'answer' },
          { ...actor, userId: plan.name },
        );
        if (step === 3 && reply.form) {
          // Back to the previous step: its form comes back with the earlier answer filled in.
          const back = await guide.submitForm(
            reply.form.state,
            { op: 'back' },
            { ...actor, userId: plan.name },
          );
          expectSameCard(back);
        }
      }
      expect(reply.kind).toBe('checklist-summary');
      expectSameCard(reply);
    }
    expect(forms).toBeGreaterThan(20);
  });

  it('is identical for arbitrary replies: every field type, empty lists, text that looks like templates', () => {
    const text = fc.oneof(
      fc.string({ maxLength: 40 }),
      fc.constantFrom('${title}', '$' + '{count(steps) > 0}', '**bold** <b>x</b>', '', ' ', '${', '}'),
    );
    const list = <T>(a: fc.Arbitrary<T>) => fc.array(a, { maxLength: 4 });
    const field: fc.Arbitrary<ReplyField> = fc.record(
      {
        id: fc.stringMatching(/^[a-z][a-z0-9-]{0,12}$/),
        label: text,
        type: fc.constantFrom('single', 'multi', 'yesno', 'date', 'text'),
        options: list(fc.record({ value: text, label: text })),
        required: fc.boolean(),
        help: text,
        maxLength: fc.integer({ min: 1, max: 2000 }),
        value: fc.oneof(text, list(text)),
      },
      { requiredKeys: ['id', 'label', 'type', 'required'] },
    );
    const reply: fc.Arbitrary<Reply> = fc.record({
      kind: fc.constantFrom('answer', 'notice', 'checklist-step', 'escalation'),
      title: text,
      summary: fc.option(text, { nil: undefined }),
      warnings: list(
        fc.record({ level: fc.constantFrom('emergency', 'caution', 'info'), title: text, text }),
      ),
      steps: list(text),
      contacts: list(
        fc.record(
          { name: text, detail: text, url: text, signpost: fc.boolean() },
          { requiredKeys: ['name', 'signpost'] },
        ),
      ),
      why: fc.option(text, { nil: undefined }),
      sections: list(
        fc.record({ heading: text, lines: list(text), style: fc.constantFrom('ordered', 'bullets', 'text') }),
      ),
      sources: list(
        fc.record({ id: text, title: text, document: text, section: fc.option(text, { nil: undefined }) }),
      ),
      followUps: list(text),
      actions: list(
        fc.record({
          kind: fc.constantFrom('ask', 'feedback', 'command', 'open-url', 'submit'),
          label: text,
          value: text,
          data: fc.dictionary(fc.stringMatching(/^[a-z]{1,6}$/), fc.oneof(text, fc.integer())),
        }),
      ),
      form: fc.option(
        fc.record(
          {
            state: fc.dictionary(fc.stringMatching(/^[a-z]{1,6}$/), fc.oneof(text, fc.integer())),
            fields: list(field),
            submitLabel: text,
            progress: text,
          },
          { requiredKeys: ['state', 'fields', 'submitLabel'] },
        ),
        { nil: undefined },
      ),
      meta: fc.record({
        answered: fc.boolean(),
        escalation: fc.boolean(),
        pii: fc.boolean(),
        itemIds: list(text),
        replyId: fc.stringMatching(/^[0-9a-f]{8}$/),
      }),
    }) as fc.Arbitrary<Reply>;
    fc.assert(
      fc.property(reply, (r) => expectSameCard(r)),
      { numRuns: 300 },
    );
  });
});

describe('compileTemplate', () => {
  const template = JSON.parse(readFileSync('cards/reply.json', 'utf8')) as object;

  it('leaves to the engine what it does not compile: interpolation inside text, other functions', () => {
    expect(compileTemplate({ type: 'TextBlock', text: 'Hello ${name}' })).toBeUndefined();
    expect(compileTemplate({ type: 'TextBlock', text: '${toUpper(name)}' })).toBeUndefined();
    expect(compileTemplate({ type: 'TextBlock', $when: true, text: 'x' })).toBeUndefined();
    expect(compileTemplate({ type: 'TextBlock', $data: [{ a: 1 }], text: '${a}' })).toBeUndefined();
  });

  it('gives way (NotCompiled) where the engine substitutes or drops: missing, null, non-boolean $when', () => {
    const compiled = compileTemplate(template);
    expect(compiled).toBeDefined();
    expect(() => compiled?.({})).toThrow(NotCompiled);
    const small = compileTemplate({ type: 'X', $when: '${flag}', text: '${name}' });
    expect(() => small?.({ flag: 'yes', name: 'a' })).toThrow(NotCompiled);
    expect(() => small?.({ flag: true, name: null })).toThrow(NotCompiled);
    expect(small?.({ flag: true, name: 'a' })).toEqual(
      new Template({ type: 'X', $when: '${flag}', text: '${name}' }).expand({
        $root: { flag: true, name: 'a' },
      }),
    );
  });

  it('matches the engine on $data splicing, case-insensitive lookups and typed values', () => {
    const t = {
      items: [
        { $data: '${rows}', n: '${N}', flag: '${on}', obj: '${$root.extra}' },
        { $data: '${none}', x: 'dropped' },
        { $data: '${one}', y: '${v}' },
      ],
      single: { $data: '${one}', y: '${v}' },
      many: { $data: '${rows}', n: '${n}' },
    };
    const data = {
      rows: [
        { n: 1, on: true },
        { n: 2, on: false },
      ],
      none: [],
      one: [{ v: 'only' }],
      extra: { deep: ['x'] },
    };
    expect(compileTemplate(t)?.(data)).toEqual(new Template(t).expand({ $root: data }));
  });
});
