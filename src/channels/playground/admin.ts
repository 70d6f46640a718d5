import type { Server } from 'restify';
import type { GuideApi } from '../../core/guide-api.js';
import { renderCard } from '../teams/render-card.js';
import type { Logger } from '../../server/logger.js';
import { ADMIN_PAGE } from './assets.js';
import { localOnly, sendAsset, sendFresh } from './http.js';

export const ADMIN_PATH = '/playground/admin';

/**
 * The playground admin view: the partnership report as data (the page draws its tables and charts)
 * and this week's digest preview as the very Adaptive Card Teams would get. Local requests only,
 * like the rest of the playground: the operator at this machine can read the data directory anyway.
 */
export function mountAdmin(server: Server, options: { guide: GuideApi; logger: Logger }): void {
  const { guide, logger } = options;

  server.get(ADMIN_PATH, localOnly, async (_req, res) => sendAsset(res, ADMIN_PAGE));

  server.get(`${ADMIN_PATH}/report.json`, localOnly, async (_req, res) => {
    const report = await guide.report();
    logger.info({ weeks: report.weeks }, 'playground: admin report viewed');
    sendFresh(res, { report });
  });

  server.get(`${ADMIN_PATH}/digest-preview.json`, localOnly, async (_req, res) => {
    const reply = await guide.previewDigest();
    sendFresh(
      res,
      reply
        ? { title: reply.title, card: renderCard(reply) }
        : { title: 'No digest items', card: null, message: 'The content pack has no digest items yet.' },
    );
  });
}
