import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { parse as parseYaml } from 'yaml';
import { z } from 'zod';
import { CodedError } from '../errors.js';
import type { DocumentInfo } from './composer.js';
import { loadDigestPool, type PoolError } from './pool.js';
import { parseTime, WEEKDAYS } from './schedule.js';
import { DigestService, type DigestServiceOptions } from './service.js';

/** The parts of pack.yaml the digest needs. */
const packSchema = z.object({
  partnership: z.object({ name: z.string().min(1) }),
  timezone: z.string().min(1).default('Europe/London'),
  digest: z
    .object({
      day: z.enum(WEEKDAYS).default('monday'),
      time: z
        .string()
        .refine((t) => parseTime(t) !== undefined, 'time must be HH:MM')
        .default('09:00'),
    })
    .default({ day: 'monday', time: '09:00' }),
  documents: z.record(z.string(), z.object({ title: z.string(), url: z.string().nullish() }).loose()),
});

export interface DigestContent {
  partnershipName: string;
  defaults: DigestServiceOptions['defaults'];
  documents: Record<string, DocumentInfo>;
  pool: Awaited<ReturnType<typeof loadDigestPool>>['items'];
  errors: PoolError[];
}

export async function loadDigestContent(contentDir: string): Promise<DigestContent> {
  const parsed = packSchema.safeParse(parseYaml(await readFile(join(contentDir, 'pack.yaml'), 'utf8')));
  if (!parsed.success) {
    const problems = parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ');
    throw new CodedError('bad_input', `pack.yaml: ${problems}`);
  }
  const pack = parsed.data;
  const documents: Record<string, DocumentInfo> = {};
  for (const [key, d] of Object.entries(pack.documents))
    documents[key] = { title: d.title, ...(d.url ? { url: d.url } : {}) };
  const { items, errors } = await loadDigestPool(join(contentDir, 'audits'), {
    documentKeys: Object.keys(documents),
  });
  const t = parseTime(pack.digest.time)!;
  return {
    partnershipName: pack.partnership.name,
    defaults: {
      day: pack.digest.day,
      time: `${String(t.hour).padStart(2, '0')}:${String(t.minute).padStart(2, '0')}`,
      timeZone: pack.timezone,
    },
    documents,
    pool: items,
    errors,
  };
}

/** A DigestService over the content pack in `contentDir`. */
export async function createDigestService(
  contentDir: string,
  options: Omit<DigestServiceOptions, 'pool' | 'partnershipName' | 'documents' | 'defaults'>,
): Promise<DigestService> {
  const content = await loadDigestContent(contentDir);
  return new DigestService({
    ...options,
    pool: content.pool,
    partnershipName: content.partnershipName,
    documents: content.documents,
    defaults: content.defaults,
  });
}
