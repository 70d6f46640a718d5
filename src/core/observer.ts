import type { DeliveryOutcome } from './digests/delivery.js';
import type { DigestPlatform } from './digests/subscriptions.js';
import type { Reply } from './reply.js';

/** What a turn was, without anything the person typed. */
export interface TurnFacts {
  /** 'teams', 'slack', 'playground' or 'cli'. */
  channel: string;
  /** A chat message (command or question), or a checklist form submitted. */
  kind: 'message' | 'form';
  /** The command it was parsed as ('question', 'help', 'checklist-start', …); forms have none. */
  command?: string;
}

/**
 * Watches core's work from outside (the server's telemetry). Core calls it around each turn and each
 * digest delivery; the observer sees the outcome, never the text. The default watches nothing.
 */
export interface Observer {
  turn(facts: TurnFacts, work: () => Promise<Reply>): Promise<Reply>;
  delivery(
    facts: { platform: DigestPlatform },
    work: () => Promise<DeliveryOutcome>,
  ): Promise<DeliveryOutcome>;
}

export const UNOBSERVED: Observer = {
  turn: (_facts, work) => work(),
  delivery: (_facts, work) => work(),
};
