import { randomUUID } from 'node:crypto';
import { Answerer } from './answer/answerer.js';
import { itemToReply } from './answer/item-reply.js';
import { parseCommand } from './commands.js';
import { loadContentPack } from './content/load.js';
import type { ContentPack } from './content/types.js';
import { recordFeedback, type FeedbackInput } from './feedback.js';
import { helpReply, welcomeReply } from './help.js';
import { emptyReply, type Reply } from './reply.js';
import { GuidanceIndex } from './search/index.js';
import { SynonymTable } from './search/synonyms.js';
import type { Store } from './store/store.js';

export type ChannelName = 'teams' | 'slack' | 'cli' | 'playground';
export interface Actor {
  userId: string;
  channel: ChannelName;
  isAdmin: boolean;
}
export interface Place {
  conversationId: string;
  kind: 'personal' | 'group' | 'channel';
}

export interface GuideOptions {
  contentDir: string;
  store: Store;
  admins: ReadonlySet<string>;
  clock?: () => Date;
}

const newReplyId = () => randomUUID().slice(0, 8);

/** The platform-neutral core every channel calls. Knows nothing of Teams or Slack. */
export class Guide {
  readonly answerer: Answerer;
  private readonly clock: () => Date;

  private constructor(
    readonly pack: ContentPack,
    readonly index: GuidanceIndex,
    readonly store: Store,
    readonly admins: ReadonlySet<string>,
    clock?: () => Date,
  ) {
    this.answerer = new Answerer(pack, index);
    this.clock = clock ?? (() => new Date());
  }

  static async create(options: GuideOptions): Promise<Guide> {
    const pack = await loadContentPack(options.contentDir);
    return Guide.fromPack(pack, options.store, options.admins, options.clock);
  }

  static fromPack(pack: ContentPack, store: Store, admins: ReadonlySet<string>, clock?: () => Date): Guide {
    const index = new GuidanceIndex(pack.items, new SynonymTable(pack.settings.synonyms));
    return new Guide(pack, index, store, admins, clock);
  }

  now(): Date {
    return this.clock();
  }

  ask(text: string): Reply {
    return this.answerer.answer(text, newReplyId());
  }

  async handle(text: string, actor: Actor, place: Place): Promise<Reply> {
    const command = parseCommand(text);
    switch (command.type) {
      case 'help':
        return this.help();
      case 'question':
        return this.ask(command.text);
      default:
        return this.notAvailable(command.type, actor, place);
    }
  }

  help(): Reply {
    return helpReply(this.pack, newReplyId());
  }

  welcome(): Reply {
    return welcomeReply(this.pack, newReplyId());
  }

  searchItems(query: string, limit = 10): { id: string; title: string; summary: string }[] {
    const hits = query.trim() ? this.index.search(query, limit) : [];
    const items = hits.length ? hits.map((h) => this.pack.byId.get(h.id)) : this.pack.items.slice(0, limit);
    return items.filter((i) => i !== undefined).map((i) => ({ id: i.id, title: i.title, summary: i.summary }));
  }

  itemReply(id: string): Reply | undefined {
    const item = this.pack.byId.get(id);
    return item ? itemToReply(this.pack, item, newReplyId()) : undefined;
  }

  recordFeedback(feedback: FeedbackInput): Promise<void> {
    return recordFeedback(this.store, feedback, this.clock());
  }

  // Replaced as the checklist and digest services are wired in.
  private notAvailable(what: string, _actor: Actor, _place: Place): Reply {
    const reply = emptyReply('notice', 'Not available yet', newReplyId());
    reply.summary = `The "${what}" command is not available in this version yet.`;
    return reply;
  }
}
