import { Writable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { createLogger } from '../../src/server/logger.js';

function capture() {
  const lines: Record<string, unknown>[] = [];
  const destination = new Writable({
    write(chunk: Buffer, _encoding, done) {
      lines.push(JSON.parse(String(chunk)) as Record<string, unknown>);
      done();
    },
  });
  return { logger: createLogger({ level: 'info', destination }), lines };
}

describe('logger', () => {
  it('censors typed-text fields at any position within six levels, leaving the caller object as it was', () => {
    const { logger, lines } = capture();
    const fields = {
      text: 'top secret',
      turn: { answers: ['a1'], items: [{ value: 'v1' }, { deep: { deeper: { body: 'b1', kept: 'ok' } } }] },
      replyId: 'r1',
    };
    const before = structuredClone(fields);
    logger.info(fields, 'event');
    expect(fields).toEqual(before);
    const line = lines[0]!;
    expect(line).toMatchObject({
      text: '[redacted]',
      turn: {
        answers: '[redacted]',
        items: [{ value: '[redacted]' }, { deep: { deeper: { body: '[redacted]', kept: 'ok' } } }],
      },
      replyId: 'r1',
      msg: 'event',
    });
    expect(JSON.stringify(line)).not.toMatch(/top secret|a1|v1|b1/);
  });

  it('logs errors by name, message, code and stack only, never their other properties', () => {
    const { logger, lines } = capture();
    const error = Object.assign(new Error('send failed'), {
      code: 'E1',
      text: 'typed words',
      request: { body: 'x' },
    });
    logger.error({ err: error }, 'failed');
    const err = lines[0]!.err as Record<string, unknown>;
    expect(Object.keys(err).sort()).toEqual(['code', 'message', 'stack', 'type']);
    expect(JSON.stringify(lines[0])).not.toContain('typed words');
  });
});
