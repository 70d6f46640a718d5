import { describe, expect, it } from 'vitest';
import { emptyReply, type Reply } from '../../../src/core/reply.js';
import { decodeSubmit } from '../../../src/channels/slack/action-values.js';
import { renderBlocks } from '../../../src/channels/slack/render-blocks.js';
import { doneModal, fieldErrors, renderReplyModal } from '../../../src/channels/slack/render-modal.js';

type Json = Record<string, unknown>;

const STATE = { runId: 'run-0001-abcd', checklistId: 'referral', stepId: 'notes', revision: 3 };

function step(warnings: Reply['warnings'] = []): Reply {
  const r = emptyReply('checklist-step', 'Making a referral about harmful sexual behaviour', 'r1');
  r.warnings = warnings;
  r.sections = [{ heading: 'To consider', style: 'bullets', lines: ['Tell your DSL as soon as you can.'] }];
  r.form = {
    state: { ...STATE },
    fields: [{ id: 'answer', label: 'Anything to add?', type: 'text', required: false, maxLength: 300 }],
    submitLabel: 'Finish',
    progress: 'Step 18 of about 18',
  };
  r.actions = [
    { kind: 'submit', label: 'Back', value: 'back', data: { op: 'back' } },
    { kind: 'submit', label: 'Pause', value: 'pause', data: { op: 'pause' } },
    { kind: 'command', label: 'My checklists', value: 'my checklists' },
  ];
  r.followUps = ['What is the Under 10 Protocol?'];
  return r;
}

const buttons = (blocks: unknown[]) =>
  (blocks as Json[]).filter((b) => b.type === 'actions').flatMap((b) => b.elements as Json[]);

describe('Slack checklist modal', () => {
  it('shows the step text, its input and Back / Pause, with the form submit as the modal submit', () => {
    const view = renderReplyModal(step(), 'meta');
    expect(view).toMatchObject({ type: 'modal', callback_id: 'sg_form', private_metadata: 'meta' });
    expect(view.submit?.text).toBe('Finish');
    expect(view.close?.text).toBe('Close');
    expect(view.title.text.length).toBeLessThanOrEqual(24);
    expect(JSON.stringify(view.blocks)).toContain('Tell your DSL as soon as you can.');
    expect(view.blocks.filter((b) => b.type === 'input')).toHaveLength(1);
    const b = buttons(view.blocks);
    // Follow-ups and commands would answer outside the modal: not offered here.
    expect(b.map((x) => (x.text as Json).text)).toEqual(['Back', 'Pause']);
    expect(decodeSubmit(b[0]?.value)).toEqual({ state: STATE, data: { op: 'back' } });
  });

  it('a notice without a form has no submit button; its actions carry their own state', () => {
    const paused = emptyReply('notice', 'Checklist paused', 'r2');
    paused.actions = [
      { kind: 'submit', label: 'Resume', value: 'resume', data: { op: 'resume', runId: 'run-1' } },
    ];
    const view = renderReplyModal(paused, '{}');
    expect(view.submit).toBeUndefined();
    expect(decodeSubmit(buttons(view.blocks)[0]?.value)).toEqual({
      state: {},
      data: { op: 'resume', runId: 'run-1' },
    });
    // The same action in a message ("my checklists") is a button too.
    expect(buttons(renderBlocks(paused).blocks).map((x) => (x.text as Json).text)).toEqual(['Resume']);
  });

  it('an inline form in a message gets its own submit button', () => {
    const inline = buttons(renderBlocks(step(), { inlineForm: true }).blocks);
    expect(inline[1]).toMatchObject({ style: 'primary', text: { text: 'Finish' } });
    expect(decodeSubmit(inline[1]?.value)).toEqual({ state: STATE });
    expect(buttons(renderBlocks(step()).blocks).map((x) => (x.text as Json).text)).not.toContain('Back');
  });

  it("the reply's field error (an answer refused) becomes Slack's error on that field", () => {
    const refused = step();
    const field = refused.form?.fields[0];
    if (field) field.error = 'Not saved. It seems to contain a name.';
    expect(fieldErrors(refused)).toEqual({ 'f:answer': 'Not saved. It seems to contain a name.' });
    // No field error (a caution alone, e.g. a card out of date): shown in the updated view instead.
    expect(fieldErrors(step([{ level: 'caution', title: 'Out of date', text: '' }]))).toBeUndefined();
    expect(fieldErrors(step())).toBeUndefined();
  });

  it('a field error in an inline form is shown under its input', () => {
    const refused = step();
    const field = refused.form?.fields[0];
    if (field) field.error = 'Please keep this answer under 300 characters.';
    const blocks = renderBlocks(refused, { inlineForm: true }).blocks as unknown as Json[];
    const input = blocks.findIndex((b) => b.block_id === 'f:answer');
    expect(input).toBeGreaterThan(-1);
    expect(JSON.stringify(blocks[input + 1])).toContain('Please keep this answer under 300 characters.');
    expect(JSON.stringify(renderBlocks(step(), { inlineForm: true }).blocks)).not.toContain(':warning:');
  });

  it('the done view says where the summary went, or that sending failed', () => {
    expect(JSON.stringify(doneModal().blocks)).toContain('Done — summary sent to your DMs');
    expect(JSON.stringify(doneModal(true).blocks)).toContain('could not be sent');
    expect(doneModal().submit).toBeUndefined();
  });
});
