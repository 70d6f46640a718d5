import type { Reply } from '../reply.js';
import type { ReplyKeeper } from './kept-replies.js';

/**
 * Replies kept in this process only, for Teams' in-place redraw after a vote (a lost one costs the
 * redraw, never the vote). Bounded: every answer is kept, and under load that was the server's
 * memory growth (20,000 answers of ~7 KB each in a 2-hour window: ~300 MB of heap, and the full
 * collections that came with it).
 *
 * So the reply is kept as JSON text with its id taken out, and identical texts are held once: answers
 * to the same question differ only in their reply id. Per reply that leaves an id, an expiry and a
 * shared string. Entries expire after `ttlMs`; past `maxReplies` or `maxChars` of distinct texts the
 * oldest go first. Text is the Reply as sent: guidance and structured answers, never the message.
 */
export interface RecentRepliesOptions {
  ttlMs?: number;
  maxReplies?: number;
  /** Characters of distinct reply texts held at most (a UTF-16 string is about 1–2 bytes a character). */
  maxChars?: number;
  now?: () => number;
}

interface Kept {
  text: SharedText;
  expiresAt: number;
}

interface SharedText {
  json: string;
  users: number;
}

/** JSON.stringify escapes U+0000, so this never occurs in its output: it stands for the reply id. */
const ID_MARK = '\u0000';

export class RecentReplies implements ReplyKeeper {
  readonly #replies = new Map<string, Kept>(); // insertion order = expiry order: one TTL for all
  readonly #texts = new Map<string, SharedText>();
  #chars = 0;
  readonly #ttlMs: number;
  readonly #maxReplies: number;
  readonly #maxChars: number;
  readonly #now: () => number;

  constructor(options: RecentRepliesOptions = {}) {
    this.#ttlMs = options.ttlMs ?? 2 * 60 * 60 * 1000;
    this.#maxReplies = options.maxReplies ?? 20_000;
    this.#maxChars = options.maxChars ?? 16_000_000;
    this.#now = options.now ?? Date.now;
  }

  /** Replies held now (expired ones may linger until the next keep). */
  get size(): number {
    return this.#replies.size;
  }

  /** Characters of distinct reply texts held now. */
  get chars(): number {
    return this.#chars;
  }

  async keep(reply: Reply): Promise<void> {
    const id = reply.meta.replyId;
    const json = JSON.stringify(reply).replaceAll(id, ID_MARK);
    this.#drop(id);
    let text = this.#texts.get(json);
    if (!text) {
      text = { json, users: 0 };
      this.#texts.set(json, text);
      this.#chars += json.length;
    }
    text.users += 1;
    this.#replies.set(id, { text, expiresAt: this.#now() + this.#ttlMs });
    this.#evict();
  }

  async full(replyId: string): Promise<Reply | undefined> {
    const kept = this.#replies.get(replyId);
    if (!kept || kept.expiresAt <= this.#now()) return undefined;
    return JSON.parse(kept.text.json.replaceAll(ID_MARK, replyId)) as Reply;
  }

  async forget(replyId: string): Promise<void> {
    this.#drop(replyId);
  }

  #evict(): void {
    const t = this.#now();
    for (const [id, kept] of this.#replies) {
      const over = this.#replies.size > this.#maxReplies || this.#chars > this.#maxChars;
      if (!over && kept.expiresAt > t) break;
      this.#drop(id);
    }
  }

  #drop(id: string): void {
    const kept = this.#replies.get(id);
    if (!kept) return;
    this.#replies.delete(id);
    kept.text.users -= 1;
    if (kept.text.users > 0) return;
    this.#texts.delete(kept.text.json);
    this.#chars -= kept.text.json.length;
  }
}
