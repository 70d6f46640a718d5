import { describe, expect, it } from 'vitest';
import { emptyReply, type ReplyWarning } from '../../../src/core/reply.js';
import { settled } from '../../../src/core/replies/settled.js';

const warning = (level: ReplyWarning['level'], title: string): ReplyWarning => ({ level, title, text: '' });

describe('settled: what a reply leaving core has decided for every channel', () => {
  it('orders warnings emergency, caution, information, keeping the order within a level', () => {
    const r = emptyReply('answer', 'An answer', 'r1');
    r.warnings = [
      warning('info', 'i1'),
      warning('caution', 'c1'),
      warning('emergency', 'e1'),
      warning('caution', 'c2'),
      warning('info', 'i2'),
    ];
    expect(settled(r).warnings.map((w) => w.title)).toEqual(['e1', 'c1', 'c2', 'i1', 'i2']);
  });

  it("is for the asker only when it carries someone's checklist run; else for everyone", () => {
    const answer = emptyReply('answer', 'An answer', 'r1');
    expect(settled(answer).visibility).toBe('everyone');
    expect(settled(emptyReply('checklist-step', 'Step', 'r2')).visibility).toBe('asker');
    expect(settled(emptyReply('checklist-summary', 'Summary', 'r3')).visibility).toBe('asker');
    const runs = emptyReply('notice', 'Your checklists', 'r4');
    runs.actions.push({ kind: 'submit', label: 'Resume', value: 'resume', data: { op: 'resume' } });
    expect(settled(runs).visibility).toBe('asker');
    const list = emptyReply('checklist-list', 'Checklists', 'r5');
    list.actions.push({ kind: 'command', label: 'Start', value: 'checklist referral' });
    expect(settled(list).visibility).toBe('everyone');
  });

  it('leaves a reply already for the asker so', () => {
    const preview = emptyReply('digest', 'Weekly learning', 'r6');
    preview.visibility = 'asker';
    expect(settled(preview).visibility).toBe('asker');
  });
});
