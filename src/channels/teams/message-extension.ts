import { CardFactory, type MessagingExtensionResult } from 'botbuilder';
import type { GuideApi } from '../../core/guide-api.js';
import { renderCard } from './render-card.js';

/** The command id in appPackage/manifest.json (composeExtensions[0].commands[0].id). */
export const SEARCH_COMMAND = 'searchGuidance';

/**
 * Search-based compose extension: the practitioner types in the compose box, picks a guidance
 * item, and its card is inserted into the conversation. Teams gives this invoke 5 s; search is
 * in-memory, so it answers in milliseconds.
 */
export function searchGuidance(
  guide: Pick<GuideApi, 'searchItems' | 'itemReply'>,
  params: Record<string, unknown>,
  count: number,
): MessagingExtensionResult {
  // Teams sends initialRun=true with no text when the extension opens: show the first items.
  const text = typeof params.query === 'string' && params.initialRun !== 'true' ? params.query : '';
  const limit = Math.min(Math.max(count, 1), 25);
  const attachments = guide.searchItems(text.slice(0, 200), limit).flatMap((hit) => {
    const reply = guide.itemReply(hit.id);
    if (!reply) return [];
    return [
      {
        ...CardFactory.adaptiveCard(renderCard(reply)),
        preview: CardFactory.thumbnailCard(hit.title, hit.summary),
      },
    ];
  });
  return { type: 'result', attachmentLayout: 'list', attachments };
}
