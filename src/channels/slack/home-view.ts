import type { types as Slack } from '@slack/bolt';
import type { Actor, GuideApi } from '../../core/guide-api.js';
import { escapeText, plain } from './escape.js';
import { encodeText, ACTION } from './action-values.js';
import { LIMITS } from './limits.js';
import { renderBlocks } from './render-blocks.js';

/**
 * The App Home tab: how to use the app and the privacy note (core's help reply), then the user's
 * open checklists and, for admins, the digest subscriptions.
 */
export async function buildHomeView(guide: GuideApi, actor: Actor): Promise<Slack.HomeView> {
  const budget = LIMITS.surfaceBlocks;
  const blocks: Slack.KnownBlock[] = [];

  const runs = await guide.openRuns(actor);
  blocks.push({ type: 'header', text: plain('Your open checklists', LIMITS.headerText) });
  if (runs.length === 0) blocks.push(section('You have no open checklists.'));
  for (const [i, run] of runs.slice(0, 10).entries()) {
    blocks.push({
      type: 'section',
      text: {
        type: 'mrkdwn',
        text: `*${escapeText(run.title)}*${run.progress ? `\n${escapeText(run.progress)}` : ''}`,
      },
      accessory: {
        type: 'button',
        text: plain('Resume', LIMITS.buttonText),
        action_id: `${ACTION.command}:${900 + i}`,
        value: encodeText(run.resumeCommand),
      },
    });
  }
  // Start opens the checklist list in the user's DM; its Start buttons open the run in a modal.
  blocks.push({
    type: 'actions',
    elements: [
      {
        type: 'button',
        text: plain('Start a checklist', LIMITS.buttonText),
        action_id: `${ACTION.command}:950`,
        value: encodeText('checklists'),
      },
      {
        type: 'button',
        text: plain('My checklists', LIMITS.buttonText),
        action_id: `${ACTION.command}:951`,
        value: encodeText('my checklists'),
      },
    ],
  });
  blocks.push({ type: 'divider' });

  if (actor.isAdmin) {
    const subs = await guide.subscriptions(actor);
    blocks.push({ type: 'header', text: plain('Digest subscriptions', LIMITS.headerText) });
    blocks.push(
      section(
        subs.length === 0
          ? 'No channels are subscribed. Use `/safeguarding digest subscribe` in a channel.'
          : subs
              .slice(0, 20)
              .map((s) => `• <#${s.conversationId.replace(/[^A-Z0-9]/gi, '')}> — ${escapeText(s.schedule)}`)
              .join('\n'),
      ),
    );
    blocks.push({ type: 'divider' });
  }

  const help = renderBlocks(guide.help(), { maxBlocks: budget - blocks.length, feedback: false });
  return { type: 'home', blocks: [...help.blocks, ...blocks].slice(0, budget) };
}

function section(text: string): Slack.SectionBlock {
  return { type: 'section', text: { type: 'mrkdwn', text } };
}
