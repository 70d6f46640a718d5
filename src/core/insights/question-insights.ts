import { randomUUID } from 'node:crypto';
import type { Reply } from '../reply.js';
import type { Store } from '../store/store.js';
import { updateWithRetry } from '../store/update.js';
import { addDays, localDate } from './dates.js';
import { questionTerms, redactQuestion } from './redact-question.js';
import type { Vocabulary } from './vocabulary.js';

/** Questions per partnership-local day, at `question-counts/{YYYY-MM-DD}`. Each question counts once. */
export interface DailyQuestionCounts {
  answered: number;
  lowConfidence: number;
  signposted: number;
}

/**
 * One signposted or low-confidence question, at `question-log/{YYYY-MM-DD}/{random id}`: redacted
 * text and its stemmed terms only. No user, conversation, channel or time of day.
 */
export interface QuestionExample {
  v: 1;
  kind: 'signposted' | 'low-confidence';
  text: string;
  terms: string[];
  /** Low confidence: the item given as the answer. */
  itemId?: string;
}

export const COUNTS_PREFIX = 'question-counts/';
export const LOG_PREFIX = 'question-log/';
export const DEFAULT_QUESTION_LOG_DAYS = 90;
/**
 * Examples kept per partnership-local day by one process; past it a question is counted only. Far
 * above a partnership's day (the report groups a few hundred), it bounds what a flood of questions
 * (a script, a load test: 6,000 examples in one benchmark's minutes) can add to memory and the store.
 */
export const MAX_EXAMPLES_PER_DAY = 2_000;

/** The date part of a `question-log/{date}/{id}` key. */
export const dateOfLogKey = (key: string): string => key.slice(LOG_PREFIX.length, LOG_PREFIX.length + 10);

export interface QuestionInsightsOptions {
  store: Store;
  clock: () => Date;
  /** Days are counted in the partnership's time zone, so weeks start on its Monday. */
  timeZone: string;
  /** Keep examples this many days (today included); 0 keeps none. */
  retentionDays: number;
  /** Capitalised words the guidance uses (acronymsOf(pack)): kept in examples, any other is redacted. */
  acronyms?: ReadonlySet<string>;
  /** The allow-list of words examples may keep (Vocabulary.fromGuidance); others become [word]. */
  vocabulary?: Vocabulary;
  flushEveryMs?: number;
}

type Pending = { counts: Map<string, DailyQuestionCounts>; examples: Map<string, QuestionExample> };
const emptyPending = (): Pending => ({ counts: new Map(), examples: new Map() });

/**
 * Records what the admin report needs about questions: counts for every question, a redacted example
 * for the ones the guidance fell short on (at most MAX_EXAMPLES_PER_DAY a day). Held in memory and written in batches, so answering costs
 * no store write; flushed on a timer, before a report and on close. Old examples are pruned on the
 * first flush of each day.
 */
export class QuestionInsights {
  readonly retentionDays: number;
  private pending = emptyPending();
  private timer?: NodeJS.Timeout;
  private flushing: Promise<void> = Promise.resolve();
  private prunedOn?: string;
  /** The local date, worked out once per minute (Intl formatting on every question showed in turn profiles). */
  private lastDay?: { minute: number; day: string };
  /** Examples recorded today by this process (MAX_EXAMPLES_PER_DAY). */
  private examplesToday = { day: '', count: 0 };

  constructor(private readonly o: QuestionInsightsOptions) {
    if (!Number.isInteger(o.retentionDays) || o.retentionDays < 0)
      throw new RangeError('questionLogDays must be a whole number of days, 0 or more');
    this.retentionDays = o.retentionDays;
  }

