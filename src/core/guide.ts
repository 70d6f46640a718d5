import { Answerer } from './answer/answerer.js';
import { itemSources, itemToReply } from './answer/item-reply.js';
import { ChecklistService } from './checklists/service.js';
import { parseCommand, type Command } from './commands.js';
import { resolveContact } from './content/contacts.js';
import { loadWholePack } from './content/checklists-and-digests.js';
import type { ContentPack } from './content/types.js';
import { digestServiceFor } from './digests/load.js';
import type { DigestService, DigestServiceOptions } from './digests/service.js';
import { handleDigestCommand } from './digests/commands.js';
import type { DigestSender } from './digests/sender.js';
import { channelKeyFor, type ConversationRef, type DigestPlatform } from './digests/subscriptions.js';
import type { ChecklistDefinition } from './checklists/schema.js';
import type { DigestItem } from './digests/pool.js';
import { recordFeedback, type FeedbackInput } from './feedback.js';
import { helpReply, welcomeReply } from './help.js';
import { RateLimiter, USER_MESSAGE_LIMIT, type RateLimitOptions } from './rate-limit.js';
import { buildReport } from './insights/build-report.js';
import { DEFAULT_QUESTION_LOG_DAYS, QuestionInsights } from './insights/question-insights.js';
import { acronymsOf } from './insights/redact-question.js';
import { refusingUnknownWords, Vocabulary } from './insights/vocabulary.js';
import { scrubStoredReferences } from './digests/references.js';
import { deleteRetiredKeys } from './store/retired-keys.js';
import type { PartnershipReport } from './insights/report-data.js';
import { reportToReply } from './insights/report-reply.js';
import { UNOBSERVED, type Observer } from './observer.js';
import { emptyReply, newReplyId, type Reply } from './reply.js';
import { settled } from './replies/settled.js';
import { detectPiiStrict } from './safety/index.js';
import { GuidanceIndex } from './search/index.js';
import { SynonymTable } from './search/synonyms.js';
import type { Store } from './store/store.js';
import type {
  Actor,
  FormState,
  FormValues,
  GuidanceHit,
  GuideApi,
  OpenRunSummary,
  Place,
  SubscriptionSummary,
} from './guide-api.js';

/** What reloading a pack came to: the new one serves, or it was refused and the old one still does. */
export type ReloadResult = { ok: true; items: number } | { ok: false; reason: string };

export interface GuideOptions {
  contentDir: string;
  /**
   * Reloads this Guide's partnership pack (the server's live Guide; see src/server/live-guide.ts),
   * for the admins' `content reload` command. Absent (the terminal): the command says it cannot.
   */
  reloadContent?: () => Promise<ReloadResult>;
  store: Store;
  clock?: () => Date;
  digestSenders?: Partial<Record<DigestPlatform, DigestSender>>;
  /** Delivery tuning and logging for the DigestService (retry, limits, grace window, log). */
  digestOptions?: DigestTuning;
  userRateLimit?: RateLimitOptions;
  /**
   * Days to keep redacted examples of signposted and low-confidence questions for the admin report
   * (default 90); 0 keeps counts only.
   */
  questionLogDays?: number;
  /** Told of each turn and digest delivery (the server's telemetry); default: nobody. */
  observer?: Observer;
}

export type DigestTuning = Pick<
  DigestServiceOptions,
  | 'log'
  | 'retry'
  | 'limits'
  | 'graceHours'
  | 'leaseMs'
  | 'maxConcurrency'
  | 'onUnknownOutcome'
  | 'sleep'
  | 'random'
>;

/** The platform-neutral core every channel calls. Knows nothing of Teams or Slack. */
export class Guide implements GuideApi {
  private readonly answerer: Answerer;
  private readonly index: GuidanceIndex;
  readonly checklists: ChecklistService;
  readonly digests: DigestService;
  private readonly clock: () => Date;
  private readonly userLimiter: RateLimiter;
  private readonly questionInsights: QuestionInsights;
  private readonly observer: Observer;
  private readonly reloadContent: GuideOptions['reloadContent'];

