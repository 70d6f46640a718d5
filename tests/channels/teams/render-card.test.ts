import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { emptyReply, type Reply } from '../../../src/core/reply.js';
import { settled } from '../../../src/core/replies/settled.js';
import { renderCard } from '../../../src/channels/teams/render-card.js';
import { cardProblems, ofType, texts, walk } from './card-checks.js';

function answer(): Reply {
  const r = emptyReply('answer', 'Responding to harmful sexual behaviour', 'r1234567');
  r.summary = 'Stay calm, make sure children are safe, and tell your DSL today.';
  r.steps = [
    'Make sure every child involved is safe now.',
    'Write down what you saw, in the words used.',
    'Tell your DSL today.',
  ];
  r.contacts = [
    {
      name: "Children's social care front door",
      detail: '01609 780780',
      url: 'https://example.org/front-door',
      signpost: false,
    },
    { name: 'Your designated safeguarding lead', signpost: true },
  ];
  r.why = 'Early, calm responses protect every child involved.';
  r.sections = [
    { heading: 'Hackett continuum', style: 'bullets', lines: ['Normal', 'Inappropriate', 'Problematic'] },
  ];
  r.sources = [
    {
      id: 'responding-to-hsb',
      title: 'Responding to HSB',
      document: 'NYSCP HSB audit',
      section: '3. Findings',
    },
  ];
  r.followUps = ['What is the Under 10 Protocol?', 'When should I call the police?'];
  r.actions = [
    { kind: 'feedback', label: 'Helpful', value: 'up' },
    { kind: 'feedback', label: 'Not helpful', value: 'down' },
    { kind: 'command', label: 'Start the referral checklist', value: 'checklist referral' },
  ];
  r.meta = {
    answered: true,
    escalation: false,
    pii: false,
    confidence: 0.8,
    itemIds: ['responding-to-hsb'],
    replyId: 'r1234567',
  };
  return r;
}

