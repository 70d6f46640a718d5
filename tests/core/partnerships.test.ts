import { describe, expect, it } from 'vitest';
import { CodedError } from '../../src/core/errors.js';
import type { GuideApi } from '../../src/core/guide-api.js';
import { TurnPartnership, type ServingPartnership } from '../../src/core/partnerships.js';

/** Two partnerships whose Guides differ only in what help() says (enough to tell them apart). */
const partnership = (id: string): ServingPartnership => ({
  id,
  guide: { help: () => ({ title: `help of ${id}` }) } as unknown as GuideApi,
  admins: new Set([`admin-of-${id}`]),
});

describe('TurnPartnership', () => {
  it('answers from the turn’s own partnership, also in work the turn leaves running', async () => {
    const turn = new TurnPartnership();
    const [north, south] = [partnership('north'), partnership('south')];
    const later: Promise<string>[] = [];
    await Promise.all([
      turn.run(north, async () => {
        await new Promise((r) => setTimeout(r, 5));
        later.push(new Promise((r) => setTimeout(() => r(turn.guide.help().title), 5)));
        expect(turn.admins.has('admin-of-north')).toBe(true);
        expect(turn.admins.has('admin-of-south')).toBe(false);
      }),
      turn.run(south, async () => {
        expect(turn.guide.help().title).toBe('help of south');
        expect(turn.admins.has('admin-of-north')).toBe(false);
      }),
    ]);
    expect(await Promise.all(later)).toEqual(['help of north']);
  });

  it('outside a turn there is no partnership: an error, never a default', () => {
    const turn = new TurnPartnership();
    expect(() => turn.guide.help()).toThrow(CodedError);
    expect(() => turn.admins.has('anyone')).toThrow('no partnership for this turn');
  });
});
