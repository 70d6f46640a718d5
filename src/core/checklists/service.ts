import { randomUUID } from 'node:crypto';
import { z } from 'zod';
import { ConflictError } from '../errors.js';
import type { Reply, ReplyContact, ReplySource, ReplyWarning } from '../reply.js';
import type { Store, StoredItem } from '../store/store.js';
import { dateTooEarly, readAnswer } from './answers.js';
import { findStep, nextStepId, progress } from './engine.js';
import {
  listReply,
  myRunsReply,
  newReply,
  noticeReply,
  stepReply,
  ANSWER_FIELD,
  type ChecklistReplyContext,
} from './replies.js';
import {
  isExpired,
  runKey,
  runPrefix,
  runProblem,
  runRecordSchema,
  RUN_TTL_MS,
  type RunRecord,
} from './run.js';
import { END, type ChecklistDefinition, type ChecklistStep } from './schema.js';
import { statsFor, statsKey, updateMilestones, type ChecklistStats } from './stats.js';
import { summaryReply } from './summary.js';

export type DetectPii = (text: string) => { found: boolean; kinds: readonly string[] };

export interface ChecklistServiceOptions {
  defs: readonly ChecklistDefinition[];
  store: Store;
  clock: () => Date;
  /** Resolves a pack.yaml contact key (validated at load) to what a reply shows. */
  contacts: (key: string) => ReplyContact;
  detectPii: DetectPii;
  /** Guidance item id → its source entry; unknown ids are left out of `sources`. */
  guidance?: (id: string) => ReplySource | undefined;
  /** pack.yaml document key → title (default: the key). */
  documentTitle?: (key: string) => string | undefined;
  /** IANA zone for timestamps people read (default Europe/London). */
  timeZone?: string;
}

export const OPS = ['answer', 'back', 'pause', 'cancel', 'resume'] as const;

/** What a channel sends back: the form's `state`, the field value(s) and an op. Extra keys are ignored. */
const submission = z.looseObject({
  op: z.enum(OPS).default('answer'),
  runId: z.string().regex(/^[A-Za-z0-9-]{8,64}$/),
  stepId: z.string().max(100).optional(),
  revision: z
    .union([
      z.number().int(),
      z
        .string()
        .regex(/^\d{1,9}$/)
        .transform(Number),
    ])
    .optional(),
  [ANSWER_FIELD]: z.unknown().optional(),
});

type Loaded =
  | { ok: true; item: StoredItem<RunRecord>; run: RunRecord; def: ChecklistDefinition }
  | { ok: false; reply: Reply };

const OUT_OF_DATE: ReplyWarning = {
  level: 'info',
  title: 'This card is out of date',
  text: 'Your checklist has moved on since this card was shown (perhaps on another device or from a second click). Here is where it is now; nothing was changed.',
};

const GONE = 'This checklist is no longer available';

/** Checklist runs for one content pack: start, answer, back, pause, resume, cancel, summary. Platform-neutral. */
export class ChecklistService {
  readonly #defs: Map<string, ChecklistDefinition>;
  readonly #store: Store;
  readonly #clock: () => Date;
  readonly #detectPii: DetectPii;
  readonly #ctx: ChecklistReplyContext;
  /** Today's date (YYYY-MM-DD) in the partnership's time zone. */
  readonly #today: () => string;

