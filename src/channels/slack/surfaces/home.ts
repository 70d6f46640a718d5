import type { App } from '@slack/bolt';
import { slackActor } from '../context.js';
import { buildHomeView } from '../home-view.js';
import type { SurfaceContext } from '../surface-context.js';

/** `app_home_opened` on the Home tab → `views.publish` of the user's Home view. */
export function registerHome(app: App, ctx: SurfaceContext): void {
  app.event('app_home_opened', async ({ event, client }) => {
    if (event.tab !== 'home') return;
    const actor = slackActor(event.user, ctx.admins);
    ctx.work.run('app-home', async () => {
      await client.views.publish({ user_id: event.user, view: await buildHomeView(ctx.guide, actor) });
    });
  });
}
