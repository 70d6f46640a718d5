import type { AnyMiddlewareArgs, Middleware } from '@slack/bolt';
import type { Logger } from 'pino';
import { NOT_SET_UP_FOR_YOUR_ORGANISATION } from '../../core/organisations.js';
import type { PartnershipRouting, ServingPartnership, TurnPartnership } from '../../core/partnerships.js';
import type { BackgroundWork } from './background.js';

interface Teams {
  /** The workspace the request is about, and its Enterprise Grid organisation. */
  team?: string;
  enterprise?: string;
  /** The acting person's own workspace, when Slack says (Slack Connect: another organisation's user). */
  userTeam?: string;
}

type Body = Record<string, unknown> & {
  team_id?: unknown;
  enterprise_id?: unknown;
  team?: { id?: unknown } | null;
  enterprise?: { id?: unknown } | null;
  user?: { team_id?: unknown } | null;
  event?: { user_team?: unknown; type?: unknown; channel?: unknown; user?: unknown; bot_id?: unknown } | null;
};

const str = (v: unknown): string | undefined => (typeof v === 'string' && v ? v : undefined);

/** Team ids from an Events API envelope, a slash command or an interactivity payload. */
export function teamsOf(body: Body): Teams {
  return {
    team: str(body.team_id) ?? str(body.team?.id),
    enterprise: str(body.enterprise_id) ?? str(body.enterprise?.id),
    userTeam: str(body.event?.user_team) ?? str(body.user?.team_id),
  };
}

/**
 * The partnership serving the workspace (or its Enterprise Grid organisation); a person from another
 * organisation (Slack Connect) is served only when the same partnership lists theirs too.
 */
function servedBy(partnerships: PartnershipRouting, ids: Teams): ServingPartnership | undefined {
  const partnership = partnerships.forSlackTeam(ids.team) ?? partnerships.forSlackTeam(ids.enterprise);
  if (!partnership) return undefined;
  const person =
    ids.userTeam === undefined ||
    ids.userTeam === ids.team ||
    partnerships.forSlackTeam(ids.userTeam) === partnership;
  return person ? partnership : undefined;
}

/**
 * The first middleware: a request from a workspace (or a person of a workspace) no partnership
 * serves (ALLOWED_SLACK_TEAMS, or the packs' `serves.slack_teams`) gets one refusal (the slash command's ephemeral answer, an ephemeral message
 * for a mention or DM, a `respond` for a button) and goes no further, so nothing of it (event id,
 * reference, count) reaches the store. Other events from there are dropped without a word.
 */
export function servedTeamsOnly(
  partnerships: PartnershipRouting,
  turn: TurnPartnership,
  logger: Logger,
  work: BackgroundWork,
): Middleware<AnyMiddlewareArgs> {
  return async (args) => {
    const body = args.body as Body;
    const ids = teamsOf(body);
    const partnership = servedBy(partnerships, ids);
    if (partnership) {
      // Everything after this (listeners, and the work they leave running after the ack) is a
      // request of this partnership.
      await turn.run(partnership, () => args.next());
      return;
    }
    logger.warn(ids, 'slack: request from a workspace not served, refused');
    if ('command' in args) {
      await args.ack({ response_type: 'ephemeral', text: NOT_SET_UP_FOR_YOUR_ORGANISATION });
      return;
    }
    if ('ack' in args && args.ack) await (args.ack as () => Promise<void>)();
    if ('respond' in args && typeof args.respond === 'function') {
      const respond = args.respond;
      work.run('refuse-action', async () => {
        await respond({
          response_type: 'ephemeral',
          replace_original: false,
          text: NOT_SET_UP_FOR_YOUR_ORGANISATION,
        });
      });
      return;
    }
    const event = body.event;
    const channel = str(event?.channel);
    const user = str(event?.user);
    if ((event?.type === 'message' || event?.type === 'app_mention') && channel && user && !event?.bot_id) {
      work.run('refuse-message', async () => {
        await args.client.chat.postEphemeral({ channel, user, text: NOT_SET_UP_FOR_YOUR_ORGANISATION });
      });
    }
  };
}