  /**
   * A question and the reply it got. Escalations count as answered and are never kept as examples;
   * input problems (empty, too long) are not questions and are not counted.
   */
  record(question: string, reply: Reply): void {
    const kind = classify(reply);
    if (!kind) return;
    const day = this.today();
    const counts = this.pending.counts.get(day) ?? { answered: 0, lowConfidence: 0, signposted: 0 };
    counts[kind === 'low-confidence' ? 'lowConfidence' : kind]++;
    this.pending.counts.set(day, counts);
    if (kind !== 'answered' && this.retentionDays > 0 && this.roomForExample(day)) {
      const text = redactQuestion(question, this.o.acronyms, this.o.vocabulary);
      const example: QuestionExample = { v: 1, kind, text, terms: questionTerms(text) };
      if (kind === 'low-confidence' && reply.meta.itemIds[0]) example.itemId = reply.meta.itemIds[0];
      this.pending.examples.set(`${LOG_PREFIX}${day}/${randomUUID()}`, example);
    }
    this.timer ??= setTimeout(() => {
      this.flush().catch(() => undefined); // the batch went back to pending: the next flush retries it
    }, this.o.flushEveryMs ?? 60_000).unref();
  }

  private roomForExample(day: string): boolean {
    if (this.examplesToday.day !== day) this.examplesToday = { day, count: 0 };
    if (this.examplesToday.count >= MAX_EXAMPLES_PER_DAY) return false;
    this.examplesToday.count += 1;
    return true;
  }

  /** Zone offsets are whole minutes, so the local date only changes on a minute boundary. */
  private today(): string {
    const now = this.o.clock();
    const minute = Math.floor(now.getTime() / 60_000);
    if (this.lastDay?.minute !== minute) this.lastDay = { minute, day: localDate(now, this.o.timeZone) };
    return this.lastDay.day;
  }

  /** Writes what has been recorded so far and prunes expired examples (once a day). */
  flush(): Promise<void> {
    clearTimeout(this.timer);
    this.timer = undefined;
    const batch = this.pending;
    this.pending = emptyPending();
    const run = this.flushing.then(() => this.write(batch));
    this.flushing = run.catch(() => undefined);
    return run;
  }

  /** Final flush. */
  close(): Promise<void> {
    return this.flush();
  }

  private async write(batch: Pending): Promise<void> {
    try {
      for (const [day, n] of batch.counts) {
        await updateWithRetry<DailyQuestionCounts>(this.o.store, `${COUNTS_PREFIX}${day}`, (c) => ({
          answered: (c?.answered ?? 0) + n.answered,
          lowConfidence: (c?.lowConfidence ?? 0) + n.lowConfidence,
          signposted: (c?.signposted ?? 0) + n.signposted,
        }));
        batch.counts.delete(day);
      }
      // Put together, not one after another: the file store commits puts that are queued together
      // in one rewrite of its file, where a put at a time rewrote it once per example.
      const puts = await Promise.allSettled(
        [...batch.examples].map(async ([key, example]) => {
          await this.o.store.put(key, example, { ifNoneMatch: '*' });
          batch.examples.delete(key);
        }),
      );
      const failed = puts.find((p): p is PromiseRejectedResult => p.status === 'rejected');
      if (failed) throw failed.reason;
    } catch (error) {
      for (const [day, n] of batch.counts) {
        const c = this.pending.counts.get(day);
        this.pending.counts.set(day, c ? sum(c, n) : n);
      }
      for (const [key, example] of batch.examples) this.pending.examples.set(key, example);
      throw error;
    }
    await this.prune();
  }

  private async prune(): Promise<void> {
    const today = localDate(this.o.clock(), this.o.timeZone);
    if (this.prunedOn === today) return;
    const keepFrom = addDays(today, 1 - this.retentionDays);
    for (const item of await this.o.store.list<QuestionExample>(LOG_PREFIX)) {
      if (dateOfLogKey(item.key) < keepFrom) await this.o.store.delete(item.key);
    }
    this.prunedOn = today;
  }
}

function classify(reply: Reply): 'answered' | 'low-confidence' | 'signposted' | undefined {
  if (reply.meta.escalation) return 'answered';
  if (reply.kind === 'signpost') return 'signposted';
  if (reply.kind !== 'answer') return undefined;
  return reply.meta.lowConfidence ? 'low-confidence' : 'answered';
}

function sum(a: DailyQuestionCounts, b: DailyQuestionCounts): DailyQuestionCounts {
  return {
    answered: a.answered + b.answered,
    lowConfidence: a.lowConfidence + b.lowConfidence,
    signposted: a.signposted + b.signposted,
  };
}