  private constructor(
    readonly pack: ContentPack,
    private readonly checklistDefs: ChecklistDefinition[],
    digestPool: DigestItem[],
    private readonly store: Store,
    options: Pick<
      GuideOptions,
      | 'clock'
      | 'digestSenders'
      | 'digestOptions'
      | 'userRateLimit'
      | 'questionLogDays'
      | 'observer'
      | 'reloadContent'
    >,
  ) {
    this.clock = options.clock ?? (() => new Date());
    this.observer = options.observer ?? UNOBSERVED;
    this.reloadContent = options.reloadContent;
    // What may be stored of typed text: everyday English and the guidance's own words.
    const vocabulary = Vocabulary.fromGuidance(pack, checklistDefs);
    this.questionInsights = new QuestionInsights({
      store,
      clock: this.clock,
      timeZone: pack.settings.timezone,
      retentionDays: options.questionLogDays ?? DEFAULT_QUESTION_LOG_DAYS,
      acronyms: acronymsOf(pack),
      vocabulary,
    });
    this.userLimiter = new RateLimiter({
      now: () => this.clock().getTime(),
      ...(options.userRateLimit ?? USER_MESSAGE_LIMIT),
    });
    this.index = new GuidanceIndex(pack.items, new SynonymTable(pack.settings.synonyms));
    this.answerer = new Answerer(pack, this.index);
    this.checklists = new ChecklistService({
      defs: checklistDefs,
      store,
      clock: this.clock,
      contacts: (key) => resolveContact(pack.contacts, key),
      // Short answers are stored: the strict check refuses anything that could be a name, and any
      // word outside the vocabulary (a name in lower case).
      detectPii: refusingUnknownWords(detectPiiStrict, vocabulary),
      guidance: (id) => {
        const item = pack.byId.get(id);
        return item ? itemSources(item)[0] : undefined;
      },
      documentTitle: (key) => pack.documents.get(key)?.title,
      timeZone: pack.settings.timezone,
    });
    this.digests = digestServiceFor(pack, digestPool, {
      ...options.digestOptions,
      store,
      senders: options.digestSenders,
      clock: this.clock,
      observer: this.observer,
    });
  }

  /** Loads and validates all content (guidance, checklists, digests); any error stops start-up, listing every problem. */
  static async create(options: GuideOptions): Promise<Guide> {
    const { pack, ...extras } = await loadWholePack(options.contentDir);
    return Guide.fromContent(pack, extras, options);
  }

  /** A Guide over already-loaded content (benchmarks grow the pack in memory). */
  static fromContent(
    pack: ContentPack,
    extras: { checklists: ChecklistDefinition[]; digestPool: DigestItem[] },
    options: Omit<GuideOptions, 'contentDir'>,
  ): Guide {
    return new Guide(pack, extras.checklists, extras.digestPool, options.store, options);
  }

  /** A question → answer, signpost or escalation. Pure: stores nothing. */
  ask(text: string): Reply {
    return this.answerer.answer(text, newReplyId());
  }

  /** A chat message from any channel: commands are parsed here, once; anything else is a question. */
  async handle(text: string, actor: Actor, place: Place): Promise<Reply> {
    const command = parseCommand(typeof text === 'string' ? text : '');
    return this.observer.turn(
      { channel: actor.channel, kind: 'message', command: command.type },
      async () => settled(await this.respond(command, actor, place)),
    );
  }

  private async respond(command: Command, actor: Actor, place: Place): Promise<Reply> {
    const user = userKey(actor);
    if (!this.userLimiter.take(user)) return this.slowDown();
    switch (command.type) {
      case 'help':
        return this.help();
      case 'checklist-list':
        return this.checklists.list();
      case 'checklist-start':
        return this.checklists.start(user, command.checklistId);
      case 'my-checklists':
        return this.checklists.myRuns(user);
      case 'digest':
        return handleDigestCommand(this.digests, command.args, {
          actor: { userId: actor.userId, isAdmin: actor.isAdmin },
          place,
          platform: actor.channel,
          reference: place.reference,
        });
      case 'report':
        if (!actor.isAdmin) return this.refusal('The partnership report is for partnership admins.');
        return reportToReply(await this.report(), newReplyId());
      case 'content-reload':
        if (!actor.isAdmin) return this.refusal('Reloading the content is for partnership admins.');
        return this.reload();
      case 'question': {
        const reply = this.ask(command.text);
        this.questionInsights.record(command.text, reply);
        return reply;
      }
    }
  }

  /** A checklist card or modal was submitted: `state` is the form's round-tripped state, `values` the inputs. */
  submitForm(state: FormState, values: FormValues, actor: Actor): Promise<Reply> {
    return this.observer.turn({ channel: actor.channel, kind: 'form' }, async () =>
      settled(await this.checklists.submit(userKey(actor), { ...values, ...state })),
    );
  }

  async openRuns(actor: Actor): Promise<OpenRunSummary[]> {
    const runs = await this.checklists.openRuns(userKey(actor));
    return runs.map((r) => ({ title: r.title, progress: r.progress, resumeCommand: 'my checklists' }));
  }

