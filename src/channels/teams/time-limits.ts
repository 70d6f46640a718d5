import { AsyncLocalStorage } from 'node:async_hooks';

/**
 * Time limits for Teams turns. Bot Framework gives a turn about 15 s before the channel gives up on
 * it; a connector that never answers would otherwise hold `POST /api/messages` (and shutdown) open
 * for minutes. Every connector call made during a turn gets at most `callMs`, and never runs past the
 * turn's own deadline, retries and Retry-After waits included. Calls are aborted, not retried: a reply
 * that timed out may still have been posted, and sending it again would duplicate it.
 */
export interface TurnLimits {
  /** The whole turn: connector calls still running at this point are aborted. */
  turnMs: number;
  /** One connector call, with the SDK's own retries. */
  callMs: number;
}

export const DEFAULT_TURN_LIMITS: TurnLimits = { turnMs: 13_000, callMs: 8_000 };

interface TurnClock {
  deadline: number;
  callMs: number;
  /** Set when a connector call of this turn was cut off by its limit. */
  timedOut: boolean;
}

const turns = new AsyncLocalStorage<TurnClock>();

/** Runs one turn with its deadline; connector calls inside it (however deeply awaited) see it. */
export function runWithTurnLimits<T>(limits: TurnLimits, work: () => Promise<T>): Promise<T> {
  return turns.run({ deadline: Date.now() + limits.turnMs, callMs: limits.callMs, timedOut: false }, work);
}

/** True when a connector call in the current turn ran out of time (the turn's error is then that). */
export function turnTimedOut(): boolean {
  return turns.getStore()?.timedOut ?? false;
}

/** The part of a @azure/core-rest-pipeline request and policy this module touches. */
interface PipelineRequest {
  abortSignal?: AbortSignal;
}
interface PipelinePolicy {
  name: string;
  sendRequest(
    request: PipelineRequest,
    next: (request: PipelineRequest) => Promise<unknown>,
  ): Promise<unknown>;
}

/**
 * A policy for a connector client's pipeline that gives each call made inside a turn an abort signal
 * firing at its limit. It sits before the SDK's retry policy, so retries and Retry-After waits count
 * against the same limit. Outside a turn (proactive digest posts) it does nothing: the digest sender
 * has its own limit and its own handling of unknown outcomes.
 */
const turnTimeLimitPolicy: PipelinePolicy = {
  name: 'safeguardingGuideTurnTimeLimit',
  async sendRequest(request, next) {
    const clock = turns.getStore();
    if (!clock) return next(request);
    const budget = Math.max(0, Math.min(clock.callMs, clock.deadline - Date.now()));
    const limit = new AbortController();
    const timer = setTimeout(() => {
      clock.timedOut = true;
      limit.abort(new Error('connector call timed out'));
    }, budget);
    request.abortSignal = request.abortSignal
      ? AbortSignal.any([request.abortSignal, limit.signal])
      : limit.signal;
    try {
      return await next(request);
    } finally {
      clearTimeout(timer);
    }
  },
};

/**
 * Adds the time limit to a botframework-connector ConnectorClient. Its options cannot carry it
 * (ConnectorFactoryImpl replaces `requestPolicyFactories`), so it goes onto the client's pipeline.
 */
export function limitConnectorCalls<T>(connectorClient: T): T {
  const pipeline = (connectorClient as { client?: { pipeline?: { addPolicy(p: PipelinePolicy): void } } })
    .client?.pipeline;
  if (!pipeline) throw new Error('teams: the connector client has no request pipeline to time-limit');
  pipeline.addPolicy(turnTimeLimitPolicy);
  return connectorClient;
}
