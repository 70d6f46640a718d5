import { ActivityTypes, TurnContext } from 'botbuilder';
import { Application, type TeamsAdapter, type TurnState } from '@microsoft/teams-ai';
import type { z } from 'zod';
import type { PartnershipRouting, ServingPartnership } from '../../core/partnerships.js';
import { emptyReply, newReplyId, type Reply } from '../../core/reply.js';
import { asCodedError, CodedError, userMessageFor } from '../../core/errors.js';
import { redact } from '../../core/safety/pii.js';
import type { Logger } from '../../server/logger.js';
import type { ReplyKeeper } from '../../core/replies/kept-replies.js';
import { VERBS } from './card-actions.js';
import { SEARCH_COMMAND, searchGuidance } from './message-extension.js';
import { FirstTimeKeys } from '../shared/first-time.js';
import { recentlyRemembered } from '../shared/recent-keys.js';
import type { Store } from '../../core/store/store.js';
import { sendReply } from './send.js';
import { askData, commandData, feedbackData, formData, formValues } from './submit-data.js';
import { actorFrom, messageText, placeFrom, turnFields } from './turn-info.js';
import { renderCard } from './render-card.js';
import { digestReference, sendPrivately } from './digest-turns.js';
import { turnTimedOut } from './time-limits.js';
import { MOVED_TO_PRIVATE, movedNotice, privateHere } from './private-runs.js';
import { refuseTenant, tenantOf } from './served-tenants.js';

export interface TeamsBotDeps {
  adapter: TeamsAdapter;
  /** Which partnership serves a tenant (none: the turn is refused); the handlers use its guide and admins. */
  partnerships: PartnershipRouting;
  logger: Logger;
  /** Called when a turn's reply ran out of time (counted for /healthz). */
  onTimeout?: () => void;
  /** Replies with feedback buttons, kept so the card can be redrawn in place after a vote. */
  kept: ReplyKeeper;
  /** Where redelivered activities and welcomes are remembered, for every instance and across restarts. */
  store: Store;
}

export interface TeamsBot {
  app: Application<TurnState>;
  /** Runs one turn; redelivered activities (same id within 15 s, on any instance) run once. */
  run(context: TurnContext): Promise<void>;
}

/** Activity types a redelivery of which would repeat a visible reply. Invokes always run: they need a response. */
const DEDUPED = new Set<string>([
  ActivityTypes.Message,
  ActivityTypes.ConversationUpdate,
  ActivityTypes.InstallationUpdate,
]);

/**
 * The turn's partnership, picked by `run` from the tenant, in the turn's own state: its pack, its
 * store keys, its admins. Not core's TurnPartnership (AsyncLocalStorage): an active one makes every
 * promise in the process pay a hook, and every handler here has the turn context anyway.
 */
const PARTNERSHIP = Symbol('partnership of the turn');

function served(context: TurnContext): ServingPartnership {
  const partnership = context.turnState.get(PARTNERSHIP) as ServingPartnership | undefined;
  if (!partnership)
    throw new CodedError('internal', 'no partnership for this turn: the channel must pick one first');
  return partnership;
}

