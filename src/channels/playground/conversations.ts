import { randomUUID } from 'node:crypto';

/** What the page is told: a new bot activity, one replaced in place, or one deleted. */
export type PlaygroundEvent =
  | { kind: 'activity'; activity: StoredActivity }
  | { kind: 'update'; activity: StoredActivity }
  | { kind: 'delete'; id: string };

export type StoredActivity = Record<string, unknown> & { id: string };

type Listener = (event: PlaygroundEvent) => void;

interface Conversation {
  activities: StoredActivity[];
  listeners: Set<Listener>;
}

export interface ConversationLimits {
  /** Activities kept per conversation (oldest dropped first). */
  perConversation: number;
  /** Conversations kept; the least recently used one without a listening page is dropped first. */
  conversations: number;
}

export const DEFAULT_LIMITS: ConversationLimits = { perConversation: 100, conversations: 200 };

/**
 * The playground connector's memory: the bot's outgoing activities per conversation, bounded, with
 * listeners (open event streams) told of every change. Nothing is written to disk.
 */
export class PlaygroundConversations {
  readonly #byId = new Map<string, Conversation>();

  constructor(readonly limits: ConversationLimits = DEFAULT_LIMITS) {}

  /** Stores a new activity from the bot and returns the id the connector assigns it. */
  add(conversationId: string, activity: Record<string, unknown>): string {
    const stored: StoredActivity = { ...activity, id: randomUUID() };
    const conversation = this.#touch(conversationId);
    conversation.activities.push(stored);
    if (conversation.activities.length > this.limits.perConversation) conversation.activities.shift();
    this.#emit(conversation, { kind: 'activity', activity: stored });
    return stored.id;
  }

  /** Replaces an activity in place (a card update). False when the id is unknown. */
  update(conversationId: string, activityId: string, activity: Record<string, unknown>): boolean {
    const conversation = this.#byId.get(conversationId);
    const index = conversation?.activities.findIndex((a) => a.id === activityId) ?? -1;
    if (!conversation || index < 0) return false;
    const stored: StoredActivity = { ...activity, id: activityId };
    conversation.activities[index] = stored;
    this.#emit(conversation, { kind: 'update', activity: stored });
    return true;
  }

  delete(conversationId: string, activityId: string): boolean {
    const conversation = this.#byId.get(conversationId);
    const index = conversation?.activities.findIndex((a) => a.id === activityId) ?? -1;
    if (!conversation || index < 0) return false;
    conversation.activities.splice(index, 1);
    this.#emit(conversation, { kind: 'delete', id: activityId });
    return true;
  }

  history(conversationId: string): readonly StoredActivity[] {
    return this.#byId.get(conversationId)?.activities ?? [];
  }

  /** Calls `listener` on every later change; returns the function that stops it. */
  subscribe(conversationId: string, listener: Listener): () => void {
    const conversation = this.#touch(conversationId);
    conversation.listeners.add(listener);
    return () => conversation.listeners.delete(listener);
  }

  get size(): number {
    return this.#byId.size;
  }

  #touch(conversationId: string): Conversation {
    let conversation = this.#byId.get(conversationId);
    if (conversation) {
      // Map order is insertion order: re-inserting marks it most recently used.
      this.#byId.delete(conversationId);
    } else {
      conversation = { activities: [], listeners: new Set() };
    }
    this.#byId.set(conversationId, conversation);
    this.#evict();
    return conversation;
  }

  #evict(): void {
    for (const [id, conversation] of this.#byId) {
      if (this.#byId.size <= this.limits.conversations) return;
      if (conversation.listeners.size === 0) this.#byId.delete(id);
    }
  }

  #emit(conversation: Conversation, event: PlaygroundEvent): void {
    for (const listener of conversation.listeners) listener(event);
  }
}
