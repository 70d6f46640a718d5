import { z } from 'zod';
import type { Store, StoredItem } from '../store/store.js';

/**
 * The report reads every record of a family. One that is not the shape it expects (a `null` left by
 * a hand edit or a half-restored backup, an old or foreign format) is left out and counted, so the
 * rest of the report is still built and the admin is told how many were skipped.
 */
export class SkippedRecords {
  readonly byPrefix: Record<string, number> = {};

  get total(): number {
    return Object.values(this.byPrefix).reduce((n, c) => n + c, 0);
  }

  add(prefix: string): void {
    this.byPrefix[prefix] = (this.byPrefix[prefix] ?? 0) + 1;
  }
}

/** The records under `prefix` that `schema` accepts (as parsed); the others are counted in `skipped`. */
export async function readRecords<T>(
  store: Store,
  prefix: string,
  schema: z.ZodType<T>,
  skipped: SkippedRecords,
): Promise<StoredItem<T>[]> {
  const out: StoredItem<T>[] = [];
  for (const item of await store.list<unknown>(prefix)) {
    const parsed = schema.safeParse(item.value);
    if (parsed.success) out.push({ ...item, value: parsed.data });
    else skipped.add(prefix);
  }
  return out;
}

const count = z.number().finite().nonnegative();

export const feedbackRecord = z.object({
  itemIds: z.array(z.string()).optional(),
  helpful: z.boolean().optional(),
  reason: z.string().optional(),
  at: z.string().optional(),
});

export const checklistStatsRecord = z.object({
  v: z.literal(1),
  checklistId: z.string(),
  startedOn: z.string(),
  status: z.enum(['open', 'completed', 'cancelled']),
  milestones: z.record(z.string(), count),
  skipped: z.array(z.string()),
  answered: count,
  durationMs: count.optional(),
});

export const dailyCountsRecord = z.object({
  answered: count.optional(),
  lowConfidence: count.optional(),
  signposted: count.optional(),
});

export const legacyCountRecord = z.object({ count });

export const questionExampleRecord = z.object({
  v: z.literal(1),
  kind: z.enum(['signposted', 'low-confidence']),
  text: z.string(),
  terms: z.array(z.string()),
  itemId: z.string().optional(),
});