export function createTeamsBot(deps: TeamsBotDeps): TeamsBot {
  const { logger, kept } = deps;
  // No `storage`: no handler reads teams-ai's turn state, so it stays in memory for the turn and is
  // never loaded or saved. What must outlive a turn (checklist runs, feedback, kept replies) is in our
  // Store, with its own keys and conflict rules.
  const app = new Application<TurnState>({
    adapter: deps.adapter,
    removeRecipientMention: true,
    startTypingTimer: false,
    longRunningMessages: false,
  });
  const delivered = new FirstTimeKeys({
    store: deps.store,
    prefix: 'teams-activity/',
    logger,
    // The connector retries an activity it got no answer for within seconds.
    keepMs: 15_000,
    ifStoreFails: 'first',
    what: 'teams activity id',
    memoryUnlessShared: true,
  });
  // Teams sends both installationUpdate and conversationUpdate on install: welcome once (see welcome()).
  const welcomed = new FirstTimeKeys({
    store: deps.store,
    prefix: 'teams-welcomed/',
    logger,
    keepMs: 60_000,
    // On install the welcome is the only reply: better twice than none.
    ifStoreFails: 'first',
    what: 'teams welcome',
  });
  const remembered = recentlyRemembered();

  /** Where the bot was added or spoken to in a channel, so an admin can subscribe it to the digest. */
  const remember = async (context: TurnContext): Promise<void> => {
    const a = context.activity;
    const place = placeFrom(a);
    const reference = digestReference(a);
    const id = reference.conversation?.id ?? place.conversationId;
    if (place.kind === 'personal' || !remembered.firstSeen(id)) return;
    try {
      await served(context).guide.rememberConversation('teams', id, reference);
    } catch (error) {
      logger.warn(
        { ...turnFields(a), err: asCodedError(error).code },
        'teams: could not remember the conversation',
      );
    }
  };

  const answer = async (context: TurnContext, text: string): Promise<void> => {
    const a = context.activity;
    const place = placeFrom(a);
    await remember(context);
    // The reference lets "digest subscribe" post to this conversation later (proactive messages).
    const { guide, admins } = served(context);
    const reply = await guide.handle(text, actorFrom(a, admins), { ...place, reference: digestReference(a) });
    logger.info(
      { ...turnFields(context.activity), reply: reply.kind, replyId: reply.meta.replyId },
      'teams: replied',
    );
    if (privateHere(reply, place)) {
      // A digest preview, a checklist's questions and answers: never into a channel or group chat.
      await sendPrivately(context, reply);
      await context.sendActivity(
        reply.kind === 'digest'
          ? 'I have sent you the digest preview in a private chat: only you can see it.'
          : MOVED_TO_PRIVATE,
      );
      return;
    }
    if (reply.actions.some((a) => a.kind === 'feedback')) {
      // Without it a vote still counts; only the in-place "Thanks — recorded" is lost.
      await kept
        .keep(reply)
        .catch((error: unknown) =>
          logger.warn(
            { ...turnFields(a), err: asCodedError(error).code },
            'teams: reply not kept for feedback',
          ),
        );
    }
    await sendReply(context, reply);
  };

  const unreadable = async (context: TurnContext, issues: string): Promise<void> => {
    logger.warn({ ...turnFields(context.activity), issues }, 'teams: card submit rejected');
    await sendReply(context, unreadableReply());
  };

  /** Validates submit data; on failure sends a clear message and returns undefined. */
  const parse = async <T>(
    context: TurnContext,
    schema: z.ZodType<T>,
    data: unknown,
  ): Promise<T | undefined> => {
    const result = schema.safeParse(data);
    if (result.success) return result.data;
    await unreadable(context, result.error.issues.map((i) => `${i.path.join('.')}: ${i.code}`).join('; '));
    return undefined;
  };

  const welcome = async (context: TurnContext): Promise<void> => {
    const a = context.activity;
    // Teams sends conversationUpdate and installationUpdate together on install: the second of that
    // pair is skipped. The same type again (a client reloading the same conversation) welcomes again.
    if (!(await welcomed.firstOfPair(a.conversation?.id ?? '', a.type))) return;
    await remember(context);
    await sendReply(context, served(context).guide.welcome());
  };

  app.adaptiveCards.actionSubmit(VERBS.ask, async (context, _state, data) => {
    const ask = await parse(context, askData, data);
    if (ask) await answer(context, ask.q);
  });
  app.adaptiveCards.actionSubmit(VERBS.command, async (context, _state, data) => {
    const command = await parse(context, commandData, data);
    if (command) await answer(context, command.command);
  });
  /** Records a vote (the first per reply counts); false when the reply already had one. */
  const vote = async (context: TurnContext, f: z.output<typeof feedbackData>): Promise<boolean> => {
    const recorded = await served(context).guide.recordFeedback({
      replyId: f.replyId,
      itemIds: f.itemIds,
      helpful: f.helpful,
      reason: f.reason,
      channel: 'teams',
    });
    logger.info(
      { ...turnFields(context.activity), replyId: f.replyId, helpful: f.helpful, recorded },
      recorded ? 'teams: feedback stored' : 'teams: repeat feedback ignored',
    );
    return recorded;
  };
  // Action.Execute: the card is redrawn in place with "Thanks — recorded" instead of the buttons.
  app.adaptiveCards.actionExecute(VERBS.feedback, async (context, _state, data) => {
    const f = feedbackData.safeParse(data);
    if (!f.success) return renderCard(unreadableReply());
    await vote(context, f.data);
    const reply = await kept.full(f.data.replyId);
    if (!reply) return THANKS;
    await kept.forget(f.data.replyId);
    return renderCard(reply, { feedbackRecorded: true });
  });
  // Action.Submit (clients without Universal Actions): one thank-you per reply, not one per click.
  app.adaptiveCards.actionSubmit(VERBS.feedback, async (context, _state, data) => {
    const f = await parse(context, feedbackData, data);
    if (!f) return;
    await context.sendActivity(
      (await vote(context, f)) ? THANKS : 'Your feedback on this answer is already recorded.',
    );
  });
  app.adaptiveCards.actionSubmit(VERBS.form, async (context, _state, data) => {
    const reply = await formReply(context, data);
    if (privateHere(reply, placeFrom(context.activity))) {
      await sendPrivately(context, reply);
      await context.sendActivity(MOVED_TO_PRIVATE);
      return;
    }
    await sendReply(context, reply);
  });
  app.adaptiveCards.actionExecute(VERBS.form, async (context, _state, data) => {
    const reply = await formReply(context, data);
    if (privateHere(reply, placeFrom(context.activity))) {
      // An old card clicked in a channel: the run continues privately; the channel's card says where.
      await sendPrivately(context, reply);
      return renderCard(movedNotice());
    }
    return renderCard(reply);
  });

  const formReply = async (context: TurnContext, data: Record<string, unknown>): Promise<Reply> => {
    const form = formData.safeParse(data);
    if (!form.success) return unreadableReply();
    const { guide, admins } = served(context);
    return guide.submitForm(form.data.state, formValues(form.data), actorFrom(context.activity, admins));
  };

  app.messageExtensions.query(SEARCH_COMMAND, async (context, _state, query) =>
    searchGuidance(served(context).guide, query.parameters, query.count),
  );

  app.conversationUpdate('membersAdded', async (context) => {
    const activity = context.activity;
    const botAdded = activity.membersAdded?.some((m) => m.id === activity.recipient?.id);
    if (botAdded) await welcome(context);
  });
  app.activity(ActivityTypes.InstallationUpdate, async (context) => {
    if (context.activity.action === 'add' || context.activity.action === 'add-upgrade')
      await welcome(context);
  });

  app.activity(ActivityTypes.Message, async (context) => {
    const text = messageText(context.activity);
    if (text) return answer(context, text);
    // A message with no text is a card submit whose verb we don't know (tampered or from an old card).
    if (context.activity.value !== undefined) return unreadable(context, 'unknown or missing verb');
    await sendReply(context, served(context).guide.help());
  });

  app.error(async (context, error) => {
    const reference = newReplyId();
    const coded = asCodedError(error);
    if (turnTimedOut(context.activity)) {
      // The connector did not answer in time. The reply may still land, so it is not sent again, and
      // an apology would only wait on the same connector.
      deps.onTimeout?.();
      logger.warn({ ...turnFields(context.activity), reference }, 'teams: reply timed out');
      return;
    }
    logger.error(
      {
        ...turnFields(context.activity),
        reference,
        code: coded.code,
        err: { name: coded.name, message: redact(coded.message), stack: redact(coded.stack ?? '') },
      },
      'teams: turn failed',
    );
    if (context.activity.type === ActivityTypes.Invoke) return;
    await context
      .sendActivity(
        `${coded.userMessage} Please try again. If it keeps happening, quote reference ${reference}.`,
      )
      .catch((sendError: unknown) =>
        logger.error({ reference, err: sendError }, 'teams: could not send the apology'),
      );
  });

  return {
    app,
    async run(context) {
      const a = context.activity;
      // First, before dedupe or turn state: nothing of a refused turn is kept anywhere.
      const partnership = deps.partnerships.forTenant(tenantOf(a));
      if (!partnership) return refuseTenant(context, logger);
      context.turnState.set(PARTNERSHIP, partnership);
      return runServed(context);
    },
  };

  async function runServed(context: TurnContext): Promise<void> {
    const a = context.activity;
    if (
      a.id &&
      DEDUPED.has(a.type) &&
      !(await delivered.firstTime(`${a.channelId}|${a.conversation?.id}|${a.id}`))
    ) {
      logger.info(turnFields(a), 'teams: redelivered activity ignored');
      return;
    }
    // teams-ai's submit selectors read `value[verb]` on any object, and `typeof null` is 'object'.
    if (a.type === ActivityTypes.Message && !a.text && a.value !== undefined && !isPlainObject(a.value)) {
      return unreadable(context, 'submit value is not an object');
    }
    await app.run(context);
    // Every few hundred new keys; the reply has gone, so a failure here costs only the tidying.
    await Promise.all([delivered.pruneIfDue(), welcomed.pruneIfDue()]).catch((error: unknown) =>
      logger.warn({ err: asCodedError(error).code }, 'teams: could not prune first-time keys'),
    );
  }
}

const THANKS = 'Thanks — recorded. Your feedback helps us improve the guidance.';

function isPlainObject(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

function unreadableReply(): Reply {
  const reply = emptyReply('notice', userMessageFor('bad_input'), newReplyId());
  reply.summary =
    'That button may be from an old or changed card. Please type your question, or send "help".';
  return reply;
}
