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

/** One turn's clock; connector calls of the turn read it through the turn's client (limitedForTurn). */
export interface TurnClock {
  deadline: number;
  callMs: number;
  /** Set when a connector call of this turn was cut off by its limit. */
  timedOut: boolean;
}

/**
 * Each turn's clock, by its activity: botbuilder hands the same object (the request body) to the
 * connector factory and to the turn context. Not AsyncLocalStorage: an active one makes every
 * promise in the process pay a hook (~0.1 ms and 35 KB a turn under load).
 */
const clocks = new WeakMap<object, TurnClock>();

/** Starts the deadline of the turn of `activity` (the parsed request body, before the adapter sees it). */
export function startTurnClock(activity: object, limits: TurnLimits): TurnClock {
  const clock = { deadline: Date.now() + limits.turnMs, callMs: limits.callMs, timedOut: false };
  clocks.set(activity, clock);
  return clock;
}

/** True when a connector call in the turn of `activity` ran out of time (the turn's error is then that). */
export function turnTimedOut(activity: object): boolean {
  return clocks.get(activity)?.timedOut ?? false;
}

type OperationArguments = { options?: { abortSignal?: AbortSignal } } & Record<string, unknown>;
type SendOperationRequest = (args: OperationArguments, spec: unknown, callback?: unknown) => Promise<unknown>;

/** The part of a botframework-connector ConnectorClient this module touches. */
interface OperationsClient {
  sendOperationRequest: SendOperationRequest;
  conversations: object;
  attachments: object;
}

/**
 * The connector client as the turn of `activity` uses it: every operation (reply, update, create
 * conversation…) gets an abort signal firing at its limit, passed as the operation's own
 * `abortSignal`, so the SDK's retries and Retry-After waits count against the same limit. The
 * client underneath (its pipeline, credentials, token cache, keep-alive agent) is shared; the view
 * only adds the signal. Outside a turn (proactive digest posts) the client is returned as it is: the
 * digest sender has its own limit and its own handling of unknown outcomes.
 */
export function limitedForTurn<T>(connectorClient: T, activity: object): T {
  const clock = clocks.get(activity);
  if (!clock) return connectorClient;
  const client = connectorClient as unknown as OperationsClient;
  if (typeof client.sendOperationRequest !== 'function')
    throw new Error('teams: the connector client has no operations to time-limit');
  const view = Object.create(client) as OperationsClient;
  view.sendOperationRequest = (args, spec, callback) =>
    withinLimit(clock, args.options?.abortSignal, (abortSignal) =>
      client.sendOperationRequest({ ...args, options: { ...args.options, abortSignal } }, spec, callback),
    );
  // The operation groups call `this.client.sendOperationRequest`: the view's own ones call the view's.
  view.conversations = regroup(client.conversations, view);
  view.attachments = regroup(client.attachments, view);
  return view as unknown as T;
}

function regroup(group: object, client: OperationsClient): object {
  const Group = group.constructor as new (client: OperationsClient) => object;
  return new Group(client);
}

async function withinLimit<T>(
  clock: TurnClock,
  outer: AbortSignal | undefined,
  call: (signal: AbortSignal) => Promise<T>,
): Promise<T> {
  const budget = Math.max(0, Math.min(clock.callMs, clock.deadline - Date.now()));
  const limit = new AbortController();
  const timer = setTimeout(() => {
    clock.timedOut = true;
    limit.abort(new Error('connector call timed out'));
  }, budget);
  try {
    return await call(outer ? AbortSignal.any([outer, limit.signal]) : limit.signal);
  } finally {
    clearTimeout(timer);
  }
}