  async subscriptions(actor: Actor): Promise<SubscriptionSummary[]> {
    if (!actor.isAdmin) return [];
    const status = await this.digests.status();
    return status
      .filter((s) => s.subscription.platform === actor.channel)
      .map((s) => ({
        conversationId: s.subscription.channelKey.replace(/^[a-z]+:/, ''),
        schedule: `${s.subscription.schedule.day} ${s.subscription.schedule.time} (next ${s.next.period})`,
      }));
  }

  rememberConversation(
    platform: DigestPlatform,
    conversationId: string,
    reference: ConversationRef,
  ): Promise<void> {
    return this.digests.rememberConversation(channelKeyFor(platform, conversationId), platform, reference);
  }

  help(): Reply {
    return settled(helpReply(this.pack, newReplyId()));
  }

  welcome(): Reply {
    return settled(welcomeReply(this.pack, newReplyId()));
  }

  searchItems(query: string, limit = 10): GuidanceHit[] {
    const hits = query.trim() ? this.index.search(query, limit) : [];
    const items = hits.length ? hits.map((h) => this.pack.byId.get(h.id)) : this.pack.items.slice(0, limit);
    return items
      .filter((i) => i !== undefined)
      .map((i) => ({ id: i.id, title: i.title, summary: i.summary }));
  }

  itemReply(id: string): Reply | undefined {
    const item = this.pack.byId.get(id);
    return item ? settled(itemToReply(this.pack, item, newReplyId())) : undefined;
  }

  recordFeedback(feedback: FeedbackInput): Promise<boolean> {
    return recordFeedback(this.store, feedback, this.clock());
  }

  /**
   * The partnership report as data (admins only: callers check). Writes pending question counts first;
   * `readOnly` (the CLI, beside a running server) writes nothing and reads what is stored.
   */
  async report(options: { readOnly?: boolean } = {}): Promise<PartnershipReport> {
    if (!options.readOnly) await this.questionInsights.flush();
    return buildReport({
      pack: this.pack,
      store: this.store,
      checklists: this.checklistDefs,
      digests: this.digests,
      now: this.clock(),
      retentionDays: this.questionInsights.retentionDays,
    });
  }

  async previewDigest(): Promise<Reply | undefined> {
    const reply = await this.digests.preview();
    return reply && settled(reply);
  }

  /**
   * Periodic upkeep (the server runs it at start and every few hours): writes pending question counts,
   * which prunes question examples past their retention once a day, deletes expired checklist runs and
   * what older versions stored that nothing reads any more.
   */
  async housekeeping(): Promise<{
    expiredChecklistRuns: number;
    scrubbedReferences: number;
    retiredItems: number;
  }> {
    await this.questionInsights.flush();
    return {
      expiredChecklistRuns: await this.checklists.purgeExpired(),
      scrubbedReferences: await scrubStoredReferences(this.store),
      retiredItems: await deleteRetiredKeys(this.store),
    };
  }

  /** Writes anything held in memory; call before the store closes. */
  close(): Promise<void> {
    return this.questionInsights.close();
  }

  /** `content reload`: the pack on disk, checked as `npm run content:check` does, replaces this one. */
  private async reload(): Promise<Reply> {
    if (!this.reloadContent) {
      const reply = emptyReply('notice', 'Reload from the server', newReplyId());
      reply.summary = 'Content is reloaded by the running server: send this to the bot in Teams or Slack, or send it SIGHUP.';
      return reply;
    }
    const result = await this.reloadContent();
    if (result.ok) {
      const reply = emptyReply('notice', 'Content reloaded', newReplyId());
      reply.summary = `The new content is serving: ${result.items} guidance items.`;
      return reply;
    }
    const reply = emptyReply('notice', 'Content reload refused', newReplyId());
    reply.summary = 'The content on disk did not pass its checks, so the current content keeps serving. Run `npm run content:check` to see every problem.';
    // The first problems, for the admin (file and field names only: content has no personal data).
    reply.sections = [{ heading: 'Problems found', lines: result.reason.split('\n').slice(0, 6), style: 'bullets' }];
    return reply;
  }

  private slowDown(): Reply {
    const reply = emptyReply('notice', 'Please slow down a little', newReplyId());
    reply.summary =
      "You're sending messages faster than I can answer them. Please wait a few seconds and try again. If a child is in immediate danger, call 999 now.";
    return reply;
  }

  private refusal(text: string): Reply {
    const reply = emptyReply('notice', 'Not available to you', newReplyId());
    reply.summary = text;
    return reply;
  }
}

/** Runs belong to a person on a platform: the same person resumes them on any device. */
function userKey(actor: Actor): string {
  return `${actor.channel}:${actor.userId}`;
}