  constructor(options: ChecklistServiceOptions) {
    this.#defs = new Map(options.defs.map((d) => [d.id, d]));
    this.#store = options.store;
    this.#clock = options.clock;
    this.#detectPii = options.detectPii;
    const timeZone = options.timeZone ?? 'Europe/London';
    const format = new Intl.DateTimeFormat('en-GB', { dateStyle: 'medium', timeStyle: 'short', timeZone });
    // en-CA formats a date as YYYY-MM-DD, the form date answers are stored in.
    const day = new Intl.DateTimeFormat('en-CA', {
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      timeZone,
    });
    this.#today = () => day.format(this.#clock());
    this.#ctx = {
      contact: options.contacts,
      guidance: options.guidance ?? (() => undefined),
      document: (key) => options.documentTitle?.(key) ?? key,
      time: (iso) => format.format(new Date(iso)),
      checklistTitle: (id) => this.#defs.get(id)?.title ?? id,
    };
  }

  list(): Reply {
    return listReply([...this.#defs.values()], this.#ctx);
  }

  async start(userId: string, checklistId: string): Promise<Reply> {
    const def = this.#defs.get(checklistId);
    if (!def) {
      const reply = this.list();
      reply.warnings.push({
        level: 'info',
        title: 'No checklist by that name',
        text: 'Choose one of these.',
      });
      return reply;
    }
    const now = this.#clock().toISOString();
    const run: RunRecord = {
      v: 1,
      runId: randomUUID(),
      checklistId: def.id,
      status: 'active',
      revision: 0,
      startedAt: now,
      updatedAt: now,
      expiresAt: new Date(Date.parse(now) + RUN_TTL_MS).toISOString(),
      path: [(def.steps[0] as ChecklistStep).id],
      answers: {},
      milestones: {},
    };
    await this.#store.put(runKey(userId, run.runId), run, { ifNoneMatch: '*' });
    await this.#writeStats(run, 'open');
    return stepReply(this.#ctx, def, run);
  }

  /** The run's current step, or its summary once finished. */
  async current(userId: string, runId: string): Promise<Reply> {
    const loaded = await this.#load(userId, runId);
    if (!loaded.ok) return loaded.reply;
    return this.#show(loaded.def, loaded.run);
  }

  async myRuns(userId: string): Promise<Reply> {
    return myRunsReply(this.#ctx, await this.#runsOf(userId), [...this.#defs.values()]);
  }

  /** The user's unfinished runs, newest first, for surfaces that list them (the Slack App Home). */
  async openRuns(userId: string): Promise<{ runId: string; title: string; progress: string }[]> {
    return (await this.#runsOf(userId))
      .filter(({ run }) => run.status !== 'completed')
      .map(({ run, def }) => ({
        runId: run.runId,
        title: def.title,
        progress: progress(def, run.path).text,
      }));
  }

  async #runsOf(userId: string): Promise<{ run: RunRecord; def: ChecklistDefinition }[]> {
    const now = this.#clock();
    const items = await this.#store.list<unknown>(runPrefix(userId));
    const runs = items.flatMap((item) => {
      const parsed = runRecordSchema.safeParse(item.value);
      if (!parsed.success || isExpired(parsed.data, now)) return [];
      const def = this.#defs.get(parsed.data.checklistId);
      return def && runProblem(def, parsed.data) === undefined ? [{ run: parsed.data, def }] : [];
    });
    return runs.sort((a, b) => b.run.updatedAt.localeCompare(a.run.updatedAt));
  }

  /** Handles a card submission. Never throws on bad input; a stale or racing card gets the current step. */
  async submit(userId: string, input: unknown): Promise<Reply> {
    const parsed = submission.safeParse(input);
    if (!parsed.success) {
      const reply = newReply('error', "Sorry, I couldn't read that.");
      reply.summary = 'Open "my checklists" to carry on where you left off.';
      reply.actions.push({ kind: 'command', label: 'My checklists', value: 'my checklists' });
      return reply;
    }
    const { op, runId, stepId, revision } = parsed.data;
    const loaded = await this.#load(userId, runId);
    if (!loaded.ok) return loaded.reply;
    const { item, run, def } = loaded;
    const key = runKey(userId, runId);
    try {
      switch (op) {
        case 'resume':
          if (run.status === 'paused') await this.#save(key, item, { ...run, status: 'active' }, false);
          return this.#show(def, run);
        case 'pause':
          if (run.status === 'completed') return this.#show(def, run);
          await this.#save(key, item, { ...run, status: 'paused' }, false);
          return this.#paused(run);
        case 'cancel':
          await this.#store.delete(key, { ifMatch: item.eTag });
          if (run.status !== 'completed') await this.#writeStats(run, 'cancelled');
          return noticeReply(
            run.status === 'completed' ? 'Checklist deleted' : 'Checklist cancelled',
            'Your answers to this checklist have been deleted.',
          );
        case 'back':
        case 'answer':
          if (run.status === 'completed' || stepId !== run.path.at(-1) || revision !== run.revision) {
            return this.#show(def, run, [OUT_OF_DATE]);
          }
          return op === 'back'
            ? await this.#back(key, item, def, run)
            : await this.#answer(key, item, def, run, parsed.data[ANSWER_FIELD]);
      }
    } catch (error) {
      if (!(error instanceof ConflictError)) throw error;
      // Someone else wrote first (a second click, another device): show what is stored now.
      const fresh = await this.#load(userId, runId);
      return fresh.ok ? this.#show(fresh.def, fresh.run, [OUT_OF_DATE]) : fresh.reply;
    }
  }

  /** Deletes runs past their expiry. Returns how many were deleted. */
  async purgeExpired(): Promise<number> {
    const now = this.#clock();
    let count = 0;
    for (const item of await this.#store.list<unknown>('checklist/')) {
      const parsed = runRecordSchema.safeParse(item.value);
      if (parsed.success && !isExpired(parsed.data, now)) continue;
      if (!parsed.success && !this.#unreadableExpired(item.value, now)) continue;
      try {
        if (await this.#store.delete(item.key, { ifMatch: item.eTag })) count += 1;
      } catch (error) {
        if (!(error instanceof ConflictError)) throw error; // changed meanwhile: no longer expired
      }
    }
    return count;
  }

  #unreadableExpired(value: unknown, now: Date): boolean {
    const expires = (value as { expiresAt?: unknown } | null)?.expiresAt;
    return typeof expires !== 'string' || !(Date.parse(expires) > now.getTime());
  }

  async #load(userId: string, runId: string): Promise<Loaded> {
    const gone = (text: string): Loaded => ({ ok: false, reply: this.#gone(text) });
    const item = await this.#store.get<unknown>(runKey(userId, runId));
    if (!item)
      return gone('It may have been cancelled, finished more than 30 days ago, or started by someone else.');
    const parsed = runRecordSchema.safeParse(item.value);
    const def = parsed.success ? this.#defs.get(parsed.data.checklistId) : undefined;
    if (!parsed.success || !def || runProblem(def, parsed.data) !== undefined) {
      return gone('The checklist has changed since you started it. Please start it again.');
    }
    if (isExpired(parsed.data, this.#clock())) {
      return gone('Checklists are kept for 30 days after your last change, and this one has expired.');
    }
    return { ok: true, item: { ...item, value: parsed.data }, run: parsed.data, def };
  }

  #gone(text: string): Reply {
    const reply = noticeReply(GONE, text);
    reply.actions.push({ kind: 'command', label: 'My checklists', value: 'my checklists' });
    for (const d of this.#defs.values())
      reply.actions.push({ kind: 'command', label: `Start: ${d.title}`, value: `checklist ${d.id}` });
    return reply;
  }

  #show(def: ChecklistDefinition, run: RunRecord, warnings: ReplyWarning[] = []): Reply {
    return run.status === 'completed'
      ? summaryReply(this.#ctx, def, run, warnings)
      : stepReply(this.#ctx, def, run, warnings);
  }

  #paused(run: RunRecord): Reply {
    const reply = noticeReply(
      'Checklist paused',
      'Your place is saved for 30 days. Resume it from "my checklists" on any device.',
    );
    reply.actions.push(
      { kind: 'submit', label: 'Resume', value: 'resume', data: { op: 'resume', runId: run.runId } },
      { kind: 'command', label: 'My checklists', value: 'my checklists' },
    );
    return reply;
  }

  async #save(key: string, item: StoredItem<RunRecord>, next: RunRecord, bump: boolean): Promise<RunRecord> {
    const now = this.#clock();
    const run: RunRecord = {
      ...next,
      revision: bump ? item.value.revision + 1 : item.value.revision,
      updatedAt: now.toISOString(),
      expiresAt: new Date(now.getTime() + RUN_TTL_MS).toISOString(),
    };
    await this.#store.put(key, run, { ifMatch: item.eTag });
    return run;
  }

  async #back(
    key: string,
    item: StoredItem<RunRecord>,
    def: ChecklistDefinition,
    run: RunRecord,
  ): Promise<Reply> {
    if (run.path.length === 1) {
      return stepReply(this.#ctx, def, run, [
        { level: 'info', title: 'This is the first step', text: 'There is no earlier step.' },
      ]);
    }
    const leaving = run.path.at(-1) as string;
    const answers = Object.fromEntries(Object.entries(run.answers).filter(([id]) => id !== leaving));
    const moved = { ...run, status: 'active' as const, path: run.path.slice(0, -1), answers };
    const saved = await this.#save(
      key,
      item,
      { ...moved, milestones: updateMilestones(def, moved, this.#clock()) },
      true,
    );
    await this.#statsIfChanged(run, saved);
    return stepReply(this.#ctx, def, saved);
  }

  async #answer(
    key: string,
    item: StoredItem<RunRecord>,
    def: ChecklistDefinition,
    run: RunRecord,
    raw: unknown,
  ): Promise<Reply> {
    const stepId = run.path.at(-1) as string;
    const s = findStep(def, stepId) as ChecklistStep;
    const read = readAnswer(s, raw);
    const refused = read.ok ? dateTooEarly(s, read.value, this.#today()) : read.message;
    // A refused answer is the same step again, with why on the field (nothing was saved).
    if (!read.ok || refused !== undefined) {
      return stepReply(this.#ctx, def, run, [], refused || 'Please check your answer.');
    }
    if (s.type === 'text' && typeof read.value === 'string') {
      const pii = this.#detectPii(read.value);
      if (pii.found) {
        const reply = stepReply(
          this.#ctx,
          def,
          run,
          [],
          `Not saved: this looks like identifying details. It seems to contain ${describeKinds(pii.kinds)}. Please describe it without names, dates of birth, NHS numbers, addresses or contact details. Nothing was saved.`,
        );
        reply.meta.pii = true;
        return reply;
      }
    }
    const answers = { ...run.answers, [stepId]: read.value };
    const next = nextStepId(def, s, answers);
    const now = this.#clock().toISOString();
    const moved: RunRecord =
      next === END
        ? { ...run, status: 'completed', answers, finishedAt: now }
        : { ...run, status: 'active', answers, path: [...run.path, next] };
    const saved = await this.#save(
      key,
      item,
      { ...moved, milestones: updateMilestones(def, moved, this.#clock()) },
      true,
    );
    if (saved.status === 'completed') await this.#writeStats(saved, 'completed');
    else await this.#statsIfChanged(run, saved);
    return this.#show(def, saved);
  }

  async #statsIfChanged(before: RunRecord, after: RunRecord): Promise<void> {
    if (JSON.stringify(before.milestones) !== JSON.stringify(after.milestones))
      await this.#writeStats(after, 'open');
  }

  async #writeStats(run: RunRecord, status: ChecklistStats['status']): Promise<void> {
    // Stats are last-writer-wins: the run's own eTag already serialises the writes for one run.
    await this.#store.put(statsKey(run.runId), statsFor(run, status));
  }
}

const KIND_NAMES: Record<string, string> = {
  name: 'a name',
  dob: 'a date of birth',
  'nhs-number': 'an NHS number',
  postcode: 'a postcode',
  address: 'an address',
  phone: 'a phone number',
  email: 'an email address',
  'unknown-word':
    "a word I don't store (short answers keep only everyday English and the guidance's own words, so that no name is kept)",
};

function describeKinds(kinds: readonly string[]): string {
  const names = [...new Set(kinds.map((k) => KIND_NAMES[k] ?? 'identifying details'))];
  if (names.length === 0) return 'identifying details';
  return names.length === 1 ? (names[0] as string) : `${names.slice(0, -1).join(', ')} and ${names.at(-1)}`;
}
