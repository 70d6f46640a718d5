import type { Config } from '../config.js';
import { assertPacksFit, partnershipFolders } from '../core/content/packs.js';
import { CodedError } from '../core/errors.js';
import { formatIssues } from '../core/content/load.js';
import type { Serves } from '../core/content/schema.js';
import type { Guide } from '../core/guide.js';
import { isServed } from '../core/organisations.js';
import type { AdminList, PartnershipRouting, ServingPartnership } from '../core/partnerships.js';
import { namespacedStore } from '../core/store/namespaced-store.js';
import type { Store } from '../core/store/store.js';
import { LiveGuide, type ReloadResult } from './live-guide.js';
import type { Logger } from './logger.js';

/** One partnership being served: its live Guide (reloadable), its view of the store, its admins. */
export interface LivePartnership extends ServingPartnership {
  guide: Guide;
  live: LiveGuide;
  store: Store;
}

export interface OpenPartnershipsOptions {
  /** The shared store; each partnership of a packs folder gets its own namespace of it. */
  store: Store;
  /** Builds partnership `id`'s Guide over the pack in `contentDir`, keeping its data in `store`. */
  build: (id: string, contentDir: string, store: Store) => Promise<Guide>;
  logger: Logger;
}

interface Organisations {
  tenants?: ReadonlySet<string>;
  slackTeams?: ReadonlySet<string>;
  admins: ReadonlySet<string>;
}

/**
 * Every partnership the deployment serves, and which one serves a turn. Without PACKS_DIR: one,
 * the pack at CONTENT_DIR, serving ALLOWED_TENANTS / ALLOWED_SLACK_TEAMS with ADMIN_USERS, its keys
 * in the store as they always were. With PACKS_DIR: one per folder, each serving the organisations
 * its pack.yaml lists (read from the pack serving now, so a reload can add a tenant), its keys under
 * `partnership/{id}/`.
 */
export class Partnerships implements PartnershipRouting {
  private constructor(
    readonly all: readonly LivePartnership[],
    private readonly organisationsOf: (p: LivePartnership) => Organisations,
    private readonly logger: Logger,
    /** PACKS_DIR: a reloaded pack must still fit beside the others. */
    private readonly packs = false,
  ) {}

  static async open(config: Config, options: OpenPartnershipsOptions): Promise<Partnerships> {
    const { logger } = options;
    if (!config.packsDir) {
      const organisations: Organisations = {
        tenants: config.allowed.tenants,
        slackTeams: config.allowed.slackTeams,
        admins: config.admins,
      };
      const build = () => options.build('default', config.contentDir, options.store);
      const one = livePartnership(
        'default',
        await build(),
        build,
        options.store,
        logger,
        organisations.admins,
      );
      return new Partnerships([one], () => organisations, logger);
    }
    const { folders, issues } = await partnershipFolders(config.packsDir);
    if (issues.length)
      throw new CodedError('bad_input', `PACKS_DIR ${config.packsDir} is invalid:\n${formatIssues(issues)}`);
    const opened: { id: string; guide: Guide; build: () => Promise<Guide>; store: Store }[] = [];
    for (const folder of folders) {
      const store = namespacedStore(options.store, folder.id);
      const build = () => options.build(folder.id, folder.dir, store);
      opened.push({ id: folder.id, guide: await build(), build, store });
    }
    assertPacksFit(opened.map((o) => ({ id: o.id, pack: o.guide.pack })));
    const all = opened.map((o) => {
      const admins: AdminList = { has: (id) => servesOf(partnership.live.current).admins.has(id) };
      const partnership = livePartnership(o.id, o.guide, o.build, o.store, logger, admins);
      return partnership;
    });
    return new Partnerships(all, (p) => servesOf(p.live.current), logger, true);
  }

  /** The partnership the playground and the start-up line speak for: the only one, or the first by id. */
  get first(): LivePartnership {
    return this.all[0]!;
  }

  forTenant(tenantId: string | undefined): LivePartnership | undefined {
    return this.all.find((p) => isServed(this.organisationsOf(p).tenants, tenantId));
  }

  forSlackTeam(teamId: string | undefined): LivePartnership | undefined {
    return this.all.find((p) => isServed(this.organisationsOf(p).slackTeams, teamId));
  }

  slackTeams(): ReadonlySet<string> | undefined {
    const sets = this.all.map((p) => this.organisationsOf(p).slackTeams);
    if (sets.some((s) => s === undefined)) return undefined;
    return new Set(sets.flatMap((s) => [...(s ?? [])]));
  }

  /**
   * Reloads every partnership's pack, one after another. A pack that fails its checks, or would claim
   * an organisation another partnership serves, is refused and its old version keeps serving.
   */
  async reload(): Promise<ReloadResult> {
    const refused: string[] = [];
    let items = 0;
    for (const p of this.all) {
      const result = await this.reloadOne(p.id);
      if (result.ok) items += result.items;
      else refused.push(this.all.length > 1 ? `${p.id}: ${result.reason}` : result.reason);
    }
    if (this.all.length > 1)
      this.logger.info(
        { partnerships: this.all.length, refused: refused.length },
        'content: partnerships reloaded',
      );
    return refused.length ? { ok: false, reason: refused.join('\n') } : { ok: true, items };
  }

  /** Reloads one partnership's pack (its admins' `content reload`), with the same checks. */
  reloadOne(id: string): Promise<ReloadResult> {
    const p = this.all.find((o) => o.id === id);
    if (!p) return Promise.resolve({ ok: false, reason: `no partnership "${id}"` });
    const fits = (next: Guide) =>
      assertPacksFit([
        ...this.all.filter((o) => o !== p).map((o) => ({ id: o.id, pack: o.live.current.pack })),
        { id: p.id, pack: next.pack },
      ]);
    return p.live.reload(this.packs ? fits : undefined);
  }

  /** Guidance items served, over all partnerships (for /healthz). */
  contentItems(): number {
    return this.all.reduce((sum, p) => sum + p.live.current.pack.items.length, 0);
  }

  async close(): Promise<void> {
    for (const p of this.all) await p.live.close();
  }
}

function livePartnership(
  id: string,
  initial: Guide,
  build: () => Promise<Guide>,
  store: Store,
  logger: Logger,
  admins: AdminList,
): LivePartnership {
  const live = new LiveGuide(initial, build, logger.child({ partnership: id }));
  return { id, live, guide: live.guide, store, admins };
}

const SERVES = new WeakMap<Serves, Organisations>();

/** A pack's `serves` as sets (kept per pack: read on every turn). */
function servesOf(guide: Guide): Organisations {
  const serves = guide.pack.settings.serves ?? { tenants: [], slack_teams: [], admins: [] };
  let organisations = SERVES.get(serves);
  if (!organisations) {
    organisations = {
      tenants: new Set(serves.tenants),
      slackTeams: new Set(serves.slack_teams),
      admins: new Set(serves.admins),
    };
    SERVES.set(serves, organisations);
  }
  return organisations;
}
