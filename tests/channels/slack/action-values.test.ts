import { describe, expect, it } from 'vitest';
import {
  decodeFeedback,
  decodeModalMeta,
  decodeMore,
  decodeSubmit,
  decodeText,
  encodeFeedback,
  encodeModalMeta,
  encodeMore,
  encodeSubmit,
  encodeText,
} from '../../../src/channels/slack/action-values.js';

const STATE = { runId: 'r-1', checklistId: 'referral', stepId: 'dsl', revision: 3 };

describe('Slack button values', () => {
  it('are written with word keys and read back', () => {
    expect(JSON.parse(encodeText('checklist referral'))).toEqual({ text: 'checklist referral' });
    expect(decodeText(encodeText('checklist referral'))).toEqual({ text: 'checklist referral' });
    const feedback = encodeFeedback('abcd1234', ['hsb-definition']);
    expect(JSON.parse(feedback)).toEqual({ replyId: 'abcd1234', itemIds: ['hsb-definition'] });
    expect(decodeFeedback(feedback)).toEqual({ replyId: 'abcd1234', itemIds: ['hsb-definition'] });
    const submit = encodeSubmit({ state: STATE, data: { op: 'back' } });
    expect(JSON.parse(submit ?? '')).toEqual({ state: STATE, data: { op: 'back' } });
    expect(decodeSubmit(submit)).toEqual({ state: STATE, data: { op: 'back' } });
    expect(JSON.parse(encodeMore('abcd1234'))).toEqual({ replyId: 'abcd1234' });
    expect(decodeMore(encodeMore('abcd1234'))).toEqual({ replyId: 'abcd1234' });
  });

  it('read the single-letter form buttons already posted in Slack carry', () => {
    expect(decodeText('{"t":"help"}')).toEqual({ text: 'help' });
    expect(decodeFeedback('{"r":"abcd1234","i":["hsb-definition"]}')).toEqual({
      replyId: 'abcd1234',
      itemIds: ['hsb-definition'],
    });
    expect(decodeSubmit(JSON.stringify({ s: STATE, d: { op: 'pause' } }))).toEqual({
      state: STATE,
      data: { op: 'pause' },
    });
    expect(decodeSubmit(JSON.stringify({ s: STATE }))).toEqual({ state: STATE });
    expect(decodeMore('{"m":"abcd1234"}')).toEqual({ replyId: 'abcd1234' });
  });

  it('refuse values in neither form, or out of bounds in either', () => {
    for (const raw of [undefined, 42, 'not json', '{}', '{"x":"help"}', '{"text":""}', '{"t":""}'])
      expect(decodeText(raw)).toBeUndefined();
    expect(decodeFeedback('{"replyId":"a b","itemIds":[]}')).toBeUndefined();
    expect(decodeFeedback('{"r":"abcd1234","i":["Not An Id"]}')).toBeUndefined();
    expect(decodeSubmit('{"state":"r-1"}')).toBeUndefined();
    expect(decodeSubmit('{"s":[1]}')).toBeUndefined();
    expect(decodeMore('{"m":""}')).toBeUndefined();
    expect(decodeText(JSON.stringify({ text: 'x'.repeat(1501) }))).toBeUndefined();
  });

  it('modal metadata: word keys written, the single-letter form of an already open modal still read', () => {
    const meta = { state: STATE, channel: 'C200', threadTs: '1.5', place: 'channel' as const };
    const encoded = encodeModalMeta(meta);
    expect(JSON.parse(encoded ?? '')).toEqual(meta);
    expect(decodeModalMeta(encoded)).toEqual(meta);
    expect(decodeModalMeta(JSON.stringify({ s: STATE, c: 'C200', th: '1.5', k: 'channel' }))).toEqual(meta);
    expect(decodeModalMeta(JSON.stringify({ s: STATE, k: 'personal' }))).toEqual({
      state: STATE,
      place: 'personal',
    });
    expect(decodeModalMeta(JSON.stringify({ state: STATE, place: 'elsewhere' }))).toBeUndefined();
  });
});
