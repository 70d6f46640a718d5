import { describe, expect, it } from 'vitest';
import { serverWithConnector } from '../../helpers/server-with-connector.js';
import { cardOf, conversation, message, post, USER, type ConversationKind } from './activities.js';
import { cardProblems, texts } from './card-checks.js';
import { execute as driverExecute, readStep, teamsValue } from './checklist-driver.js';

/**
 * Over real HTTP: a checklist started in a channel or group chat runs in the practitioner's 1:1
 * chat with the bot (a proactive personal conversation); the shared conversation only hears where
 * it went, and nothing of the run (questions, answers, buttons) is posted there.
 */
const world = serverWithConnector();

type Json = Record<string, unknown>;

const FIRST_QUESTION = 'Is any child in immediate danger right now?';

/** Clicks a step card's Action.Execute in `conv` (as the practitioner) and returns the replacing card. */
async function execute(conv: Json, data: Json): Promise<Json> {
  const { status, card } = await driverExecute({ url: world.s.url, cap: world.cap, conv, from: USER }, data);
  expect(status).toBe(200);
  expect(cardProblems(card)).toEqual([]);
  return card as Json;
}

describe('Teams: checklists started in shared conversations are private', () => {
  for (const kind of ['channel', 'groupChat'] as ConversationKind[]) {
    it(`${kind}: the run opens in the 1:1 chat and the ${kind} hears only where it went`, async () => {
      const shared = conversation(kind);
      const before = world.cap.captured.length;
      const createdBefore = world.cap.created.length;
      const res = await post(
        world.s.url,
        message({ serviceUrl: world.cap.url, conv: shared, text: 'checklist referral', mention: true }),
      );
      expect(res.status).toBe(200);
      const sent = (await world.cap.waitFor(before + 2)).slice(before);
      const created = world.cap.created.slice(createdBefore);
      expect(created).toHaveLength(1);
      expect(created[0]?.parameters).toMatchObject({ isGroup: false, members: [{ id: USER.id }] });
      const personalId = created[0]?.id as string;

      const privately = sent.filter((c) => c.conversationId === personalId);
      expect(privately).toHaveLength(1);
      const step = readStep(cardOf(privately[0]!.activity));
      expect(step?.stepId).toBe('immediate-danger');
      expect(texts(step?.card)).toContain(FIRST_QUESTION);

      const inShared = world.cap.captured.filter((c) => c.conversationId === shared.id);
      expect(inShared).toHaveLength(1);
      expect(inShared[0]?.activity.text).toMatch(/private chat with you/);
      expect(inShared[0]?.activity.attachments).toBeUndefined();

      // The run carries on in the 1:1 chat as usual: the next card replaces this one in place.
      const personal = { id: personalId, conversationType: 'personal', tenantId: 't1' };
      const next = readStep(await execute(personal, { ...step!.executeData, answer: teamsValue('no') }));
      expect(next?.stepId).not.toBe('immediate-danger');

      // An old step card clicked in the shared conversation: its card says where the run went, and
      // the next step goes to the 1:1 chat, not to the shared conversation.
      const capturedBefore = world.cap.captured.length;
      const moved = await execute(shared, { ...next!.executeData, answer: teamsValue('yes') });
      expect(texts(moved)).toContain('Continued in your private chat');
      expect(readStep(moved)).toBeUndefined();
      const [later] = (await world.cap.waitFor(capturedBefore + 1)).slice(capturedBefore);
      expect(world.cap.created.at(-1)?.parameters).toMatchObject({
        isGroup: false,
        members: [{ id: USER.id }],
      });
      expect(later?.conversationId).toBe(world.cap.created.at(-1)?.id);
      expect(readStep(cardOf(later!.activity))).toBeDefined();

      const everything = JSON.stringify(world.cap.captured.filter((c) => c.conversationId === shared.id));
      expect(everything).not.toContain(FIRST_QUESTION);
      expect(everything).not.toContain('"answer"');
      expect(everything).not.toContain('Action.Execute');
    });
  }
});
