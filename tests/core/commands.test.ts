import { describe, expect, it } from 'vitest';
import { parseCommand } from '../../src/core/commands.js';

describe('parseCommand', () => {
  it.each([
    ['help', { type: 'help' }],
    ['Help!', { type: 'help' }],
    ['checklist', { type: 'checklist-list' }],
    ['checklist referral', { type: 'checklist-start', checklistId: 'referral' }],
    ['Start the referral checklist', { type: 'checklist-start', checklistId: 'referral' }],
    ['begin a recognition checklist', { type: 'checklist-start', checklistId: 'recognition' }],
    ['my checklists', { type: 'my-checklists' }],
    ['show my checklists', { type: 'my-checklists' }],
    ['digest subscribe tuesday 10:30', { type: 'digest', args: ['subscribe', 'tuesday', '10:30'] }],
    ['digest', { type: 'digest', args: [] }],
    ['subscribe this channel to the digest', { type: 'digest', args: ['subscribe'] }],
    ['report', { type: 'report' }],
    ['content reload', { type: 'content-reload' }],
    ['Reload the content pack.', { type: 'content-reload' }],
    ['reload guidance', { type: 'content-reload' }],
  ])('%s', (text, expected) => {
    expect(parseCommand(text)).toEqual(expected);
  });

  it.each([
    'How do I start the referral checklist?',
    'What should I do about a checklist of signs?',
    'Is there a digest of the audit findings?',
    'help me, a child told me something worrying',
    'A 7 year old keeps touching other children at playtime',
    'How do I reload the referral form?',
  ])('treats "%s" as a question', (text) => {
    expect(parseCommand(text)).toEqual({ type: 'question', text });
  });
});
