import { AsyncLocalStorage } from 'node:async_hooks';
import { CodedError } from './errors.js';
import type { GuideApi } from './guide-api.js';

/** Who may use admin commands: the channel asks by platform user id. */
export interface AdminList {
  has(userId: string): boolean;
}

/** One partnership as a channel sees it: its Guide (its pack, its keys in the store) and its admins. */
export interface ServingPartnership {
  id: string;
  guide: GuideApi;
  admins: AdminList;
}

/**
 * Which partnership serves a turn, from the organisation it comes from. Undefined: none does, and
 * the channel refuses the turn (nothing of it stored).
 */
export interface PartnershipRouting {
  /** By Microsoft Entra tenant id (lower-cased); undefined when the activity names none. */
  forTenant(tenantId: string | undefined): ServingPartnership | undefined;
  /** By Slack team id or Enterprise Grid id. */
  forSlackTeam(teamId: string | undefined): ServingPartnership | undefined;
  /** Every Slack team some partnership serves (the install flow refuses others); undefined: any. */
  slackTeams(): ReadonlySet<string> | undefined;
}

/** Routing to one partnership whatever the organisation (the playground, this machine only). */
export function onePartnership(partnership: ServingPartnership): PartnershipRouting {
  return { forTenant: () => partnership, forSlackTeam: () => partnership, slackTeams: () => undefined };
}

/**
 * The partnership of the turn being handled. A channel picks the partnership when the turn arrives
 * (`run`) and its handlers keep calling `guide` and `admins` as they did with one partnership: both
 * answer from the turn's own. Outside a turn there is no partnership, and using them is an error,
 * never a silent default (that would answer one partnership's practitioners from another's pack).
 */
export class TurnPartnership {
  readonly #current = new AsyncLocalStorage<ServingPartnership>();
  readonly guide: GuideApi;
  readonly admins: AdminList;

  constructor() {
    this.guide = forwardTo(() => this.current().guide);
    this.admins = { has: (userId) => this.current().admins.has(userId) };
  }

  /** Runs `work` (and everything it starts, awaited or not) as a turn of `partnership`. */
  run<T>(partnership: ServingPartnership, work: () => T): T {
    return this.#current.run(partnership, work);
  }

  current(): ServingPartnership {
    const partnership = this.#current.getStore();
    if (!partnership)
      throw new CodedError('internal', 'no partnership for this turn: the channel must pick one first');
    return partnership;
  }
}

/** An object whose every property read is made on `target()` at that moment, methods bound to it. */
export function forwardTo<T extends object>(target: () => T): T {
  return new Proxy({} as T, {
    get(_shell, property) {
      const real = target();
      const value: unknown = Reflect.get(real, property, real);
      return typeof value === 'function' ? (value as (...a: unknown[]) => unknown).bind(real) : value;
    },
    has: (_shell, property) => Reflect.has(target(), property),
  });
}