describe('renderCard', () => {
  it('renders an answer with steps, contacts, why, sources, follow-ups and feedback', () => {
    const card = renderCard(answer());
    expect(cardProblems(card)).toEqual([]);
    const t = texts(card);
    expect(t).toContain('1. Make sure every child involved is safe now.');
    expect(t).toContain('3. Tell your DSL today.');
    expect(t).toContain("Children's social care front door");
    expect(t).toContain(' — 01609 780780');
    expect(t).toContain('Early, calm responses protect every child involved.');
    expect(t).toContain('NYSCP HSB audit, 3. Findings');
    expect(t).toContain('• Inappropriate');
    const submits = ofType(card, 'Action.Submit');
    expect(submits.map((a) => a.data)).toContainEqual({ verb: 'ask', q: 'What is the Under 10 Protocol?' });
    expect(submits.map((a) => a.data)).toContainEqual({
      verb: 'feedback',
      helpful: true,
      replyId: 'r1234567',
      itemIds: ['responding-to-hsb'],
    });
    expect(submits.map((a) => a.data)).toContainEqual({ verb: 'command', command: 'checklist referral' });
    const showCard = ofType(card, 'Action.ShowCard')[0];
    expect(showCard?.title).toBe('Not helpful');
    const reasons = ofType(showCard, 'Input.ChoiceSet')[0];
    expect((reasons?.choices as unknown[]).length).toBeGreaterThan(2);
  });

  it('answers on the first screen: summary, three steps, the key contact and the 999 line; the rest behind Show more', () => {
    const r = answer();
    r.steps.push('Agree a plan with the DSL.', 'Review the plan in a week.', 'Record the outcome.');
    const card = renderCard(r);
    expect(cardProblems(card)).toEqual([]);
    const more = walk(card).find((n) => n.id === 'more');
    expect(more?.isVisible).toBe(false);
    const firstScreen = (card.body as unknown[]).slice(0, (card.body as unknown[]).indexOf(more));
    const first = texts(firstScreen);
    expect(first).toContain(r.summary);
    expect(first).toEqual(
      expect.arrayContaining(['1. Make sure every child involved is safe now.', '3. Tell your DSL today.']),
    );
    expect(first).not.toContain('4. Agree a plan with the DSL.');
    expect(first).toContain("Children's social care front door");
    expect(first).not.toContain('Your designated safeguarding lead');
    expect(first).toContain('If a child is in immediate danger, call 999.');
    const toggle = ofType(firstScreen, 'Action.ToggleVisibility');
    expect(toggle).toHaveLength(1);
    expect(toggle[0]).toMatchObject({ title: 'Show more', targetElements: ['more'] });
    const rest = texts(more);
    expect(rest).toEqual(
      expect.arrayContaining([
        '4. Agree a plan with the DSL.',
        '6. Record the outcome.',
        'Your designated safeguarding lead',
        'Early, calm responses protect every child involved.',
        '• Inappropriate',
        'NYSCP HSB audit, 3. Findings',
      ]),
    );
  });

  it('cites each document and section once, without the item title in front', () => {
    const r = answer();
    r.sources = [
      { id: 'a', title: 'Item A', document: 'Working Together 2023 (DfE)', section: 'Chapter 3' },
      { id: 'b', title: 'Item B', document: 'Working Together 2023 (DfE)', section: 'Chapter 3' },
      { id: 'b', title: 'Item B', document: 'Under 10 Protocol (NYSCP)' },
    ];
    const card = renderCard(r);
    const cited = texts(card).filter((t) => t.startsWith('Working Together') || t.startsWith('Under 10'));
    expect(cited).toEqual(['Working Together 2023 (DfE), Chapter 3', 'Under 10 Protocol (NYSCP)']);
    expect(texts(card).join('\n')).not.toMatch(/Item A|Item B/);
  });

  it('does not fold a short reply: no Show more when there is nothing more', () => {
    const r = emptyReply('answer', 'Short', 'r7654321');
    r.summary = 'One line.';
    r.steps = ['Tell your DSL.'];
    const card = renderCard(r);
    expect(cardProblems(card)).toEqual([]);
    expect(ofType(card, 'Action.ToggleVisibility')).toEqual([]);
    expect(walk(card).find((n) => n.id === 'more')).toBeUndefined();
  });

  it('puts the emergency warning first, in an attention container, before the title', () => {
    const r = answer();
    r.kind = 'escalation';
    r.warnings = [
      { level: 'caution', title: 'Identifiable details', text: 'Please remove names.' },
      {
        level: 'emergency',
        title: 'Call 999 now',
        text: 'A child is in immediate danger: call 999 and ask for the police.',
      },
    ];
    // As core hands it to a channel: warnings in the order they are shown.
    const card = renderCard(settled(r));
    expect(cardProblems(card)).toEqual([]);
    const first = card.body[0] as Record<string, unknown>;
    expect(first.type).toBe('Container');
    expect(first.style).toBe('attention');
    expect(texts(first)[0]).toBe('Call 999 now');
    expect(texts(first).join(' ')).toContain('999');
    const second = card.body[1] as Record<string, unknown>;
    expect(second.style).toBe('warning');
    expect(texts(second)).toContain('Please remove names.');
    expect(texts(card.body[2])).toEqual([r.title]);
    // The 999 warning leads, so the compact 999 line is not repeated below.
    expect(texts(card)).not.toContain('If a child is in immediate danger, call 999.');
  });

  it('renders a signpost with no steps or sources and no empty containers', () => {
    const r = emptyReply('signpost', "I don't have guidance on that", 's1234567');
    r.summary = 'Ask your designated safeguarding lead.';
    r.contacts = [{ name: 'Your designated safeguarding lead', signpost: true }];
    const card = renderCard(r);
    expect(cardProblems(card)).toEqual([]);
    expect(texts(card)).not.toContain('What to do now');
    expect(texts(card)).not.toContain('Sources');
    expect(ofType(card, 'ActionSet')).toEqual([]);
  });

  it('renders a checklist step form with each input type and Action.Execute with an Action.Submit fallback', () => {
    const r = emptyReply('checklist-step', 'Referral checklist', 'c1234567');
    r.form = {
      state: { runId: 'run-1', stepId: 'age', revision: 3 },
      submitLabel: 'Next',
      progress: 'Step 2 of about 9',
      fields: [
        {
          id: 'age',
          label: 'How old is the child?',
          type: 'single',
          required: true,
          options: [
            { value: 'u10', label: 'Under 10' },
            { value: '10plus', label: '10 or over' },
          ],
        },
        {
          id: 'seen',
          label: 'What was seen?',
          type: 'multi',
          required: false,
          options: [
            { value: 'a', label: 'A' },
            { value: 'b', label: 'B' },
          ],
          value: ['a', 'b'],
        },
        { id: 'harmed', label: 'Was a child harmed?', type: 'yesno', required: true, value: 'yes' },
        { id: 'when', label: 'When did it happen?', type: 'date', required: false, help: 'Roughly is fine.' },
        { id: 'note', label: 'Anything else?', type: 'text', required: false, maxLength: 200 },
      ],
    };
    r.actions = [{ kind: 'submit', label: 'Back', value: 'back', data: { op: 'back' } }];
    r.sources = [{ id: 'u10', title: 'Under 10s', document: 'Under 10 Protocol (NYSCP)', section: 'Part 2' }];
    const card = renderCard(r);
    expect(cardProblems(card)).toEqual([]);
    // A form is never folded, and its sources follow it so the question comes first.
    expect(ofType(card, 'Action.ToggleVisibility')).toEqual([]);
    const order = texts(card);
    expect(order.indexOf('Under 10 Protocol (NYSCP), Part 2')).toBeGreaterThan(
      order.indexOf('Anything else?'),
    );
    const choice = ofType(card, 'Input.ChoiceSet').filter((c) => c.id !== 'reason');
    // Long option text wraps instead of being cut with "…".
    expect(ofType(card, 'Input.ChoiceSet').every((c) => c.wrap === true)).toBe(true);
    expect(choice.map((c) => [c.id, c.isMultiSelect, c.isRequired])).toEqual([
      ['age', false, true],
      ['seen', true, false],
      ['harmed', false, true],
    ]);
    expect(choice[1]?.value).toBe('a,b');
    // Yes/No is a pair of radio buttons (a required toggle could never be submitted as "No").
    expect(ofType(card, 'Input.Toggle')).toEqual([]);
    expect(choice[2]).toMatchObject({ style: 'expanded', value: 'yes' });
    expect((choice[2]?.choices as { title: string; value: string }[]).map((c) => [c.title, c.value])).toEqual(
      [
        ['Yes', 'yes'],
        ['No', 'no'],
      ],
    );
    expect(ofType(card, 'Input.Date')[0]).toMatchObject({ id: 'when' });
    expect(ofType(card, 'Input.Text')[0]).toMatchObject({ id: 'note', maxLength: 200 });
    expect(texts(card)).toContain('Step 2 of about 9');
    const [next, back] = ofType(card, 'Action.Execute');
    expect(next).toMatchObject({
      verb: 'form',
      title: 'Next',
      associatedInputs: 'auto',
      data: { state: r.form.state },
    });
    expect(next?.fallback).toMatchObject({
      type: 'Action.Submit',
      data: { state: r.form.state, verb: 'form' },
    });
    expect(back).toMatchObject({
      title: 'Back',
      associatedInputs: 'none',
      data: { state: { ...r.form.state, op: 'back' } },
    });
  });

  it('renders help and welcome replies with command buttons', () => {
    for (const kind of ['help', 'welcome'] as const) {
      const r = emptyReply(kind, 'What Safeguarding Guide can do', 'h1234567');
      r.warnings = [{ level: 'info', title: 'If a child is in immediate danger, call 999', text: '' }];
      r.sections = [{ heading: 'How to use me', style: 'bullets', lines: ['"help": this message'] }];
      r.actions = [{ kind: 'command', label: 'Start the referral checklist', value: 'checklist referral' }];
      const card = renderCard(r);
      expect(cardProblems(card)).toEqual([]);
      expect((card.body[0] as Record<string, unknown>).style).toBe('emphasis');
      // The 999 line is already in the reply's own warning: not repeated.
      expect(texts(card).filter((t) => t.includes('999'))).toHaveLength(1);
      expect(card.actions).toContainEqual(
        expect.objectContaining({ type: 'Action.Submit', title: 'Start the referral checklist' }),
      );
    }
  });

  it('keeps a long answer well under the size budget', () => {
    const r = answer();
    r.steps = Array.from({ length: 12 }, (_, i) => `Step ${i} `.repeat(30));
    r.sections = Array.from({ length: 6 }, (_, i) => ({
      heading: `H${i}`,
      style: 'text' as const,
      lines: ['x'.repeat(600)],
    }));
    expect(cardProblems(renderCard(r))).toEqual([]);
  });

  it('shows user and content text literally: template syntax, Markdown and HTML are data', () => {
    const nasty = [
      '${title} and ${$root.summary} ${if(true, "x", "y")}',
      '**bold** _it_ [link](https://evil.example) # heading',
      '<b>html</b> <script>alert(1)</script> &amp;',
      '1. not a list\n- nor this',
    ];
    fc.assert(
      fc.property(fc.constantFrom(...nasty), fc.string({ maxLength: 80 }), (text, extra) => {
        const value = `${text}${extra}`;
        const r = emptyReply('notice', value, 'n1234567');
        r.summary = value;
        r.steps = [value];
        r.warnings = [{ level: 'caution', title: value, text: value }];
        r.sections = [{ heading: value, style: 'text', lines: [value] }];
        r.followUps = [value];
        const card = renderCard(r);
        // Every occurrence is a plain-text property (TextRun never interprets Markdown; action titles
        // and data are plain), never a Markdown TextBlock, and never expanded.
        const nodes = walk(card);
        const holders = nodes.filter((n) =>
          Object.values(n).some((v) => typeof v === 'string' && v.includes(value)),
        );
        expect(holders.length).toBeGreaterThanOrEqual(8);
        for (const n of holders) expect(n.type === 'TextBlock').toBe(false);
        const runs = ofType(card, 'TextRun').map((n) => n.text);
        expect(runs).toContain(value);
        expect(runs).toContain(`1. ${value}`);
        expect(ofType(card, 'Action.Submit').map((a) => a.data)).toContainEqual({ verb: 'ask', q: value });
        const problems = cardProblems(card).filter((p) => p !== 'unexpanded template expression');
        expect(problems).toEqual([]);
      }),
      { numRuns: 60 },
    );
  });
});
