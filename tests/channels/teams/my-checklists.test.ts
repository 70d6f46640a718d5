import { describe, expect, it } from 'vitest';
import { serverWithConnector } from '../../helpers/server-with-connector.js';
import { ofType } from './card-checks.js';
import { execute, newPractitioner, readStep, say } from './checklist-driver.js';

/** Over real HTTP: "my checklists" with eight open runs still reaches every one of them. */
const world = serverWithConnector();

type Json = Record<string, unknown>;

describe('Teams: my checklists with many open runs', () => {
  it('eight open runs are one choice set (no action cut at 6): any can be resumed or cancelled', async () => {
    const u = newPractitioner(world);
    const runIds: string[] = [];
    for (let i = 0; i < 8; i++) {
      const step = readStep(await say(u, i % 2 ? 'checklist referral' : 'checklist recognition'));
      runIds.push(String(step?.state.runId));
    }
    const card = await say(u, 'my checklists'); // say() checks the card with the Teams host config
    const [which, what] = ofType(card, 'Input.ChoiceSet');
    expect(which).toMatchObject({ id: 'runId', isRequired: true, wrap: true });
    expect((which?.choices as Json[]).map((c) => c.value).sort()).toEqual([...runIds].sort());
    expect((what?.choices as Json[]).map((c) => c.value)).toEqual(['resume', 'cancel']);
    const go = ofType(card, 'Action.Execute').find((a) => a.title === 'Go');
    expect(go?.associatedInputs).toBe('auto');

    const oldest = runIds[0] as string;
    const resumed = await execute(u, { ...(go?.data as Json), runId: oldest, op: 'resume' });
    expect(readStep(resumed.card)?.state.runId).toBe(oldest);
    const cancelled = await execute(u, { ...(go?.data as Json), runId: runIds[7], op: 'cancel' });
    expect(JSON.stringify(cancelled.card)).toContain('Checklist cancelled');
    const after = ofType(await say(u, 'my checklists'), 'Input.ChoiceSet')[0];
    expect(after?.choices as Json[]).toHaveLength(7);
  });
});
