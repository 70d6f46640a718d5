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

  it('logs the message of an error that is not an Error instance, never [object Object]', () => {
    const { logger, lines } = capture();
    logger.error(
      { err: { name: 'TypeError', message: 'boom at step 3', stack: 'at x', text: 'typed' } },
      'a',
    );
    logger.error({ err: { error: 'channel_not_found', code: 'slack_webapi_platform_error' } }, 'b');
    logger.error({ err: { unexpected: true } }, 'c');
    logger.error({ err: 'plain string failure' }, 'd');
    const errs = lines.map((l) => l.err as Record<string, unknown>);
    expect(errs[0]).toEqual({ type: 'TypeError', message: 'boom at step 3', stack: 'at x' });
    expect(errs[1]).toMatchObject({ message: 'channel_not_found', code: 'slack_webapi_platform_error' });
    expect(errs[2]?.message).toBe('a value that is not an Error, with no message');
    expect(errs[3]?.message).toBe('plain string failure');
    expect(JSON.stringify(lines)).not.toContain('[object Object]');
    expect(JSON.stringify(lines)).not.toContain('typed');
  });
});
