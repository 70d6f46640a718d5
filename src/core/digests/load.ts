import { loadWholePack } from '../content/checklists-and-digests.js';
import type { ContentPack } from '../content/types.js';
import type { DocumentInfo } from './composer.js';
import type { DigestItem } from './pool.js';
import { DigestService, type DigestServiceOptions } from './service.js';

type PackDerived = 'pool' | 'partnershipName' | 'documents' | 'defaults';

/** The digest settings a content pack gives: partnership name, documents, default day/time/zone. */
export function digestSettings(pack: ContentPack): Pick<DigestServiceOptions, Exclude<PackDerived, 'pool'>> {
  const documents: Record<string, DocumentInfo> = {};
  for (const [key, d] of pack.documents)
    documents[key] = { title: d.title, ...(d.url ? { url: d.url } : {}) };
  return {
    partnershipName: pack.settings.partnership.name,
    documents,
    defaults: {
      day: pack.settings.digest.day,
      time: pack.settings.digest.time,
      timeZone: pack.settings.timezone,
    },
  };
}

/** The one place a DigestService is built from content (Guide, the CLI via Guide, tests, benchmarks). */
export function digestServiceFor(
  pack: ContentPack,
  pool: readonly DigestItem[],
  options: Omit<DigestServiceOptions, PackDerived>,
): DigestService {
  return new DigestService({ ...options, ...digestSettings(pack), pool });
}

/** Loads and validates the content pack in `contentDir` and returns its digest settings and pool. */
export async function loadDigestContent(
  contentDir: string,
): Promise<ReturnType<typeof digestSettings> & { pool: DigestItem[]; pack: ContentPack }> {
  const { pack, digestPool } = await loadWholePack(contentDir);
  return { ...digestSettings(pack), pool: digestPool, pack };
}

/** A DigestService over the content pack in `contentDir`. */
export async function createDigestService(
  contentDir: string,
  options: Omit<DigestServiceOptions, PackDerived>,
): Promise<DigestService> {
  const { pack, pool } = await loadDigestContent(contentDir);
  return digestServiceFor(pack, pool, options);
}
