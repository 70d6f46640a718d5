import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { emptyReply, type Reply } from '../../../src/core/reply.js';
import { settled } from '../../../src/core/replies/settled.js';
import { decodeFeedback, decodeMore, decodeText } from '../../../src/channels/slack/action-values.js';
import { renderBlocks } from '../../../src/channels/slack/render-blocks.js';
import { LIMITS } from '../../../src/channels/slack/limits.js';

type AnyBlock = Record<string, unknown> & { type: string };

/** The full rendering (after "More"), unless `opts` says otherwise. */
function blocksOf(reply: Reply, opts = {}): AnyBlock[] {
  return renderBlocks(reply, { expanded: true, ...opts }).blocks as unknown as AnyBlock[];
}

/** Every mrkdwn / plain_text string Slack would parse, plus the fallback text. */
function renderedTexts(reply: Reply): string[] {
  const out: string[] = [];
  const rendered = renderBlocks(reply, { inlineForm: true, expanded: true });
  out.push(rendered.text);
  const walk = (v: unknown): void => {
    if (Array.isArray(v)) v.forEach(walk);
    else if (v && typeof v === 'object') {
      const o = v as Record<string, unknown>;
      if ((o.type === 'mrkdwn' || o.type === 'plain_text') && typeof o.text === 'string') out.push(o.text);
      Object.values(o).forEach(walk);
    }
  };
  walk(rendered.blocks);
  return out;
}

function sampleAnswer(): Reply {
  const r = emptyReply('answer', 'Sexualised behaviour by a child under 10', 'rep-1');
  r.summary = 'Follow the Under 10 Protocol.';
  r.warnings = [
    { level: 'caution', title: 'Identifiable details', text: 'Please do not share names.' },
    { level: 'emergency', title: 'Call 999 now', text: 'If a child is in immediate danger, call 999.' },
  ];
  r.steps = ['Make sure the child is safe', 'Tell your DSL today'];
  r.contacts = [{ name: "Children's social care front door", signpost: true, detail: 'ask your DSL' }];
  r.why = 'Early help prevents harm.';
  r.sources = [
    {
      id: 'under-10-protocol',
      title: 'Under 10 Protocol',
      document: 'NYSCP',
      url: 'https://example.org/u10',
    },
  ];
  r.followUps = ['What if the child is over 10?'];
  r.actions = [{ kind: 'command', label: 'Referral checklist', value: 'checklist referral' }];
  r.meta = { ...r.meta, answered: true, escalation: true, itemIds: ['under-10-protocol'] };
  // As core hands it to a channel: warnings in the order they are shown.
  return settled(r);
}

describe('renderBlocks', () => {
  it('puts the 999 warning first, then the caution, then the answer', () => {
    const blocks = blocksOf(sampleAnswer());
    expect(JSON.stringify(blocks[0])).toContain('Call 999 now');
    expect(JSON.stringify(blocks[1])).toContain('Identifiable details');
    expect(blocks[2]).toMatchObject({ type: 'header' });
    const all = JSON.stringify(blocks);
    expect(all.indexOf('What to do now')).toBeLessThan(all.indexOf('Who to contact'));
    expect(all.indexOf('Who to contact')).toBeLessThan(all.indexOf('Why it matters'));
    expect(all.indexOf('Why it matters')).toBeLessThan(all.indexOf('Sources:'));
  });

  it('renders sources as a context block with a link, and buttons with decodable values', () => {
    const blocks = blocksOf(sampleAnswer());
    const context = blocks.find((b) => b.type === 'context');
    expect(JSON.stringify(context)).toContain('<https://example.org/u10|NYSCP>');
    const actions = blocks.filter((b) => b.type === 'actions') as unknown as {
      elements: { action_id: string; value?: string }[];
    }[];
    const elements = actions.flatMap((a) => a.elements);
    const ask = elements.find((e) => e.action_id.startsWith('sg_ask'));
    expect(decodeText(ask?.value)).toEqual({ text: 'What if the child is over 10?' });
    const cmd = elements.find((e) => e.action_id.startsWith('sg_cmd'));
    expect(decodeText(cmd?.value)).toEqual({ text: 'checklist referral' });
    const up = elements.find((e) => e.action_id === 'sg_fb_up');
    expect(decodeFeedback(up?.value)).toEqual({ replyId: 'rep-1', itemIds: ['under-10-protocol'] });
    const ids = elements.map((e) => e.action_id);
    expect(new Set(ids).size).toBe(ids.length);
  });

  it('posts an answer as its first screen: summary, three steps, the key contact, the 999 line and More', () => {
    const r = sampleAnswer();
    r.warnings = [];
    r.steps = ['One', 'Two', 'Three', 'Four', 'Five'];
    r.contacts.push({ name: 'Your designated safeguarding lead', signpost: true });
    r.sections = [{ heading: 'Good to know', lines: ['Detail'], style: 'text' }];
    const rendered = renderBlocks(r);
    expect(rendered.folded).toBe(true);
    const first = JSON.stringify(rendered.blocks);
    expect(first).toContain('Follow the Under 10 Protocol.');
    expect(first).toContain('3. Three');
    expect(first).not.toContain('4. Four');
    expect(first).toContain("Children's social care front door");
    expect(first).not.toContain('Your designated safeguarding lead');
    expect(first).toContain('If a child is in immediate danger, call 999.');
    for (const rest of ['Why it matters', 'Good to know', 'Sources:']) expect(first).not.toContain(rest);
    const buttons = (rendered.blocks as unknown as AnyBlock[])
      .filter((b) => b.type === 'actions')
      .flatMap((b) => (b as unknown as { elements: { action_id: string; value?: string }[] }).elements);
    const more = buttons.find((b) => b.action_id === 'sg_more');
    expect(decodeMore(more?.value)).toEqual({ replyId: 'rep-1' });

    const full = renderBlocks(r, { expanded: true });
    expect(full.folded).toBe(false);
    const all = JSON.stringify(full.blocks);
    for (const text of [
      '5. Five',
      'Your designated safeguarding lead',
      'Why it matters',
      'Good to know',
      'Sources:',
    ])
      expect(all).toContain(text);
    expect(all).not.toContain('sg_more');
  });

  it('leads with the 999 warning on escalation, without the compact 999 line', () => {
    const blocks = renderBlocks(sampleAnswer()).blocks;
    expect(JSON.stringify(blocks[0])).toContain('Call 999 now');
    expect(JSON.stringify(blocks.slice(1))).not.toContain('999');
  });

  it('lists every source, each document and section once (14 sources, more than 10 context elements)', () => {
    const r = emptyReply('checklist-summary', 'Referral summary', 'rep-s');
    r.sources = Array.from({ length: 14 }, (_, i) => ({
      id: `item-${i}`,
      title: `Item ${i}`,
      document: `Document ${i}`,
      section: `Section ${i}`,
    }));
    r.sources.push({ id: 'again', title: 'Again', document: 'Document 3', section: 'Section 3' });
    const all = JSON.stringify(renderBlocks(r).blocks);
    for (let i = 0; i < 14; i++) expect(all).toContain(`Document ${i}, Section ${i}`);
    expect(all.match(/Document 3, Section 3/g)).toHaveLength(1);
    expect(all).not.toMatch(/Item \d/);
  });

  it('has no feedback buttons on help replies', () => {
    const r = emptyReply('help', 'Help', 'rep-2');
    r.summary = 'I answer safeguarding questions.';
    expect(JSON.stringify(blocksOf(r))).not.toContain('sg_fb_');
  });

  it('splits long text into sections of at most 3000 characters', () => {
    const r = emptyReply('answer', 'Long', 'rep-3');
    r.why = 'A <b> & c. '.repeat(1200);
    const sections = blocksOf(r).filter((b) => b.type === 'section') as unknown as {
      text: { text: string };
    }[];
    expect(sections.length).toBeGreaterThan(1);
    for (const s of sections) {
      expect(s.text.text.length).toBeLessThanOrEqual(LIMITS.sectionText);
      expect(s.text.text).not.toMatch(/&(a|am|l|g|lt|gt|amp)?$/);
    }
  });

  it('caps messages at 50 blocks, keeping warnings first and the buttons', () => {
    const r = sampleAnswer();
    r.sections = Array.from({ length: 80 }, (_, i) => ({
      heading: `Part ${i}`,
      lines: ['x'],
      style: 'text' as const,
    }));
    const blocks = blocksOf(r);
    expect(blocks.length).toBe(50);
    expect(JSON.stringify(blocks[0])).toContain('Call 999 now');
    expect(JSON.stringify(blocks)).toContain('did not fit');
    expect(blocks.at(-1)).toMatchObject({ type: 'actions', block_id: 'sg_feedback' });
    expect(blocksOf(r, { maxBlocks: 100 }).length).toBeLessThanOrEqual(100);
  });

  it('splits more than 25 buttons across actions blocks', () => {
    const r = emptyReply('help', 'Many', 'rep-4');
    r.followUps = Array.from({ length: 60 }, (_, i) => `Question ${i}?`);
    const actions = blocksOf(r).filter((b) => b.type === 'actions') as unknown as { elements: unknown[] }[];
    expect(actions.map((a) => a.elements.length)).toEqual([25, 25, 10]);
  });

  it('keeps button values under 2000 characters and labels under 75', () => {
    const r = emptyReply('answer', 'Values', 'rep-5');
    r.followUps = ['<'.repeat(5000)];
    r.meta.itemIds = Array.from({ length: 50 }, (_, i) => `item-${'x'.repeat(100)}-${i}`);
    const els = blocksOf(r)
      .filter((b) => b.type === 'actions')
      .flatMap((b) => (b as unknown as { elements: { value: string; text: { text: string } }[] }).elements);
    for (const e of els) {
      expect(e.value.length).toBeLessThanOrEqual(2000);
      expect(e.text.text.length).toBeLessThanOrEqual(75);
      expect(e.value).not.toContain('<');
    }
  });

  it('renders form fields as the right input elements', () => {
    const r = emptyReply('checklist-step', 'Referral checklist', 'rep-6');
    r.form = {
      state: { runId: 'run-1', stepId: 's1', revision: 2 },
      submitLabel: 'Next',
      progress: 'Step 1 of about 9',
      fields: [
        { id: 'a', label: 'One', type: 'single', required: true, options: [{ value: 'x', label: 'X' }] },
        {
          id: 'b',
          label: 'Many',
          type: 'single',
          required: true,
          options: Array.from({ length: 12 }, (_, i) => ({ value: `v${i}`, label: `V${i}` })),
        },
        {
          id: 'c',
          label: 'Multi',
          type: 'multi',
          required: false,
          options: [{ value: 'm', label: 'M' }],
          value: ['m'],
        },
        { id: 'd', label: 'Yes or no', type: 'yesno', required: true },
        { id: 'e', label: 'When', type: 'date', required: false, value: '2024-05-01' },
        { id: 'f', label: 'Notes', type: 'text', required: false, maxLength: 500 },
      ],
    };
    r.actions = [{ kind: 'submit', label: 'Next', value: 'next' }];
    const inputs = blocksOf(r, { inlineForm: true }).filter((b) => b.type === 'input') as unknown as {
      block_id: string;
      optional: boolean;
      element: Record<string, unknown>;
    }[];
    expect(inputs.map((i) => i.element.type)).toEqual([
      'radio_buttons',
      'static_select',
      'checkboxes',
      'radio_buttons',
      'datepicker',
      'plain_text_input',
    ]);
    expect(inputs[2]?.optional).toBe(true);
    expect(inputs[4]?.element.initial_date).toBe('2024-05-01');
    expect(inputs[5]?.element.max_length).toBe(500);
    expect(JSON.stringify(blocksOf(r, { inlineForm: true }))).toContain('sg_submit');
    expect(JSON.stringify(blocksOf(r))).not.toContain('"input"');
  });

  it('continues an option label over 75 characters in its description instead of cutting it', () => {
    const long =
      'The child was pressured or coerced by another child, including threats to share images online';
    const r = emptyReply('checklist-step', 'Recognition', 'rep-7');
    r.form = {
      state: { runId: 'run-1', stepId: 's1', revision: 1 },
      submitLabel: 'Next',
      fields: [
        { id: 'a', label: 'Which?', type: 'multi', required: true, options: [{ value: 'p', label: long }] },
      ],
    };
    const input = blocksOf(r, { inlineForm: true }).find((b) => b.type === 'input') as unknown as {
      element: { options: { text: { text: string }; description?: { text: string } }[] };
    };
    const option = input.element.options[0];
    expect(option?.text.text.length).toBeLessThanOrEqual(75);
    expect(option?.description?.text.length).toBeLessThanOrEqual(75);
    expect(`${option?.text.text} ${option?.description?.text}`).toBe(long);
    expect(JSON.stringify(option)).not.toContain('…');
  });

  it('never lets arbitrary text produce a broadcast, mention or link', () => {
    const danger = fc.oneof(
      fc.string(),
      fc.constantFrom(
        '<!channel>',
        '<!here>',
        '<@U123ABC>',
        '<http://evil.example|click>',
        '<#C123>',
        '&lt;!channel&gt;',
      ),
    );
    const text = fc.array(danger, { maxLength: 4 }).map((xs) => xs.join(' '));
    fc.assert(
      fc.property(text, text, text, text, text, (title, summary, step, warning, follow) => {
        const r = emptyReply('answer', title, 'rep-x');
        r.summary = summary;
        r.steps = [step];
        r.warnings = [{ level: 'emergency', title: warning, text: summary }];
        r.contacts = [{ name: step, detail: warning, signpost: false }];
        r.sections = [{ heading: title, lines: [follow], style: 'bullets' }];
        r.sources = [{ id: 'x', title: follow, document: warning }];
        r.followUps = [follow];
        for (const t of renderedTexts(r)) {
          expect(t).not.toMatch(/<[!@#]/);
          expect(t).not.toMatch(/<https?:/);
        }
      }),
      { numRuns: 300 },
    );
  });
});
